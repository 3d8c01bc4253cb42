/**
 * client/vite.config — builds the explorer into dist/client, where the API
 * server serves it; in development Vite serves it and proxies /api.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  // Preact's automatic JSX runtime, through Vite's own transformer: no plugin needed.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    sourcemap: true,
    // sigma + codemirror are big on their own; the warning would only be noise.
    chunkSizeWarningLimit: 1500,
  },
  worker: { format: 'es' },
  resolve: {
    // graph/csv writes with csv-stringify's sync API, whose Node build reads Buffer when it loads; its
    // browser build carries what it needs.
    alias: { 'csv-stringify/sync': 'csv-stringify/browser/esm/sync' },
  },
  server: {
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
});
