// The cluster as the timeline sees it at one instant, and the pure reducer that moves it forward.
// Records are immutable: apply() replaces a record, never edits it, so a snapshot is a shallow copy
// of the maps (cheap), and stateAt() can rebuild any moment from the nearest snapshot.
import type { SimEvent } from './events.ts';
import type {
  ClusterState,
  KarpenterState,
  NodeClaimRec,
  NodeRec,
  NodeStateName,
  PodRec,
} from './records.ts';

export type {
  ClusterState,
  KarpenterState,
  LaunchInfo,
  NodeClaimPhase,
  NodeClaimRec,
  NodeRec,
  NodeStateName,
  PodPhaseRec,
  PodRec,
  Semantics,
} from './records.ts';

export function emptyState(karpenter: KarpenterState): ClusterState {
  return {
    time: 0,
    karpenter,
    nodePools: new Map(),
    objects: new Map(),
    pods: new Map(),
    nodeClaims: new Map(),
    nodes: new Map(),
    unavailable: new Map(),
  };
}

/** A copy that apply() can advance without touching the original (records are shared: immutable). */
export function cloneState(s: ClusterState): ClusterState {
  return {
    time: s.time,
    karpenter: s.karpenter,
    nodePools: new Map(s.nodePools),
    objects: new Map(s.objects),
    pods: new Map(s.pods),
    nodeClaims: new Map(s.nodeClaims),
    nodes: new Map(s.nodes),
    unavailable: new Map(s.unavailable),
  };
}

export function objectKey(o: {
  kind: string;
  metadata: { name?: string; namespace?: string };
}): string {
  const ns =
    o.kind === 'Node' ||
    o.kind === 'RuntimeClass' ||
    o.kind === 'StorageClass' ||
    o.kind === 'PersistentVolume' ||
    o.kind === 'CSINode' ||
    o.kind === 'NodePool' ||
    o.kind.endsWith('NodeClass') ||
    o.kind === 'Provisioner' ||
    o.kind === 'AWSNodeTemplate' ||
    o.kind === 'Scenario'
      ? ''
      : (o.metadata.namespace ?? 'default');
  return `${o.kind}/${ns}/${o.metadata.name ?? ''}`;
}

/** What the cluster's API calls a pool: a Provisioner under v1alpha5 semantics, else a NodePool. */
export function poolKind(state: ClusterState): 'NodePool' | 'Provisioner' {
  return state.karpenter.semantics === 'v1alpha5' ? 'Provisioner' : 'NodePool';
}

/**
 * Whether a pod is finished. A crash-looping pod (CrashLoopBackOff, e.g. `exec format error`) keeps
 * restarting: Kubernetes leaves it in phase Running on its node, so it still occupies the node and
 * the node is not empty for disruption. The lab shows it as Failed, but it is not terminal.
 */
export function isTerminal(p: { phase: string; reason?: string }): boolean {
  return p.phase === 'Failed' && p.reason !== 'CrashLoopBackOff';
}

export function nodeStateName(n: NodeRec): NodeStateName {
  if (n.terminatedAt !== undefined) return 'terminated';
  if (n.deletingAt !== undefined) return n.drainingAt !== undefined ? 'draining' : 'terminating';
  if (n.drainingAt !== undefined) return 'draining';
  if (!n.ready) return 'not-ready';
  return n.unschedulable ? 'cordoned' : 'ready';
}

// One helper per record type: explicit types keep literal fields ('Running') from widening.
function patchPod(s: ClusterState, k: string, f: (v: PodRec) => PodRec): void {
  const v = s.pods.get(k);
  if (v !== undefined) s.pods.set(k, f(v));
}
function patchClaim(s: ClusterState, k: string, f: (v: NodeClaimRec) => NodeClaimRec): void {
  const v = s.nodeClaims.get(k);
  if (v !== undefined) s.nodeClaims.set(k, f(v));
}
function patchNode(s: ClusterState, k: string, f: (v: NodeRec) => NodeRec): void {
  const v = s.nodes.get(k);
  if (v !== undefined) s.nodes.set(k, f(v));
}

/** Advance `s` in place by one event (the engine's live state and stateAt() both use this). */
export function applyInPlace(s: ClusterState, e: SimEvent): void {
  s.time = e.t;
  switch (e.type) {
    case 'karpenter.changed':
      s.karpenter = e.karpenter;
      return;
    case 'object.applied':
      if (e.object.kind === 'NodePool') s.nodePools.set(e.object.metadata.name ?? '', e.object);
      else s.objects.set(objectKey(e.object), e.object);
      return;
    case 'object.deleted':
      if (e.kind === 'NodePool') s.nodePools.delete(e.key);
      else s.objects.delete(e.key);
      return;
    case 'claim.created':
      s.objects.set(objectKey(e.claim), e.claim);
      return;
    case 'volume.provisioned': {
      s.objects.set(objectKey(e.volume), e.volume);
      const key = `PersistentVolumeClaim/${e.claim}`;
      const c = s.objects.get(key);
      if (c?.kind === 'PersistentVolumeClaim')
        s.objects.set(key, {
          ...c,
          metadata: {
            ...c.metadata,
            annotations: { ...c.metadata.annotations, 'pv.kubernetes.io/bind-completed': 'yes' },
          },
          spec: { ...c.spec, volumeName: e.volume.metadata.name ?? '' },
          status: { phase: 'Bound' },
        });
      return;
    }
    case 'pod.created':
      s.pods.set(e.pod.key, e.pod);
      return;
    case 'pod.unschedulable':
      // A pod found unschedulable is no longer waiting on an earlier nomination.
      patchPod(s, e.pod, (p) => {
        const { error: _e, nominatedTo: _n, ...rest } = p;
        return {
          ...rest,
          reason: e.reason,
          message: e.message,
          ...(e.error ? { error: e.error } : {}),
        };
      });
      return;
    case 'pod.nominated':
      patchPod(s, e.pod, (p) => {
        const { error: _e, reason: _r, message: _m, ...rest } = p;
        return { ...rest, nominatedTo: e.nodeClaim };
      });
      return;
    case 'pod.bound':
      patchPod(s, e.pod, (p) => {
        const { error: _e, reason: _r, message: _m, nominatedTo: _n, ...rest } = p;
        return { ...rest, nodeName: e.node, boundAt: e.t };
      });
      return;
    case 'pod.running':
      patchPod(s, e.pod, (p) => ({ ...p, phase: 'Running', startedAt: e.t }));
      return;
    case 'pod.failed':
      patchPod(s, e.pod, (p) => ({ ...p, phase: 'Failed', reason: e.reason, message: e.message }));
      return;
    case 'pod.terminating':
      patchPod(s, e.pod, (p) => ({ ...p, phase: 'Terminating' }));
      return;
    case 'pod.deleted':
      s.pods.delete(e.pod);
      return;
    case 'nodeclaim.created':
      s.nodeClaims.set(e.nodeClaim.name, e.nodeClaim);
      return;
    case 'nodeclaim.launched':
      patchClaim(s, e.nodeClaim, (c) => ({
        ...c,
        phase: 'Launched',
        launchedAt: e.t,
        launch: e.launch,
      }));
      return;
    case 'nodeclaim.failed':
      patchClaim(s, e.nodeClaim, (c) => ({
        ...c,
        phase: 'Failed',
        error: e.error,
        deletedAt: e.t,
      }));
      unnominate(s, e.nodeClaim);
      return;
    case 'node.registered':
      s.nodes.set(e.node.name, e.node);
      if (e.node.nodeClaim !== undefined)
        patchClaim(s, e.node.nodeClaim, (c) => ({
          ...c,
          phase: 'Registered',
          registeredAt: e.t,
          nodeName: e.node.name,
        }));
      return;
    case 'node.ready':
      patchNode(s, e.node, (n) => ({ ...n, ready: true, readyAt: e.t }));
      if (e.nodeClaim !== undefined)
        patchClaim(s, e.nodeClaim, (c) => ({ ...c, phase: 'Initialized', initializedAt: e.t }));
      return;
    case 'node.updated':
      patchNode(s, e.node, (n) => ({ ...n, ...e.patch }));
      return;
    case 'node.draining':
      patchNode(s, e.node, (n) => ({ ...n, drainingAt: e.t }));
      return;
    case 'node.interrupted':
      patchNode(s, e.node, (n) => ({ ...n, reclaimAt: e.reclaimAt }));
      return;
    case 'nodeclaim.deleting':
      patchClaim(s, e.nodeClaim, (c) =>
        c.deletingAt === undefined ? { ...c, phase: 'Deleting', deletingAt: e.t } : c,
      );
      if (e.node !== undefined)
        patchNode(s, e.node, (n) => (n.deletingAt === undefined ? { ...n, deletingAt: e.t } : n));
      return;
    case 'nodeclaim.deleted':
      patchClaim(s, e.nodeClaim, (c) => ({ ...c, phase: 'Deleted', deletedAt: e.t }));
      unnominate(s, e.nodeClaim);
      if (e.node !== undefined)
        patchNode(s, e.node, (n) => ({ ...n, terminatedAt: e.t, ready: false }));
      return;
    case 'offering.unavailable':
      s.unavailable.set(e.offering, e.until);
      return;
    case 'offering.available':
      s.unavailable.delete(e.offering);
      return;
    case 'k8s':
    case 'action':
    case 'progress':
      return;
  }
}

/**
 * The NodeClaim a pod was nominated to is gone (launch failed, deleted). The pod never stopped being
 * PodScheduled=False/Unschedulable as far as kube-scheduler is concerned, so it is provisionable
 * again and goes into the next batch (§1.14.5).
 */
function unnominate(s: ClusterState, nodeClaim: string): void {
  for (const p of s.pods.values()) {
    if (p.nominatedTo === nodeClaim) {
      const { nominatedTo: _n, ...rest } = p;
      s.pods.set(p.key, {
        ...rest,
        reason: 'Unschedulable',
        message: `its NodeClaim ${nodeClaim} is gone; waiting for the next provisioning batch`,
      });
    }
  }
}

/** The pure form: a new state, the input untouched. */
export function apply(s: ClusterState, e: SimEvent): ClusterState {
  const next = cloneState(s);
  applyInPlace(next, e);
  return next;
}
