// package.json's `engines.node` is what the installed packages need (issue 16 item 4): every Node
// release it admits satisfies the `engines.node` of every package in package-lock.json (platform
// binaries that npm skips elsewhere aside), and it admits the oldest release of each supported line.
// A dependency bump that drops a Node line (as @axe-core/playwright 4.14 dropped Node 20) fails here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

type Version = [number, number, number];

const cmp = (a: Version, b: Version) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** "20.19" → [20, 19, 0] and how many parts were written (a bare "18" means any 18.x). */
function parse(text: string): { v: Version; parts: number } {
  const parts = text.split('.');
  if (!/^\d+(\.\d+){0,2}$/.test(text)) throw new Error(`not a version: "${text}"`);
  const n = parts.map(Number);
  return { v: [n[0] ?? 0, n[1] ?? 0, n[2] ?? 0], parts: parts.length };
}

/** The upper bound (exclusive) of a partial version: "18" → 19.0.0, "20.19" → 20.20.0. */
function next({ v, parts }: { v: Version; parts: number }): Version {
  if (parts === 1) return [v[0] + 1, 0, 0];
  if (parts === 2) return [v[0], v[1] + 1, 0];
  return [v[0], v[1], v[2] + 1];
}

/** A node-semver range as engines fields write it: `||` of space-separated comparators. */
function satisfies(version: Version, range: string): boolean {
  return range.split('||').some((branch) =>
    branch
      .trim()
      .replace(/([<>=^~]+)\s+/g, '$1')
      .split(/\s+/)
      .every((token) => {
        const m = /^(\^|~|>=|<=|>|<|=)?(.+)$/.exec(token);
        if (!m || token === '') throw new Error(`unreadable range "${range}"`);
        const [, op = '', rest = ''] = m;
        if (rest === '*' || rest === 'x') return true;
        const p = parse(rest);
        const c = cmp(version, p.v);
        if (op === '>=') return c >= 0;
        if (op === '>') return c > 0;
        if (op === '<') return c < 0;
        if (op === '<=') return c <= 0;
        if (op === '^') {
          const upper: Version = p.v[0] > 0 ? [p.v[0] + 1, 0, 0] : [0, p.v[1] + 1, 0];
          return c >= 0 && cmp(version, upper) < 0;
        }
        if (op === '~') return c >= 0 && cmp(version, [p.v[0], p.v[1] + 1, 0]) < 0;
        return c >= 0 && cmp(version, next(p)) < 0; // bare or "=": that version, or that line
      }),
  );
}

interface LockEntry {
  engines?: { node?: string } | string[];
  optional?: boolean;
  os?: string[];
  cpu?: string[];
}

const read = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));
const ours: string = read('../package.json').engines.node;
const lock = read('../package-lock.json').packages as Record<string, LockEntry>;
/** Installed on some machine: a platform binary (os/cpu set and optional) is skipped elsewhere. */
const needs = Object.entries(lock).flatMap(([path, e]) =>
  path !== '' && !Array.isArray(e.engines) && e.engines?.node && !(e.optional && (e.os ?? e.cpu))
    ? [{ name: path.replace(/^.*node_modules\//, ''), range: e.engines.node }]
    : [],
);
const releases: Version[] = [];
for (let major = 16; major <= 30; major++)
  for (let minor = 0; minor <= 40; minor++) releases.push([major, minor, 0]);

describe('engines.node in package.json', () => {
  it('reads the ranges the way npm does', () => {
    expect(satisfies([20, 19, 0], '^20.19.0 || >=22.12.0')).toBe(true);
    expect(satisfies([21, 0, 0], '^20.19.0 || >=22.12.0')).toBe(false);
    expect(satisfies([22, 12, 0], '>= 22.12')).toBe(true);
    expect(satisfies([20, 5, 0], '18 || 20 || >=22')).toBe(true);
    expect(satisfies([19, 5, 0], '18 || 20 || >=22')).toBe(false);
    expect(satisfies([0, 4, 9], '^0.4.0')).toBe(true);
    expect(satisfies([0, 5, 0], '^0.4.0')).toBe(false);
  });

  it('admits no Node release that an installed package refuses', () => {
    expect(needs.length).toBeGreaterThan(50);
    const refused = releases
      .filter((v) => satisfies(v, ours))
      .flatMap((v) =>
        needs
          .filter((n) => !satisfies(v, n.range))
          .map((n) => `Node ${v.join('.')}: ${n.name} needs ${n.range}`),
      );
    expect(refused.slice(0, 5)).toEqual([]);
  });

  it('admits the first release of each line every package accepts (20.19, 22.13, 24)', () => {
    const everyone = releases.filter((v) => needs.every((n) => satisfies(v, n.range)));
    const firstOfLine = everyone.filter((v, i) => v[0] !== everyone[i - 1]?.[0] && v[0] <= 24);
    expect(firstOfLine.map((v) => v.join('.'))).toEqual(['20.19.0', '22.13.0', '24.0.0']);
    for (const v of firstOfLine) expect(satisfies(v, ours), v.join('.')).toBe(true);
  });
});
