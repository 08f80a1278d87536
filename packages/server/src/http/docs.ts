// The API reference: Redoc renders the very document the validator uses, in the browser.
// Its script is served from node_modules (no CDN: the page works offline and loads nothing
// from elsewhere, which its Content-Security-Policy enforces). `pnpm docs:build` writes the
// same page as one static file, with the script inlined.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import express, { type Request } from 'express';
import type { OpenApiDocument } from '@checkout/contract/openapi';

const require = createRequire(import.meta.url);
const REDOC_VERSION = (require('redoc/package.json') as { version: string }).version;
export const REDOC_SCRIPT_PATH = require.resolve('redoc/bundles/redoc.standalone.js');

/** Where /docs loads Redoc from; versioned so it can be cached for good. */
export const DOCS_ASSET_PATH = `/docs/assets/redoc-${REDOC_VERSION}.standalone.js`;

const REDOC_OPTIONS = {
  expandResponses: '200',
  requiredPropsFirst: true,
  jsonSampleExpandLevel: 4,
  hideHostname: false,
  pathInMiddlePanel: true,
  showExtensions: false,
  theme: { typography: { fontFamily: 'system-ui, sans-serif', headings: { fontFamily: 'system-ui, sans-serif' } } },
};

// Reads the spec from the page (a JSON data block, never executed) and starts Redoc.
const INIT_SCRIPT = `Redoc.init(JSON.parse(document.getElementById('openapi').textContent), ${JSON.stringify(REDOC_OPTIONS)}, document.getElementById('redoc'));`;

/**
 * Redoc's bundle, as we serve it. Its one remote asset, the Redocly logo in the sidebar's
 * "API docs by Redocly" link, is dropped (the img hides itself) so the page fetches nothing
 * from anywhere but this server.
 */
export function redocBundle(): string {
  return readFileSync(REDOC_SCRIPT_PATH, 'utf8').replace('"https://cdn.redoc.ly/redoc/logo-mini.svg"', '""');
}

/**
 * The bundle made safe to inline in a <script> element: `<!--`, `<script` and `</script` occur
 * in it only inside regular expressions and strings, where `\x3C` means the same `<`.
 */
export function inlineScript(source: string): string {
  return source.replace(/<(!--|script|\/script)/gi, '\\x3C$1');
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** Safe inside a <script> element: no `</script>`, no `<!--`. */
const scriptSafe = (text: string) => text.replace(/</g, '\\u003c');

/** Nothing but this page and its own origin: no CDN, no fonts, no third-party requests. */
function contentSecurityPolicy(scriptSources: string[]): string {
  return [
    "default-src 'none'",
    `script-src ${scriptSources.join(' ')}`,
    "style-src 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    'worker-src blob:',
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export interface ReferencePage {
  html: string;
  /** For the Content-Security-Policy header (the static file carries it in a meta tag too). */
  csp: string;
}

/**
 * The reference page for `document`. `script` is either the URL of Redoc's bundle (served by us)
 * or its source, to inline (the static build).
 */
export function renderReferencePage(spec: OpenApiDocument, script: { src: string } | { inline: string }): ReferencePage {
  const document = withAuthenticationSection(spec);
  const title = `${document.info.title ?? 'API'} API reference`;
  const scriptSources = 'src' in script ? ["'self'", sha256(INIT_SCRIPT)] : [sha256(script.inline), sha256(INIT_SCRIPT)];
  const csp = contentSecurityPolicy(scriptSources);
  const redocTag = 'src' in script ? `<script src="${script.src}"></script>` : `<script>${script.inline}</script>`;
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp.replace(/; frame-ancestors [^;]*/, '')}">
<link rel="icon" href="data:,">
<title>${title.replace(/[<>&"]/g, '')}</title>
<style>body { margin: 0; padding: 0; }</style>
</head>
<body>
<div id="redoc"></div>
<script type="application/json" id="openapi">${scriptSafe(JSON.stringify(document))}</script>
${redocTag}
<script>${INIT_SCRIPT}</script>
</body>
</html>
`;
  return { html, csp };
}

/** Redoc's "Authentication" section (every security scheme, described), after the API's description. */
function withAuthenticationSection(document: OpenApiDocument): OpenApiDocument {
  const { info } = document;
  const marker = '<!-- ReDoc-Inject: <security-definitions> -->';
  if (info.description?.includes(marker)) return document;
  return { ...document, info: { ...info, description: `${info.description ?? ''}\n\n# Authentication\n\n${marker}\n` } };
}

const HOST = /^(?:[A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?$/;

/** The spec with this instance's URL (as the browser reached it) as its first server. */
export function withInstanceServer(document: OpenApiDocument, origin: string | undefined): OpenApiDocument {
  if (!origin) return document;
  const servers = (document.servers ?? []).filter((s) => s.url.replace(/\/$/, '') !== origin);
  return { ...document, servers: [{ url: origin, description: 'This server (the instance serving these docs)' }, ...servers] };
}

function originOf(req: Request): string | undefined {
  const host = req.get('host');
  return host && HOST.test(host) ? `${req.protocol}://${host}` : undefined;
}

/** GET /docs and its script. Mounted before the OpenAPI validator: neither path is in the spec. */
export function docsRouter(document: OpenApiDocument): express.Router {
  const router = express.Router();
  // Read on first request, not at start: a large file that most processes never serve.
  let redoc: Buffer | undefined;
  router.get('/docs', (req, res) => {
    const page = renderReferencePage(withInstanceServer(document, originOf(req)), { src: DOCS_ASSET_PATH });
    res.set({ 'Content-Security-Policy': page.csp, 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' });
    res.type('html').send(page.html);
  });
  router.get(DOCS_ASSET_PATH, (_req, res) => {
    res.set({ 'Cache-Control': 'public, max-age=31536000, immutable', 'X-Content-Type-Options': 'nosniff' });
    redoc ??= Buffer.from(redocBundle());
    res.type('application/javascript; charset=utf-8').send(redoc);
  });
  return router;
}
