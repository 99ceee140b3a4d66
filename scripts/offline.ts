// Offline after the first visit: builds src/offline/sw.ts as dist/sw.js and writes into it the list
// of every file of the build (the page, Monaco, every worker and lazy chunk, public files), with a
// version that changes whenever any file does, which is how browsers notice a new deploy.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Plugin } from 'vite';

export const SW_FILE = 'sw.js';
const PLACEHOLDER = /(["'`])__PRECACHE_MANIFEST__\1/;

export interface Emitted {
  fileName: string;
  /** The file's bytes or text: the version changes whenever any file does. */
  source: string | Uint8Array;
}

/** Source maps and the worker itself are not precached; the page is cached as the scope URL. */
export function precacheManifest(
  files: readonly Emitted[],
  sw: string,
): { version: string; files: string[] } {
  const kept = files
    .filter((f) => f.fileName !== sw && !f.fileName.endsWith('.map'))
    .sort((a, b) => (a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0));
  const hash = createHash('sha256');
  for (const f of kept) hash.update(f.fileName).update('\0').update(f.source).update('\0');
  return {
    version: hash.digest('hex').slice(0, 16),
    files: ['./', ...kept.map((f) => f.fileName).filter((n) => n !== 'index.html')],
  };
}

function filesUnder(dir: string): Emitted[] {
  let names: string[];
  try {
    names = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  } catch {
    return []; // no public dir
  }
  return names.flatMap((name) => {
    const path = join(dir, name);
    try {
      return [{ fileName: relative(dir, path).split('\\').join('/'), source: readFileSync(path) }];
    } catch {
      return []; // a directory
    }
  });
}

/** The build input for the service worker, and the plugin that fills in its precache list. */
export function offline(swSource: string): { input: Record<string, string>; plugin: Plugin } {
  let publicDir = '';
  return {
    input: { sw: swSource },
    plugin: {
      name: 'karpenter-lab-offline',
      apply: 'build',
      enforce: 'post',
      configResolved(config) {
        publicDir = config.publicDir;
      },
      generateBundle(_options, bundle) {
        const sw = bundle[SW_FILE];
        if (!sw || sw.type !== 'chunk') return this.error(`${SW_FILE} is missing from the build`);
        const built = Object.values(bundle).map((f) => ({
          fileName: f.fileName,
          source: f.type === 'chunk' ? f.code : f.source,
        }));
        const manifest = precacheManifest([...built, ...filesUnder(publicDir)], SW_FILE);
        if (!PLACEHOLDER.test(sw.code))
          return this.error(`${SW_FILE} has no __PRECACHE_MANIFEST__ placeholder`);
        sw.code = sw.code.replace(PLACEHOLDER, JSON.stringify(manifest));
      },
    },
  };
}
