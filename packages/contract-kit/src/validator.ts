// JSON Schema 2020-12 validation of values against any schema of the document (by
// JSON pointer), with ajv's 2020 dialect and ajv-formats: independent of whatever
// validator the server under test uses.
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import type { OpenApiDocument } from './spec.js';

const DOCUMENT_ID = 'openapi.json';

export interface Validator {
  /** Errors (as text) of `value` against the schema at `pointer` (`#/…`); empty when valid. */
  errors(pointer: string, value: unknown): string[];
  isValid(pointer: string, value: unknown): boolean;
}

export function createValidator(document: OpenApiDocument): Validator {
  const ajv = new Ajv2020.default({ strict: false, allErrors: true, validateFormats: true });
  addFormats.default(ajv);
  ajv.addSchema(document as object, DOCUMENT_ID);
  const cache = new Map<string, ValidateFunction>();
  const compiled = (pointer: string) => {
    let validate = cache.get(pointer);
    if (!validate) {
      validate = ajv.compile({ $ref: `${DOCUMENT_ID}${pointer}` });
      cache.set(pointer, validate);
    }
    return validate;
  };
  return {
    errors(pointer, value) {
      const validate = compiled(pointer);
      if (validate(value)) return [];
      return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
    },
    isValid(pointer, value) {
      return compiled(pointer)(value) === true;
    },
  };
}
