import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { CSP_DEV, CSP_HEADER, CSP_META } from './scripts/csp.ts';
import { offline, SW_FILE } from './scripts/offline.ts';

function contentSecurityPolicy(): Plugin {
  return {
    name: 'karpenter-lab-csp',
    apply: 'build',
    transformIndexHtml: (html) =>
      html.replace(
        '<meta charset="UTF-8" />',
        `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CSP_META}" />`,
      ),
  };
}

const local = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const serviceWorker = offline(local('src/offline/sw.ts'));

// base './' so dist/ works from any static host and any sub-path.
export default defineConfig({
  base: './',
  plugins: [react(), contentSecurityPolicy(), serviceWorker.plugin],
  server: { headers: { 'Content-Security-Policy': CSP_DEV } },
  preview: { headers: { 'Content-Security-Policy': CSP_HEADER } },
  worker: { format: 'es' },
  resolve: {
    // monaco-yaml's worker imports prettier for "Format Document" only: it loads on first use
    // (src/editorWorker/lazyPrettier.ts) instead of with every editor (~440 KB).
    alias: [
      { find: /^prettier\/standalone$/, replacement: local('src/editorWorker/lazyPrettier.ts') },
      {
        find: /^prettier\/plugins\/(yaml|estree)$/,
        replacement: local('src/editorWorker/prettierPluginStub.ts'),
      },
    ],
  },
  optimizeDeps: { include: ['monaco-yaml/yaml.worker.js'] },
  build: {
    chunkSizeWarningLimit: 5000,
    sourcemap: false,
    rolldownOptions: {
      input: { index: local('index.html'), ...serviceWorker.input },
      // The service worker sits beside index.html (its scope is the page's folder), unhashed.
      output: {
        entryFileNames: (chunk) => (chunk.name === 'sw' ? SW_FILE : 'assets/[name]-[hash].js'),
      },
      // Reading a property has no side effect in this code base (no getters with effects), so a
      // module kept only for its top-level reads is dropped: the 225 KB EC2 catalog stays in the
      // engine worker instead of riding into the page's entry chunk through `file.region`.
      treeshake: { propertyReadSideEffects: false },
    },
  },
  test: {
    environment: 'node',
    // Property tests and whole-pipeline runs take ~1 s alone but can pass 5 s on a shared, loaded
    // machine; a timeout is not what these tests assert (speed lives in `npm run bench`).
    testTimeout: 30_000,
    include: [
      'src/**/*.test.ts',
      'scripts/**/*.test.ts',
      'labs/**/*.test.ts',
      'bench/**/*.test.ts',
    ],
  },
});
