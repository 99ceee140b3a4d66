import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';

// The built page forbids inline script and any network origin but its own. (Not in dev: Vite's dev
// server injects inline scripts for hot reload.) Monaco sets inline styles, hence 'unsafe-inline' for
// styles only.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'karpenter-lab-csp',
    apply: 'build',
    transformIndexHtml: (html) =>
      html.replace(
        '<meta charset="UTF-8" />',
        `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`,
      ),
  };
}

const local = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// base './' so dist/ works from any static host and any sub-path.
export default defineConfig({
  base: './',
  plugins: [react(), contentSecurityPolicy()],
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
      // Reading a property has no side effect in this code base (no getters with effects), so a
      // module kept only for its top-level reads is dropped: the 225 KB EC2 catalog stays in the
      // engine worker instead of riding into the page's entry chunk through `file.region`.
      treeshake: { propertyReadSideEffects: false },
    },
  },
  test: {
    environment: 'node',
    include: [
      'src/**/*.test.ts',
      'scripts/**/*.test.ts',
      'labs/**/*.test.ts',
      'bench/**/*.test.ts',
    ],
  },
});
