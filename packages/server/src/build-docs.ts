// `pnpm docs:build [--out FILE]`: the API reference as one static HTML file, rendered by the
// same code as GET /docs from the same spec, with Redoc inlined (no CDN, works offline).
// Default: packages/server/dist/docs/index.html.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { inlineScript, redocBundle, renderReferencePage } from './http/docs.js';
import { loadSpec } from './http/spec.js';

const { values } = parseArgs({ options: { out: { type: 'string' } } });
const out = values.out ? resolve(values.out) : fileURLToPath(new URL('./docs/index.html', import.meta.url));
const { html } = renderReferencePage(loadSpec().document, { inline: inlineScript(redocBundle()) });
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, html);
console.log(`wrote ${relative(process.cwd(), out) || out} (${(Buffer.byteLength(html) / 1024).toFixed(0)} KiB, no external requests)`);
