// Builds the command line into one Node ESM program, dist-cli/karpenter-lab.mjs (the package's
// `bin`), with the engine and the EC2 catalog bundled: no TypeScript compiled at run time. The
// engine is a second chunk, loaded only when a run needs it, so --help and --version stay fast.
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

/** The bin must be executable for `npx karpenter-lab` and a direct `./dist-cli/karpenter-lab.mjs`. */
const executable = (): Plugin => ({
  name: 'karpenter-lab-executable-bin',
  writeBundle(options, bundle) {
    for (const chunk of Object.values(bundle))
      if (chunk.type === 'chunk' && chunk.isEntry)
        chmodSync(join(options.dir ?? 'dist-cli', chunk.fileName), 0o755);
  },
});

export default defineConfig({
  logLevel: 'warn',
  publicDir: false,
  plugins: [executable()],
  build: {
    ssr: 'src/cli/bin.ts',
    outDir: 'dist-cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: false,
    rollupOptions: {
      output: {
        format: 'es',
        entryFileNames: 'karpenter-lab.mjs',
        chunkFileNames: '[name]-[hash].mjs',
        banner: (chunk) => (chunk.isEntry ? '#!/usr/bin/env node' : ''),
      },
    },
  },
  // Bundle every dependency (yaml): the bin runs from a checkout without resolving node_modules.
  ssr: { noExternal: true, target: 'node' },
});
