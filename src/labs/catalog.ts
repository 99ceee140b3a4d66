// Turns the raw README texts (however they were read) into the lab catalog, in the frontmatter's
// `order` (the suggested path), then by id. Both
// loaders share it: index.ts (Vite, at build time) and node.ts (fs, for tests and the CLI).
import { parseLab } from './parse.ts';
import type { Lab, LabError } from './types.ts';

/** "/labs/karpenter-jit-scaling/README.md" → "karpenter-jit-scaling". */
export function labIdOf(path: string): string | undefined {
  return /(?:^|\/)labs\/([^/]+)\/README\.md$/.exec(path)?.[1];
}

export function buildCatalog(files: Readonly<Record<string, string>>): {
  labs: Lab[];
  errors: LabError[];
} {
  const labs: Lab[] = [];
  const errors: LabError[] = [];
  for (const [path, text] of Object.entries(files)) {
    const id = labIdOf(path);
    if (id === undefined) continue;
    const r = parseLab(id, text);
    errors.push(...r.errors);
    if (r.lab) labs.push(r.lab);
  }
  const rank = (l: Lab) => l.meta.order ?? Number.POSITIVE_INFINITY;
  labs.sort((a, b) => rank(a) - rank(b) || (a.id < b.id ? -1 : 1));
  return { labs, errors };
}
