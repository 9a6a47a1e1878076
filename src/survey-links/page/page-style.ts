import { createHash } from 'node:crypto';

/**
 * The page's only style, inline (one request per page, nothing else to fetch), allowed by its
 * hash in the CSP. Tap targets are at least 48 px high; the radio inputs stay in the page (and
 * keyboard-reachable) under their labels, which are what one taps.
 */
export const PAGE_STYLE = [
  '*{box-sizing:border-box}',
  'body{margin:0;font:16px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1f2329;background:#f7f8fa}',
  'main{max-width:36rem;margin:0 auto;padding:1rem}',
  'h1{font-size:1.4rem;line-height:1.25;margin:.5rem 0 .75rem}',
  'fieldset{border:0;margin:0 0 1.25rem;padding:0;min-width:0}',
  'legend{font-weight:600;padding:0}',
  '.hint{margin:0 0 .4rem;color:#4a4f57;font-size:.9rem}',
  '.scale{display:flex;flex-wrap:wrap;gap:.4rem}',
  '.scale span{flex:1 0 2.75rem;position:relative}',
  '.scale input{position:absolute;inset:0;margin:0;opacity:0;pointer-events:none}',
  '.scale label{min-height:48px;display:flex;align-items:center;justify-content:center;border:2px solid #6b7079;border-radius:8px;background:#fff;font-size:1.1rem;font-weight:600;cursor:pointer}',
  '.scale input:checked+label{background:#1d4ed8;border-color:#1d4ed8;color:#fff}',
  '.scale input:focus-visible+label{outline:3px solid #b45309;outline-offset:2px}',
  'label.comment{display:block;font-weight:600;margin-bottom:.4rem}',
  'textarea{display:block;width:100%;min-height:6rem;font:inherit;padding:.5rem;border:2px solid #6b7079;border-radius:8px}',
  'button{width:100%;min-height:48px;margin-top:1.25rem;font:inherit;font-weight:600;color:#fff;background:#1d4ed8;border:0;border-radius:8px;cursor:pointer}',
  '.error{color:#b91c1c;font-weight:600;margin:.25rem 0 0}',
  '.alert{border:2px solid #b91c1c;border-radius:8px;padding:.5rem .75rem;margin:0 0 1rem;color:#b91c1c;background:#fff;font-weight:600}',
  'nav{margin-top:2.5rem;font-size:.9rem}',
  'nav ul{list-style:none;padding:0;margin:.25rem 0 0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}',
  'nav a{display:inline-block;padding:.5rem 0;color:#1d4ed8}',
].join('');

const STYLE_HASH = createHash('sha256').update(PAGE_STYLE).digest('base64');

/**
 * Nothing runs and nothing loads: no script at all, the one inline style by its hash, the form
 * posts only to this service, and no other site may frame the page (the URL is a credential).
 */
export const PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${STYLE_HASH}'`,
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');
