// NodePool limits during a solve (§1.5, §1.7). Limits compare against instance CAPACITY, and after
// each new NodeClaim the pool's remainder drops by the LARGEST capacity among its options — pessimistic
// on purpose, so a batch may take several rounds rather than overshoot. Worked example: limits.cpu 3,
// options {2-cpu, 4-cpu} → remaining 3 − 4 = −1, so no further NodeClaim this round.
import type { NodePool } from '../k8s.ts';
import { parseLimits, type Resources } from '../quantity.ts';
import type { InstanceType } from '../catalog/types.ts';
import type { MutableResources } from './resources.ts';

export const NODES = 'nodes';

/** limits − usage, per limited resource; pools without limits get no entry. */
export function remainingLimits(
  nodePools: readonly NodePool[],
  usage: ReadonlyMap<string, Resources>,
): Map<string, MutableResources> {
  const out = new Map<string, MutableResources>();
  for (const np of nodePools) {
    if (!np.spec.limits) continue;
    const limits = parseLimits(np.spec.limits as Record<string, string | number>);
    const used = usage.get(np.metadata.name ?? '') ?? {};
    const rem: MutableResources = {};
    for (const k in limits) rem[k] = (limits[k] ?? 0) - (used[k] ?? 0);
    out.set(np.metadata.name ?? '', rem);
  }
  return out;
}

/** The types whose capacity fits the remaining limits; the same array when all of them do (so
 *  per-list caches keyed by the array keep working). */
export function filterByRemainingResources(
  types: readonly InstanceType[],
  remaining: Resources,
): readonly InstanceType[] {
  const kept = types.filter((it) => {
    for (const k in remaining) if ((it.capacity[k] ?? 0) > (remaining[k] ?? 0)) return false;
    return true;
  });
  return kept.length === types.length ? types : kept;
}

/** Upstream subtracts only capacity, which never includes `nodes`; the lab also counts the new
 *  node against a `nodes` limit, so one solve cannot overshoot it (see CONTEXT.md). */
export function subtractMax(remaining: MutableResources, types: readonly InstanceType[]): void {
  if (types.length === 0) return;
  for (const k in remaining) {
    if (k === NODES) {
      remaining[k] = (remaining[k] ?? 0) - 1;
      continue;
    }
    let max = 0;
    for (const it of types) max = Math.max(max, it.capacity[k] ?? 0);
    remaining[k] = (remaining[k] ?? 0) - max;
  }
}

/** The limited resources that rule out even the smallest option (for a plain-words reason). */
export function exhaustedLimits(types: readonly InstanceType[], remaining: Resources): string[] {
  return Object.keys(remaining)
    .filter((k) => types.every((it) => (it.capacity[k] ?? 0) > (remaining[k] ?? 0)))
    .sort();
}
