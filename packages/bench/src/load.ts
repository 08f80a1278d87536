// Drives a target with autocannon: a warm-up, then the measured run.
import autocannon from 'autocannon';

export interface LoadSpec {
  url: string;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  /** One body (or header set) per request, cycled. */
  bodies?: string[];
  authorizations?: string[];
}

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  total: number;
  /** CPU time the server's processes spent per request of the measured run (µs): less swayed than req/s by the load generator sharing the cores. */
  cpuUsPerRequest?: number;
}

function run(spec: LoadSpec, seconds: number, connections: number): Promise<autocannon.Result> {
  let i = 0;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: spec.url,
        connections,
        duration: seconds,
        requests: [
          {
            method: spec.method,
            path: spec.path,
            headers: spec.headers,
            setupRequest: (req) => {
              const n = i++;
              const next = { ...req, headers: { ...req.headers } } as autocannon.Request & { headers: Record<string, string> };
              if (spec.bodies) next.body = spec.bodies[n % spec.bodies.length];
              if (spec.authorizations) next.headers.authorization = spec.authorizations[n % spec.authorizations.length]!;
              return next;
            },
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

export async function measure(
  spec: LoadSpec,
  options: { seconds: number; warmupSeconds: number; connections: number },
  /** The server's CPU time so far (ms), to report CPU per request. */
  cpuMs?: () => number,
): Promise<LoadResult> {
  if (options.warmupSeconds > 0) await run(spec, options.warmupSeconds, options.connections);
  const cpuBefore = cpuMs?.();
  const r = await run(spec, options.seconds, options.connections);
  const cpuAfter = cpuMs?.();
  return {
    ...(cpuBefore !== undefined && cpuAfter !== undefined && r.requests.total > 0
      ? { cpuUsPerRequest: Math.round(((cpuAfter - cpuBefore) * 1000) / r.requests.total) }
      : {}),
    requestsPerSecond: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
    total: r.requests.total,
  };
}
