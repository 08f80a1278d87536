// Sends one request with node:http(s) to the base URL (and only there), bounded in time
// and response size, and renders it as a curl line with secrets replaced by placeholders.
import http from 'node:http';
import https from 'node:https';
import type { ReceivedResponse, SentRequest } from './types.js';

const MAX_RESPONSE_BYTES = 1024 * 1024;

export interface Transport {
  send(request: SentRequest, timeoutMs: number): Promise<ReceivedResponse>;
  close(): void;
}

/** One run's connections (kept alive between requests, closed at the end). */
export function createTransport(): Transport {
  const agents = { 'http:': new http.Agent({ keepAlive: true, maxSockets: 16 }), 'https:': new https.Agent({ keepAlive: true, maxSockets: 16 }) };
  return {
    send: (request, timeoutMs) => send(request, timeoutMs, agents[new URL(request.url).protocol === 'https:' ? 'https:' : 'http:']),
    close() {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}

/** base + path (+ query), refusing anything that would leave the base URL's origin. */
export function targetUrl(base: URL, path: string, query: Record<string, string>): string {
  const prefix = base.pathname.replace(/\/+$/, '');
  const url = new URL(base.origin);
  url.pathname = `${prefix}${path}`;
  for (const [name, value] of Object.entries(query)) url.searchParams.append(name, value);
  if (url.origin !== base.origin) throw new Error(`refusing to send a request outside ${base.origin}: ${url.href}`);
  return url.href;
}

function send(request: SentRequest, timeoutMs: number, agent: http.Agent): Promise<ReceivedResponse> {
  const url = new URL(request.url);
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    const headers: Record<string, string> = {};
    for (const [name, value] of request.headers) headers[name] = value;
    if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
    const req = transport.request(url, { method: request.method, headers, agent, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_RESPONSE_BYTES) chunks.push(chunk);
        else res.destroy();
      });
      const finish = (error?: string) => {
        const out: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.headers)) if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
        resolve({ status: res.statusCode ?? 0, headers: out, body: Buffer.concat(chunks).toString('utf8'), ...(error ? { error } : {}) });
      };
      res.on('end', () => finish());
      res.on('close', () => (size > MAX_RESPONSE_BYTES ? finish(`response larger than ${MAX_RESPONSE_BYTES} bytes (cut)`) : finish()));
      res.on('error', (error) => finish(error.message));
    });
    req.on('timeout', () => req.destroy(new Error(`no response within ${timeoutMs} ms`)));
    req.on('error', (error) => resolve({ status: 0, headers: {}, body: '', error: error.message }));
    if (request.body !== undefined) req.write(request.body);
    req.end();
  });
}

export interface Secret {
  value: string;
  /** What to print instead, e.g. `$CONTRACT_API_KEY`. */
  placeholder: string;
}

export function redact(text: string, secrets: Secret[]): string {
  let out = text;
  for (const secret of secrets) if (secret.value.length >= 4) out = out.split(secret.value).join(secret.placeholder);
  return out;
}

const singleQuoted = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
/** Double quotes let `$VARIABLE` placeholders expand when the line is pasted into a shell. */
const doubleQuoted = (text: string) => `"${text.replace(/(["\\`])/g, '\\$1')}"`;

export function curlLine(request: SentRequest, secrets: Secret[]): string {
  const parts = ['curl', '-sS', '-i', '-X', request.method, singleQuoted(request.url)];
  for (const [name, value] of request.headers) {
    const shown = redact(`${name}: ${value}`, secrets);
    parts.push('-H', shown.includes('$') && shown !== `${name}: ${value}` ? doubleQuoted(shown) : singleQuoted(shown));
  }
  if (request.body !== undefined) parts.push('--data-raw', singleQuoted(redact(request.body, secrets)));
  return parts.join(' ');
}
