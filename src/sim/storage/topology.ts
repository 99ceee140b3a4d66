// Volume topology requirements (karpenter scheduling/volumetopology.go GetRequirements, v1.13+):
// each claim contributes alternatives — a bound PV's node-affinity terms, or an unbound claim's
// class allowedTopologies terms — and a pod's alternatives are the cross product over its claims,
// with incompatible combinations pruned (all of them kept if none survives, so the pod fails later
// with the incompatibility text). They narrow a NodeClaim (or must match an existing node) but are
// never part of the pod's own requirements: topology spread ignores them, relaxation never drops them.

import type { NodeSelectorRequirement, PersistentVolume, Pod } from '../k8s.ts';
import { LABEL } from '../labels.ts';
import { Requirements } from '../requirements.ts';
import { getClaim, getClass, getVolume, podClaims, type Objects } from './claims.ts';

/** One alternative as plain selector requirements (kept for "why this zone" text). */
export type Alternative = NodeSelectorRequirement[];

/** Local and hostPath volumes drop their hostname terms: the pod may move to a new node (P13). */
function pvAlternatives(pv: PersistentVolume): Alternative[] | undefined {
  const terms = pv.spec.nodeAffinity?.required?.nodeSelectorTerms ?? [];
  if (terms.length === 0) return undefined;
  const dropHost = pv.spec.local !== undefined || pv.spec.hostPath !== undefined;
  return terms.map((t) =>
    (t.matchExpressions ?? []).filter((e) => !(dropHost && e.key === LABEL.hostname)),
  );
}

/** undefined: no claim constrains the pod; else its alternatives in order (at least one). */
export function volumeAlternatives(objects: Objects, pod: Pod): Alternative[] | undefined {
  const ns = pod.metadata.namespace ?? 'default';
  const perVolume: Alternative[][] = [];
  for (const ref of podClaims(pod)) {
    const c = getClaim(objects, ns, ref.claim);
    if (!c) continue;
    let alts: Alternative[] | undefined;
    if (c.spec.volumeName) {
      const pv = getVolume(objects, c.spec.volumeName);
      alts = pv ? pvAlternatives(pv) : undefined;
    } else if (c.spec.storageClassName) {
      const cls = getClass(objects, c.spec.storageClassName);
      const terms = cls?.allowedTopologies ?? [];
      if (terms.length > 0)
        alts = terms.map((t) =>
          (t.matchLabelExpressions ?? []).map((e) => ({
            key: e.key,
            operator: 'In' as const,
            values: [...e.values],
          })),
        );
    }
    if (alts) perVolume.push(alts);
  }
  if (perVolume.length === 0) return undefined;
  let product: Alternative[] = [[]];
  let unpruned: Alternative[] = [[]];
  for (const alts of perVolume) {
    unpruned = unpruned.flatMap((p) => alts.map((a) => [...p, ...a]));
    product = product.flatMap((p) =>
      alts.flatMap((a) =>
        Requirements.from(p).intersects(Requirements.from(a)) ? [] : [[...p, ...a]],
      ),
    );
  }
  return product.length > 0 ? product : unpruned;
}

/** The zones an alternative set allows (union), for "why this zone" text; undefined = any. */
export function alternativeZones(alts: readonly Alternative[]): string[] | undefined {
  const zones = new Set<string>();
  for (const a of alts) {
    const z = Requirements.from(a).get(LABEL.zone);
    if (z.complement) return undefined;
    for (const v of z.values) zones.add(v);
  }
  return [...zones].sort();
}
