// The reference API's envelope: { success, message, data, queryGeneratedTime }.
import type { Schemas } from '@checkout/contract';
import type { ErrorCode } from '../domain/errors.js';

/** Unix time in seconds, as a float (like Python's time.time()). */
export function queryGeneratedTime(): number {
  return (performance.timeOrigin + performance.now()) / 1000;
}

export function success<T>(data: T, message = 'Success') {
  return { success: true as const, message, data, queryGeneratedTime: queryGeneratedTime() };
}

/** The error envelope; `errorCode` is its machine-readable `error_code`. */
export function failure(message: string, errorCode: ErrorCode): Schemas['CommonResponse_NoneType_'] {
  return { success: false, message, data: null, queryGeneratedTime: queryGeneratedTime(), error_code: errorCode };
}
