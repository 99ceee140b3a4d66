// Volume usage against attach limits (karpenter pkg/scheduling/volumeusage.go): per CSI driver, the
// set of claim keys (ns/name) a pod or a node uses. A claim shared by several pods counts once; a
// claim with no driver (NFS, local, hostPath, no class) is never counted; a driver without a limit
// is unlimited. Both Karpenter (existing nodes only) and kube-scheduler (NodeVolumeLimits) use it.

import type { Pod } from '../k8s.ts';
import { driverOf, getClaim, podClaims, type Objects } from './claims.ts';
import { own } from '../own.ts';

export type VolumeUsage = Map<string, Set<string>>;

export function podVolumes(objects: Objects, pod: Pod): VolumeUsage {
  const out: VolumeUsage = new Map();
  const ns = pod.metadata.namespace ?? 'default';
  for (const ref of podClaims(pod)) {
    const c = getClaim(objects, ns, ref.claim);
    if (!c) continue;
    const driver = driverOf(objects, c);
    if (!driver) continue;
    let set = out.get(driver);
    if (!set) out.set(driver, (set = new Set()));
    set.add(`${ns}/${ref.claim}`);
  }
  return out;
}

export function addUsage(into: VolumeUsage, more: VolumeUsage): void {
  for (const [driver, claims] of more) {
    let set = into.get(driver);
    if (!set) into.set(driver, (set = new Set()));
    for (const c of claims) set.add(c);
  }
}

/** The first driver whose unique claims (node ∪ pod) would exceed its limit, else undefined. */
export function exceedsLimits(
  node: ReadonlyMap<string, ReadonlySet<string>>,
  pod: ReadonlyMap<string, ReadonlySet<string>>,
  limits: Readonly<Record<string, number>> | undefined,
): string | undefined {
  if (!limits) return undefined;
  for (const [driver, claims] of pod) {
    const limit = own(limits, driver);
    if (limit === undefined) continue;
    const have = node.get(driver);
    let n = have?.size ?? 0;
    for (const c of claims) if (!have?.has(c)) n++;
    if (n > limit) return driver;
  }
  return undefined;
}
