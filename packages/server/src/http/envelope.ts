// The reference API's envelope: { success, message, data, queryGeneratedTime }.
import type { Schemas } from '@checkout/contract';

/** Unix time in seconds, as a float (like Python's time.time()). */
export function queryGeneratedTime(): number {
  return (performance.timeOrigin + performance.now()) / 1000;
}

export function success<T>(data: T, message = 'Success') {
  return { success: true as const, message, data, queryGeneratedTime: queryGeneratedTime() };
}

export function failure(message: string): Schemas['CommonResponse_NoneType_'] {
  return { success: false, message, data: null, queryGeneratedTime: queryGeneratedTime() };
}
