// The SDK's styles. Every selector starts with .ck-checkout, so nothing leaks into the
// merchant's page; custom properties (--ck-*) are the theming surface.
const CSS = `
.ck-checkout {
  --ck-accent: #1d4ed8; --ck-accent-hover: #1e3a8a; --ck-on-accent: #ffffff;
  --ck-text: #111827; --ck-muted: #4b5563; --ck-border: #d1d5db; --ck-surface: #ffffff;
  --ck-success: #047857; --ck-danger: #b91c1c; --ck-focus: #111827;
  box-sizing: border-box; max-width: 26rem; padding: 1.5rem; border: 1px solid var(--ck-border);
  border-radius: 0.75rem; background: var(--ck-surface); color: var(--ck-text);
  font: 400 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; text-align: left;
}
.ck-checkout *, .ck-checkout *::before, .ck-checkout *::after { box-sizing: inherit; }
.ck-checkout [hidden] { display: none !important; }
.ck-checkout .ck-title { margin: 0 0 0.25rem; font-size: 1rem; font-weight: 600; color: var(--ck-muted); }
.ck-checkout .ck-amount { margin: 0 0 1rem; font-size: 2rem; font-weight: 700; line-height: 1.2; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
.ck-checkout .ck-facts { display: grid; grid-template-columns: auto 1fr; gap: 0.375rem 1rem; margin: 0 0 1.25rem; }
.ck-checkout .ck-fact { display: contents; }
.ck-checkout .ck-facts dt { color: var(--ck-muted); }
.ck-checkout .ck-facts dd { margin: 0; text-align: right; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
.ck-checkout .ck-soon { color: var(--ck-danger); font-weight: 600; }
.ck-checkout .ck-button {
  appearance: none; display: block; width: 100%; min-height: 3rem; margin: 0; padding: 0.5rem 1rem;
  border: 0; border-radius: 0.5rem; background: var(--ck-accent); color: var(--ck-on-accent);
  font: inherit; font-weight: 600; cursor: pointer;
}
.ck-checkout .ck-button:hover:not(:disabled) { background: var(--ck-accent-hover); }
.ck-checkout .ck-button:disabled { cursor: progress; opacity: 0.7; }
.ck-checkout .ck-button:focus-visible, .ck-checkout .ck-status:focus-visible {
  outline: 3px solid var(--ck-focus); outline-offset: 3px;
}
.ck-checkout .ck-status { margin: 0; }
.ck-checkout .ck-status:not(:empty) { margin: 0 0 1rem; }
.ck-checkout[data-state="completed"] .ck-status,
.ck-checkout[data-state="already-completed"] .ck-status { color: var(--ck-success); font-weight: 600; }
.ck-checkout[data-state="expired"] .ck-status,
.ck-checkout[data-state="invalid-token"] .ck-status,
.ck-checkout[data-state="error"] .ck-status { color: var(--ck-danger); font-weight: 600; }
.ck-checkout[data-state="expired"] .ck-amount { color: var(--ck-muted); text-decoration: line-through; }
.ck-checkout[data-state="loading"] .ck-status::before,
.ck-checkout[data-state="paying"] .ck-status::before {
  content: ""; display: inline-block; width: 0.9em; height: 0.9em; margin-right: 0.5em; vertical-align: -0.1em;
  border: 2px solid currentColor; border-right-color: transparent; border-radius: 50%;
  animation: ck-spin 0.8s linear infinite;
}
@keyframes ck-spin { to { transform: rotate(360deg); } }
@media (prefers-reduced-motion: reduce) {
  .ck-checkout[data-state="loading"] .ck-status::before, .ck-checkout[data-state="paying"] .ck-status::before { animation: none; }
}
`;

const MARKER = 'data-ck-checkout-styles';
let installed: WeakSet<Document> | undefined;

/** Adds the styles to the document once: a constructed sheet where supported (no <style> node, CSP-friendly). */
export function installStyles(doc: Document): void {
  installed ??= new WeakSet();
  if (installed.has(doc)) return;
  installed.add(doc);
  const view = doc.defaultView;
  if (view && 'adoptedStyleSheets' in doc && typeof view.CSSStyleSheet === 'function') {
    try {
      const sheet = new view.CSSStyleSheet();
      sheet.replaceSync(CSS);
      doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
      return;
    } catch {
      // fall through to a <style> element
    }
  }
  if (doc.head.querySelector(`style[${MARKER}]`)) return;
  const style = doc.createElement('style');
  style.setAttribute(MARKER, '');
  style.textContent = CSS;
  doc.head.append(style);
}
