import { fileURLToPath } from 'node:url';

/** Absolute path of the contract (spec/openapi.yaml at the repository root). */
export const specPath: string = fileURLToPath(new URL('../../../spec/openapi.yaml', import.meta.url));

/**
 * The same document as JSON (src/openapi.gen.json, written by `pnpm generate`), with the
 * SHA-256 of the YAML it was generated from, so a reader can tell when it is stale.
 */
export const specJsonPath: string = fileURLToPath(new URL('../src/openapi.gen.json', import.meta.url));
