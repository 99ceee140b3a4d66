// Numbers as a learner reads them: 600 CPU, 4 GiB, $0.2800/h, 43.8s, 1,345. The engine keeps
// canonical units (millicores, bytes, USD/h, ms); these helpers are the only place they turn into text.
import type { Resources } from '../sim/quantity.ts';
import { claimWords } from '../sim/engine/lifecycle.ts';
import type { Semantics } from '../sim/version.ts';

/** A NodeClaim as kubectl names it: machine/<name> under v0.31 (v1alpha5), nodeclaim/<name> since. */
export function claimRef(semantics: Semantics, name: string): string {
  return `${claimWords(semantics).object}/${name}`;
}

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

/** 1345 → "1,345" */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** "1 pod", "3 pods" */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

function trim(v: number, digits: number): string {
  return String(Number(v.toFixed(digits)));
}

/** One resource amount in plain units: cpu 600000 → "600 CPU", memory → "4 GiB", pods → "110 pods". */
export function amount(resource: string, v: number): string {
  if (resource === 'cpu') return `${trim(v / 1000, 3)} CPU`;
  if (
    resource === 'memory' ||
    resource === 'ephemeral-storage' ||
    resource.startsWith('hugepages-')
  ) {
    const name = resource === 'memory' ? '' : ` ${resource}`;
    if (v >= GiB) return `${trim(v / GiB, 2)} GiB${name}`;
    if (v >= MiB) return `${trim(v / MiB, 1)} MiB${name}`;
    return `${count(v)} bytes${name}`;
  }
  if (resource === 'pods') return plural(v, 'pod');
  return `${count(v)} ${resource}`;
}

/** The number only, in the same unit amount() uses: cpu 7910 → "7.91". */
export function amountNumber(resource: string, v: number): string {
  if (resource === 'cpu') return trim(v / 1000, 3);
  if (resource === 'memory' || resource === 'ephemeral-storage') return trim(v / GiB, 2);
  return count(v);
}

const ORDER = ['cpu', 'memory', 'pods', 'ephemeral-storage'];

/** Resource names in a stable, readable order: cpu, memory, pods, then the rest alphabetically. */
export function resourceOrder(names: Iterable<string>): string[] {
  const rank = (n: string): number => {
    const i = ORDER.indexOf(n);
    return i < 0 ? ORDER.length : i;
  };
  return [...new Set(names)].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** { cpu: 1000, memory: 2 GiB } → "1 CPU, 2 GiB"; zero values are left out. */
export function resources(r: Resources): string {
  const parts = resourceOrder(Object.keys(r))
    .filter((k) => (r[k] ?? 0) !== 0)
    .map((k) => amount(k, r[k] ?? 0));
  return parts.length === 0 ? 'nothing' : parts.join(', ');
}

/** A pod's requests without the implicit `pods: 1`: "1 CPU, 2 GiB". */
export function podRequests(r: Resources): string {
  const { pods: _pods, ...rest } = r;
  return resources(rest);
}

/** USD/h → "$0.2800/h"; four decimals because fake and spot prices differ in the third. */
export function price(perHour: number, estimate = false): string {
  return `$${perHour.toFixed(4)}/h${estimate ? ' (estimate)' : ''}`;
}

/** USD → "$1.23" (or "$0.0042" below a cent, so small runs do not read as free). */
export function dollars(usd: number): string {
  return usd !== 0 && Math.abs(usd) < 0.01 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`;
}

/** ms since the start → "43.8s", "2m05s", "1h02m"; how the panel labels moments. */
export function clock(ms: number): string {
  if (ms < 60_000) return `${trim(ms / 1000, 1)}s`;
  const totalS = Math.floor(ms / 1000);
  const h = Math.floor(totalS / 3600);
  const m = Math.floor((totalS % 3600) / 60);
  const s = totalS % 60;
  if (h > 0) return `${h}h${String(m).padStart(2, '0')}m`;
  return `${m}m${String(s).padStart(2, '0')}s`;
}

/** A list for prose: ["a"] → "a", ["a","b"] → "a and b", more than `max` → "a, b, c and 4 more". */
export function list(items: readonly string[], max = 3): string {
  if (items.length === 0) return 'none';
  if (items.length > max) return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
  if (items.length === 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

/** A percentage with no false precision: 0.384 → 38. */
export function percent(part: number, whole: number): number {
  return whole <= 0 ? 0 : Math.round((part / whole) * 100);
}
