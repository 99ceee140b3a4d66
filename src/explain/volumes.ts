// A pod's volumes as the learner reads them: claim → PersistentVolume → zone, from the objects the
// engine keeps in state.objects (lookups from src/sim/storage/claims.ts, the engine's own). One
// reader for the console (describe pvc "Used By"), the view frames (the canvas glyph), the details
// panel and the lab checks, so they never disagree.
import type { ClusterState, PodRec } from '../sim/engine/index.ts';
import type { StorageClass } from '../sim/k8s.ts';
import { LABEL, normalizeLabelKey } from '../sim/labels.ts';
import {
  driverOf,
  getClaim,
  getClass,
  getVolume,
  isBound,
  podClaims as claimRefs,
  volumeZones,
} from '../sim/storage/claims.ts';

export type ClaimPhase = 'Pending' | 'Bound' | 'Lost' | 'Terminating' | 'Missing';

export interface ClaimView {
  namespace: string;
  name: string;
  phase: ClaimPhase;
  /** The class the claim names (after defaulting); '' = explicitly none; undefined = unset. */
  storageClass?: string;
  /** The class's volumeBindingMode, when the class exists. */
  bindingMode?: string;
  /** The bound PersistentVolume. */
  volume?: string;
  /** The zone(s) the volume lives in (its node affinity), or the class's allowed zones. */
  zones: string[];
  /** Where `zones` come from: the bound volume, or the unbound claim's class. */
  zonesFrom?: 'volume' | 'class';
  driver?: string;
}

/** Zones an unbound claim's class allows (allowedTopologies on either zone key), sorted. */
function classZones(sc: StorageClass): string[] {
  const zones = new Set<string>();
  for (const t of sc.allowedTopologies ?? [])
    for (const e of t.matchLabelExpressions ?? [])
      if (normalizeLabelKey(e.key) === LABEL.zone) for (const v of e.values) zones.add(v);
  return [...zones].sort();
}

export function claimView(state: ClusterState, namespace: string, name: string): ClaimView {
  const pvc = getClaim(state.objects, namespace, name);
  if (!pvc) return { namespace, name, phase: 'Missing', zones: [] };
  const className = pvc.spec.storageClassName;
  const sc = className ? getClass(state.objects, className) : undefined;
  const pv = pvc.spec.volumeName ? getVolume(state.objects, pvc.spec.volumeName) : undefined;
  // A claim written already bound (volumeName + bind-completed, as `kubectl get -o yaml` of a bound
  // claim minus its status) is Bound: the PV controller would set that phase on its first sync.
  const phase: ClaimPhase =
    pvc.metadata.deletionTimestamp !== undefined
      ? 'Terminating'
      : (pvc.status?.phase ?? (isBound(pvc) ? 'Bound' : 'Pending'));
  const zones = pv ? (volumeZones(pv) ?? []) : sc ? classZones(sc) : [];
  const driver = driverOf(state.objects, pvc);
  return {
    namespace,
    name,
    phase,
    ...(className === undefined ? {} : { storageClass: className }),
    ...(sc ? { bindingMode: sc.volumeBindingMode ?? 'Immediate' } : {}),
    ...(pvc.spec.volumeName ? { volume: pvc.spec.volumeName } : {}),
    zones,
    ...(zones.length === 0 ? {} : { zonesFrom: pv ? ('volume' as const) : ('class' as const) }),
    ...(driver === undefined ? {} : { driver }),
  };
}

/** The claims of a pod, in the order its volumes list them. */
export function podClaims(state: ClusterState, p: PodRec): ClaimView[] {
  const ns = p.pod.metadata.namespace ?? 'default';
  return claimRefs(p.pod).map((r) => claimView(state, ns, r.claim));
}

/** Pods that mount a claim (describe pvc's "Used By"), sorted by key. */
export function claimUsers(state: ClusterState, namespace: string, name: string): PodRec[] {
  return [...state.pods.values()]
    .filter(
      (p) =>
        (p.pod.metadata.namespace ?? 'default') === namespace &&
        claimRefs(p.pod).some((r) => r.claim === name),
    )
    .sort((a, b) => (a.key < b.key ? -1 : 1));
}

/** A pod held to zones by a bound volume: the reason a node's pods can only move within them. */
export interface VolumePin {
  pod: string;
  claim: string;
  zones: string[];
}

/** The bound, zonal volumes of these pods (the ones Karpenter turns into zone requirements). */
export function volumePins(state: ClusterState, pods: readonly PodRec[]): VolumePin[] {
  const out: VolumePin[] = [];
  for (const p of pods)
    for (const c of podClaims(state, p))
      if (c.phase === 'Bound' && c.zonesFrom === 'volume' && c.zones.length > 0)
        out.push({ pod: p.pod.metadata.name ?? p.key, claim: c.name, zones: c.zones });
  return out;
}

/**
 * Why disruption keeps such a node's pods in their zones, in words: consolidation and drift
 * simulate with the same volume requirements as provisioning (disruption/helpers.go
 * SimulateScheduling), so the pods may only go to existing nodes in those zones or to ONE
 * replacement launched there, judged cheaper on that zone's offerings alone.
 */
export function pinSentence(pins: readonly VolumePin[]): string {
  const zones = [...new Set(pins.flatMap((p) => p.zones))].sort();
  const shown = pins
    .slice(0, 3)
    .map((p) => `${p.pod}'s ${p.claim}`)
    .join(', ');
  const more = pins.length > 3 ? ` and ${pins.length - 3} more` : '';
  const where = zones.join(' or ');
  return `Volumes pin its pods to ${where} (${shown}${more}): consolidation and drift can only move them to nodes in ${where}, or replace this node with one launched there, cheaper on ${where}'s prices alone.`;
}
