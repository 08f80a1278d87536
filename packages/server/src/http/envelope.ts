// The reference API's envelope: { success, message, data, queryGeneratedTime }.
import type { Schemas } from '@checkout/contract';
import type { ErrorCode } from '../domain/errors.js';

/** Unix time in seconds, as a float (like Python's time.time()). */
export function queryGeneratedTime(): number {
  return (performance.timeOrigin + performance.now()) / 1000;
}

/** The success envelope around `data`; `generatedAt` (Unix seconds) is when the result was produced, now by default. */
export function success<T>(data: T, generatedAt = queryGeneratedTime()) {
  return { success: true as const, message: 'Success', data, queryGeneratedTime: generatedAt };
}

/** The error envelope; `errorCode` is its machine-readable `error_code`. */
export function failure(message: string, errorCode: ErrorCode): Schemas['CommonResponse_NoneType_'] {
  return { success: false, message, data: null, queryGeneratedTime: queryGeneratedTime(), error_code: errorCode };
}
