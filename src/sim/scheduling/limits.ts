// NodePool limits during a solve (§1.5, §1.7). Limits compare against instance CAPACITY, and after
// each new NodeClaim the pool's remainder drops by the LARGEST capacity among its options — pessimistic
// on purpose, so a batch may take several rounds rather than overshoot. Worked example: limits.cpu 3,
// options {2-cpu, 4-cpu} → remaining 3 − 4 = −1, so no further NodeClaim this round.
import type { NodePool } from '../k8s.ts';
import { formatQuantity, parseLimits, type Resources } from '../quantity.ts';
import type { InstanceType } from '../catalog/types.ts';
import type { MutableResources } from './resources.ts';
import type { NodeLimits } from '../version.ts';

export const NODES = 'nodes';

/** Parsed limits per limits object (a NodePool's spec is never mutated; every solve and dry run
 *  used to re-parse them). */
const parsed = new WeakMap<object, Resources>();

function limitsOf(np: NodePool): Resources {
  const raw = np.spec.limits as Record<string, string | number>;
  let r = parsed.get(raw);
  if (!r) parsed.set(raw, (r = parseLimits(raw)));
  return r;
}

/** limits − usage, per limited resource; pools without limits get no entry. `nodes` is kept only
 *  where the solve enforces it (v1.11+, version.ts NodeLimits): before, no node's capacity carried
 *  it, so the remainder never moved and never ruled a type out. */
export function remainingLimits(
  nodePools: readonly NodePool[],
  usage: ReadonlyMap<string, Resources>,
  nodes: NodeLimits = 'scheduler',
): Map<string, MutableResources> {
  const out = new Map<string, MutableResources>();
  for (const np of nodePools) {
    if (!np.spec.limits) continue;
    const limits = limitsOf(np);
    const used = usage.get(np.metadata.name ?? '') ?? {};
    const rem: MutableResources = {};
    for (const k in limits) {
      if (k === NODES && nodes !== 'scheduler') continue;
      rem[k] = (limits[k] ?? 0) - (used[k] ?? 0);
    }
    out.set(np.metadata.name ?? '', rem);
  }
  return out;
}

/** The first limit a pool's usage is strictly above: which resource, its usage and its limit. */
export interface Exceeded {
  resource: string;
  usage: number;
  limit: number;
}

/**
 * provisioner.go Create: `Limits.ExceededBy(usage)` before a NodeClaim is created, with the pool's
 * usage from before the batch (the cluster state has not seen the batch's own NodeClaims yet):
 * the first resource whose usage is strictly above its limit, in name order; undefined when none.
 * `nodes` counts only where the usage carries it (v1.0+).
 */
export function exceededLimit(
  np: NodePool,
  usage: Resources | undefined,
  nodes: NodeLimits,
): Exceeded | undefined {
  if (!np.spec.limits || !usage) return undefined;
  const limits = limitsOf(np);
  for (const k of Object.keys(usage).sort()) {
    if (k === NODES && nodes === 'ignored') continue;
    const limit = limits[k];
    const used = usage[k] ?? 0;
    if (limit !== undefined && used > limit) return { resource: k, usage: used, limit };
  }
  return undefined;
}

/** `Limits.ExceededBy`'s error (wrapped as "creating node claim, …" by the provisioner). */
export const USAGE_EXCEEDS_LIMIT = 'resource usage exceeds limit';

/** Karpenter's error for a refused NodeClaim, with the values its log line carries. */
export function exceededMessage(r: {
  nodePool: string;
  resource: string;
  usage: number;
  limit: number;
}): string {
  const q = (v: number) => formatQuantity(r.resource, v);
  return `creating node claim, ${USAGE_EXCEEDS_LIMIT} (NodePool=${r.nodePool}, resource-name=${r.resource}, usage=${q(r.usage)}, limit=${q(r.limit)})`;
}

/** The types whose capacity fits the remaining limits; the same array when all of them do (so
 *  per-list caches keyed by the array keep working). */
export function filterByRemainingResources(
  types: readonly InstanceType[],
  remaining: Resources,
): readonly InstanceType[] {
  // Usually every option fits (limits far away): the largest capacity per key says so at once.
  let all = true;
  for (const k in remaining) {
    if (maxCapacity(types, k) > (remaining[k] ?? 0)) {
      all = false;
      break;
    }
  }
  if (all) return types;
  const kept = types.filter((it) => {
    for (const k in remaining) if ((it.capacity[k] ?? 0) > (remaining[k] ?? 0)) return false;
    return true;
  });
  return kept.length === types.length ? types : kept;
}

const maxCache = new WeakMap<readonly InstanceType[], Map<string, number>>();

/** The largest capacity of `k` among the types (0 when none has it), cached per list; a NaN
 *  capacity is skipped, as the filter keeps such a type. */
function maxCapacity(types: readonly InstanceType[], k: string): number {
  let m = maxCache.get(types);
  if (!m) maxCache.set(types, (m = new Map()));
  let v = m.get(k);
  if (v === undefined) {
    v = 0;
    for (const it of types) {
      const c = it.capacity[k] ?? 0;
      if (c > v) v = c;
    }
    m.set(k, v);
  }
  return v;
}

/** After a new NodeClaim, the pool's remainder drops by the largest capacity among its options.
 *  No type's capacity carries `nodes`, so a solve's own NodeClaims never count against a `nodes`
 *  limit (upstream: only existing nodes do, and creation checks the usage from before the batch). */
export function subtractMax(remaining: MutableResources, types: readonly InstanceType[]): void {
  if (types.length === 0) return;
  subtractLargest(remaining, (k) => {
    let max = 0;
    for (const it of types) max = Math.max(max, it.capacity[k] ?? 0);
    return max;
  });
}

/** subtractMax given the largest capacity per key (max(0, …) over a non-empty option list, NaN
 *  when one is NaN), e.g. OptionSet.maxCapacity without building the list. */
export function subtractLargest(
  remaining: MutableResources,
  largest: (key: string) => number,
): void {
  for (const k in remaining) {
    if (k === NODES) continue;
    remaining[k] = (remaining[k] ?? 0) - largest(k);
  }
}

/** The limited resources that rule out even the smallest option (for a plain-words reason). */
export function exhaustedLimits(types: readonly InstanceType[], remaining: Resources): string[] {
  return Object.keys(remaining)
    .filter((k) => types.every((it) => (it.capacity[k] ?? 0) > (remaining[k] ?? 0)))
    .sort();
}
