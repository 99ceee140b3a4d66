// The Node twin of index.ts: reads labs/*/README.md with fs (tests, scripts). Same parser.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCatalog } from './catalog.ts';
import type { Lab, LabError } from './types.ts';

export const LABS_DIR = fileURLToPath(new URL('../../labs', import.meta.url));

export function loadLabs(dir: string = LABS_DIR): { labs: Lab[]; errors: LabError[] } {
  const files: Record<string, string> = {};
  for (const id of readdirSync(dir)) {
    const path = join(dir, id, 'README.md');
    if (existsSync(path)) files[`/labs/${id}/README.md`] = readFileSync(path, 'utf8');
  }
  return buildCatalog(files);
}
