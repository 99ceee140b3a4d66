// What every command reads: the timeline, the moment under the cursor and the cluster at that
// moment, plus facts only the event history knows (when an object was applied, when a pod crashed),
// indexed once per timeline.
import type { ClusterState, SimEvent, Timeline } from '../sim/engine/index.ts';
import type { KubeObject } from '../sim/k8s.ts';

export interface ConsoleContext {
  timeline: Timeline;
  /** The moment under the cursor, ms since the simulation started. */
  t: number;
  /** stateAt(timeline, t). */
  state: ClusterState;
  /** Documents `kubectl apply -f <name>` can refer to (the workspace's held-back documents). */
  documents?: Readonly<Record<string, readonly KubeObject[]>>;
}

interface TimelineFacts {
  /** "Kind/name" (cluster-scoped) or "Kind/namespace/name" → first time it was applied. */
  appliedAt: Map<string, number>;
  /** Objects controllers created (not applied), by the same key → first time. */
  createdAt: Map<string, number>;
  /** pod key → times it went to Failed (CrashLoopBackOff starts the restart clock). */
  failedAt: Map<string, number>;
}

const cache = new WeakMap<Timeline, TimelineFacts>();

function factsOf(timeline: Timeline): TimelineFacts {
  const hit = cache.get(timeline);
  if (hit) return hit;
  const facts: TimelineFacts = { appliedAt: new Map(), createdAt: new Map(), failedAt: new Map() };
  const note = (e: SimEvent): void => {
    if (e.type === 'object.applied') {
      const m = e.object.metadata;
      const key = objectRef(e.object.kind, m.name ?? '', m.namespace);
      if (!facts.appliedAt.has(key)) facts.appliedAt.set(key, e.t);
    } else if (e.type === 'pod.failed') facts.failedAt.set(e.pod, e.t);
  };
  timeline.events.forEach(note);
  cache.set(timeline, facts);
  return facts;
}

function objectRef(kind: string, name: string, namespace: string | undefined): string {
  return namespace === undefined ? `${kind}/${name}` : `${kind}/${namespace}/${name}`;
}

/** When a stored object (NodePool, Deployment, Provisioner…) first appeared; 0 for the workspace. */
export function appliedAt(ctx: ConsoleContext, o: KubeObject): number {
  const key = objectRef(o.kind, o.metadata.name ?? '', o.metadata.namespace);
  return factsOf(ctx.timeline).appliedAt.get(key) ?? 0;
}

/**
 * When an object came to exist: applied from the workspace or a Scenario action, or created by a
 * controller (a StatefulSet's claims, a provisioned volume). 0 for the starting workspace.
 */
export function createdAt(ctx: ConsoleContext, o: KubeObject): number {
  const key = objectRef(o.kind, o.metadata.name ?? '', o.metadata.namespace);
  const facts = factsOf(ctx.timeline);
  return facts.createdAt.get(key) ?? facts.appliedAt.get(key) ?? 0;
}

/** When the pod last crashed, if it is crash-looping at ctx.t. */
export function failedAt(ctx: ConsoleContext, podKey: string): number | undefined {
  const t = factsOf(ctx.timeline).failedAt.get(podKey);
  return t !== undefined && t <= ctx.t ? t : undefined;
}
