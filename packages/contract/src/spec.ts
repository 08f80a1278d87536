import { fileURLToPath } from 'node:url';

/** Absolute path of the contract (spec/openapi.yaml at the repository root). */
export const specPath: string = fileURLToPath(new URL('../../../spec/openapi.yaml', import.meta.url));
