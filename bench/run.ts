// npm run bench [-- filter]  — runs every *.bench.ts in this folder, one line per case.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { runCase, type BenchCase } from './harness.ts';

const dir = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2] ?? '';
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort();
for (const f of files) {
  const mod = (await import(pathToFileURL(join(dir, f)).href)) as { cases?: BenchCase[] };
  for (const c of mod.cases ?? []) {
    if (!`${c.suite}/${c.name}`.includes(filter)) continue;
    console.log(runCase(c));
  }
}
