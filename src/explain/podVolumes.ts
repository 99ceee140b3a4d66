// The details panel's "Volumes" section for a pod: each claim → volume → zone, and one sentence on
// why that zone constrained (or will constrain) where the pod could run. Karpenter turns a bound
// volume's node affinity, or an unbound WaitForFirstConsumer claim's allowedTopologies, into a zone
// requirement on the NodeClaim it launches (pkg/controllers/provisioning/scheduling/volumetopology.go);
// an Immediate claim must be bound before Karpenter looks at the pod at all.
import type { ClusterState, PodRec, Timeline } from '../sim/engine/index.ts';
import { LABEL } from '../sim/labels.ts';
import { clock } from './format.ts';
import type { PodVolumes } from './types.ts';
import { podClaims, type ClaimView } from './volumes.ts';

/** When each claim's volume appeared (the PV was applied or provisioned), from object events. */
function volumeCreatedAt(timeline: Timeline, pv: string, t: number): number | undefined {
  for (const e of timeline.events) {
    if (e.t > t) break;
    if (
      e.type === 'object.applied' &&
      e.object.kind === 'PersistentVolume' &&
      e.object.metadata.name === pv
    )
      return e.t;
  }
  // In the starting workspace (initial state) it existed from 0.
  return timeline.initial.objects.has(`PersistentVolume//${pv}`) ? 0 : undefined;
}

function row(c: ClaimView): PodVolumes['rows'][number] {
  const mode = c.bindingMode ? ` (${c.bindingMode})` : '';
  return {
    claim: c.name,
    phase: c.phase,
    storageClass:
      c.storageClass === undefined
        ? '<unset>'
        : c.storageClass === ''
          ? '""'
          : `${c.storageClass}${mode}`,
    volume: c.volume ?? '—',
    zone: c.zones.join(', ') || '—',
  };
}

/** One sentence: why the pod is (or will be) in the zone its volumes say. */
function why(
  timeline: Timeline,
  state: ClusterState,
  rec: PodRec,
  claims: ClaimView[],
  t: number,
): string {
  const node = rec.nodeName === undefined ? undefined : state.nodes.get(rec.nodeName);
  const zone = node?.zone ?? node?.labels[LABEL.zone];
  const missing = claims.find((c) => c.phase === 'Missing');
  if (missing)
    return `Claim ${missing.name} does not exist: Karpenter ignores the pod and kube-scheduler refuses it until the claim is created.`;
  const deleting = claims.find((c) => c.phase === 'Terminating');
  if (deleting)
    return `Claim ${deleting.name} is being deleted: no scheduler places a pod on a deleting claim.`;
  const unbound = claims.find((c) => c.phase !== 'Bound');
  if (unbound) {
    if (unbound.bindingMode === 'WaitForFirstConsumer') {
      const allowed =
        unbound.zones.length > 0
          ? ` in ${unbound.zones.join(' or ')} (the class's allowedTopologies)`
          : '';
      return `Claim ${unbound.name} waits for its first consumer: Karpenter picks the node${allowed} on price, and the volume is then created in that node's zone.`;
    }
    if (unbound.storageClass === '' || unbound.storageClass === undefined)
      return `Claim ${unbound.name} is unbound and names no storage class: only a matching pre-created volume could bind it, and Karpenter ignores the pod ("unbound pvc must define a storage class").`;
    return `Claim ${unbound.name} uses Immediate binding: its volume must be created before the pod can be scheduled, so Karpenter ignores the pod until then. The provisioner picks the zone from the nodes that exist; with none, the claim cannot bind.`;
  }
  const pinned = claims.filter((c) => c.zonesFrom === 'volume');
  if (pinned.length === 0)
    return 'Its volumes have no zone affinity, so they do not constrain where it runs.';
  const first = pinned[0];
  if (!first) return '';
  const zones = first.zones.join(' or ');
  const volume = first.volume ?? '?';
  const born = volumeCreatedAt(timeline, volume, t);
  // Created after this pod was: the claim waited for it, so the volume followed the pod.
  if (zone !== undefined && born !== undefined && born >= rec.createdAt && born > 0)
    return `The volume followed the pod: ${first.name} waited for its first consumer, Karpenter chose ${zone} for the node, and ${volume} was created there at ${clock(born)}. From now on this pod, and any pod re-created for this claim, can only run in ${zone}.`;
  const req = `${LABEL.zone} In [${first.zones.join(' ')}]`;
  if (zone !== undefined)
    return `Its volume ${volume} (claim ${first.name}) lives in ${zones}, so Karpenter could only launch for it there (a volume requirement ${req} on the NodeClaim, never relaxed) and kube-scheduler only binds it to nodes in ${zones}.`;
  return `Its volume ${volume} (claim ${first.name}) lives in ${zones}: Karpenter adds ${req} to the NodeClaim it launches for this pod and never relaxes it; if the NodePool cannot launch there, the pod stays Pending with "incompatible volume requirements".`;
}

export function explainPodVolumes(
  timeline: Timeline,
  state: ClusterState,
  rec: PodRec,
  t: number,
): PodVolumes | undefined {
  const claims = podClaims(state, rec);
  if (claims.length === 0) return undefined;
  return { rows: claims.map(row), why: why(timeline, state, rec, claims, t) };
}
