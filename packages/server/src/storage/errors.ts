// Storage errors the domain may need to tell apart, free of Prisma types.

/** True when a write failed on a unique constraint (Prisma P2002), e.g. a lost creation race. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}

/**
 * True when the error means the database could not be reached or failed
 * (as opposed to a bug in a query): callers answer 503, not 500.
 */
const UNAVAILABLE_KINDS = new Set(['ConnectionClosed', 'DatabaseNotReachable', 'SocketTimeout', 'TooManyConnections', 'TlsConnectionError']);

export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { name?: string; code?: unknown; cause?: unknown; message?: string; meta?: { driverAdapterError?: { cause?: { kind?: string } } } };
  if (e.name === 'PrismaClientInitializationError') return true;
  // Driver-adapter errors (Prisma 7) say what kind of failure they were.
  const kind = e.meta?.driverAdapterError?.cause?.kind;
  if (kind && UNAVAILABLE_KINDS.has(kind)) return true;
  if (typeof e.code === 'string' && /^(P1001|P1002|P1008|P1017|P2024|ECONNREFUSED|ECONNRESET|ETIMEDOUT|SQLITE_BUSY|SQLITE_CANTOPEN|57P01|57P03|53300)$/.test(e.code)) {
    return true;
  }
  if (typeof e.message === 'string' && /Can't reach database server|Server has closed the connection|Connection terminated|ECONNREFUSED|database is locked|connection timeout|Timed out fetching a new connection/i.test(e.message)) {
    return true;
  }
  return e.cause !== undefined && e.cause !== error && isDatabaseUnavailable(e.cause);
}
