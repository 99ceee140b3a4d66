// A NodePool's Ready condition as far as the lab can tell: NodeClassReady is False when the node
// class its nodeClassRef names does not exist, and Karpenter then ignores the pool (v1.0+
// provisioner.go NewScheduler: "ignoring nodepool, not ready"; v0.3x could not resolve its
// instance types, with the same effect). An EC2NodeClass needs AWS to be Ready (subnets, security
// groups, AMIs, an instance profile), which the lab has not, so every class in the workspace is
// taken as Ready. A workspace that defines no node class of the kind at all is taken as written
// against a cluster that has it (a NodePool pasted on its own): its pools are served, and the
// parse warning says so.
import type { NodePool } from '../k8s.ts';
import { objectKey, type ClusterState } from './state.ts';

/** Whether the state holds any object of `kind` (asked only when a referenced class is missing). */
function hasKind(state: ClusterState, kind: string): boolean {
  for (const o of state.objects.values()) if (o.kind === kind) return true;
  return false;
}

/** Why Karpenter would ignore the pool as not Ready; undefined when it is Ready. */
export function nodePoolNotReady(state: ClusterState, np: NodePool): string | undefined {
  if (state.karpenter.semantics === 'v1alpha5') return undefined;
  const ref = np.spec.template.spec.nodeClassRef;
  if (!ref?.name) return undefined;
  const kind = ref.kind ?? 'EC2NodeClass';
  if (state.objects.has(objectKey({ kind, metadata: { name: ref.name } }))) return undefined;
  if (!hasKind(state, kind)) return undefined;
  return `NodeClassReady=False: ${kind} "${ref.name}" does not exist`;
}

/** "NodePool "x": NodeClassReady=False: …" for every pool Karpenter ignores as not Ready. */
export function notReadyPools(state: ClusterState): string[] {
  const out: string[] = [];
  for (const np of state.nodePools.values()) {
    const why = nodePoolNotReady(state, np);
    if (why) out.push(`NodePool "${np.metadata.name ?? ''}" (${why})`);
  }
  return out;
}
