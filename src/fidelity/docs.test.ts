// docs/fidelity.md stays true: its per-area table counts the fixtures that exist, and every case
// it calls not expressible names a simplification that both docs/simplifications.md and the app's
// list (src/ui/simplifications.ts) show.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SIMPLIFICATIONS } from '../ui/simplifications.ts';
import { AREAS, allCases } from './cases.ts';
import { FIXTURES } from './harness.ts';

const root = join(FIXTURES, '..', '..');
const doc = readFileSync(join(root, 'docs', 'fidelity.md'), 'utf8');
const simplificationsDoc = readFileSync(join(root, 'docs', 'simplifications.md'), 'utf8');

/** The rows of the markdown table that follows a heading. */
function table(heading: string): string[][] {
  const at = doc.indexOf(`## ${heading}`);
  if (at < 0) throw new Error(`docs/fidelity.md has no "## ${heading}"`);
  const rows: string[][] = [];
  for (const line of doc.slice(at).split('\n').slice(1)) {
    if (line.startsWith('## ')) break;
    if (!line.startsWith('|') || /^\|\s*-/.test(line)) continue;
    rows.push(
      line
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim()),
    );
  }
  return rows.slice(1); // the header
}

const plain = (s: string): string => s.replace(/\*\*/g, '').replace(/\s+/g, ' ').toLowerCase();

describe('docs/fidelity.md', () => {
  const cases = allCases();
  const totals = table('Totals per upstream area');
  const inexpressible = table('Not expressible (and why)');

  it('counts, per area, the translated fixtures and the cases it lists as not expressible', () => {
    for (const area of AREAS) {
      const row = totals.find((r) => r[0] === area);
      expect(row, `a row for ${area}`).toBeDefined();
      const translated = cases.filter((c) => c.area === area).length;
      const notExpressible = inexpressible.filter((r) => r[0] === area).length;
      expect(row?.slice(2), area).toEqual([
        String(translated),
        String(translated),
        String(notExpressible),
      ]);
    }
    const total = totals.find((r) => r[0] === '**total**');
    expect(total?.slice(2)).toEqual([
      `**${cases.length}**`,
      `**${cases.length}**`,
      `**${inexpressible.length}**`,
    ]);
  });

  it('names, for each case not expressible, a simplification the docs and the app both show', () => {
    const app = plain(SIMPLIFICATIONS.join(' '));
    const docs = plain(simplificationsDoc);
    for (const [area, test, why, named] of inexpressible) {
      expect(why, `${area}: ${test}`).toBeTruthy();
      expect(docs, `docs/simplifications.md names "${named}"`).toContain(plain(named ?? '?'));
      expect(app, `src/ui/simplifications.ts names "${named}"`).toContain(plain(named ?? '?'));
    }
  });

  it('gives every fixture a unique name and an upstream test file', () => {
    const names = new Set<string>();
    for (const c of cases) {
      expect(c.upstream).toMatch(/(^|aws\/karpenter-provider-aws )(pkg|test)\/.*_test\.go$/);
      expect(names.has(c.path), c.path).toBe(false);
      names.add(c.path);
    }
  });
});
