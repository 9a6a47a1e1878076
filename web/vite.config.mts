import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/** The reports page, built into dist/web and served by the service at /reports/. */
export default defineConfig({
  root: import.meta.dirname,
  base: '/reports/',
  // Preact's automatic JSX runtime, without a Babel-based plugin.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: resolve(import.meta.dirname, '..', 'dist', 'web'),
    // Nothing else of the server's lives in the page's directory (scripts/build.js gives it
    // a fresh one with --outDir).
    emptyOutDir: true,
    // A manifest for the bundle-size check (scripts/web-budget.js).
    manifest: true,
    // The page's CSP allows scripts from 'self' only: no inline module-preload polyfill.
    modulePreload: { polyfill: false },
  },
});
