// Small readers over a Timeline that the checks share: pods by selector, live nodes, pool
// requirements, Kubernetes events in a window. Pure; they never mutate the timeline.
import {
  formatDuration,
  nodeStateName,
  stateAt,
  type ClusterState,
  type KubeEvent,
  type NodeRec,
  type PodRec,
  type Timeline,
} from '../../sim/engine/index.ts';
import type { Selector } from '../types.ts';

export function stateOf(timeline: Timeline, at: number | undefined): ClusterState {
  return at === undefined || at >= timeline.end ? timeline.final : stateAt(timeline, at);
}

export function when(at: number | undefined): string {
  return at === undefined ? 'at the end of the run' : `at ${formatDuration(at)}`;
}

export function selectorText(s: Selector): string {
  const parts = Object.entries(s).map(([k, v]) => `${k}=${v}`);
  return parts.length === 0 ? '' : ` ${parts.join(',')}`;
}

export function matches(
  labels: Readonly<Record<string, string>> | undefined,
  s: Selector,
): boolean {
  return Object.entries(s).every(([k, v]) => labels?.[k] === v);
}

/** Workload pods (DaemonSet pods are infrastructure, not what a lab counts). */
export function podsMatching(state: ClusterState, s: Selector): PodRec[] {
  return [...state.pods.values()].filter(
    (p) => p.daemonSet !== true && matches(p.pod.metadata.labels, s),
  );
}

/** Nodes that exist (registered, not yet terminated) in this state. */
export function liveNodes(state: ClusterState): NodeRec[] {
  return [...state.nodes.values()].filter((n) => nodeStateName(n) !== 'terminated');
}

/** "2 × c6a.2xlarge spot, 1 × m5.large on-demand" — what a learner would see in `get nodes`. */
export function describeNodes(nodes: readonly NodeRec[]): string {
  if (nodes.length === 0) return 'no nodes';
  const counts = new Map<string, number>();
  for (const n of nodes) {
    const k = `${n.instanceType} ${n.capacityType}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts].map(([k, c]) => `${c} × ${k}`).join(', ');
}

/** The values a pool's requirement on `key` allows; undefined = unconstrained. */
export function poolAllows(
  state: ClusterState,
  pool: string | undefined,
  key: string,
): string[] | undefined {
  const np = pool === undefined ? undefined : state.nodePools.get(pool);
  const req = np?.spec.template.spec.requirements?.find((r) => r.key === key);
  if (!req) return undefined;
  return req.operator === 'In' ? (req.values ?? []) : undefined;
}

/** How the learner wrote the pool (the engine's word for it). */
export { poolKind } from '../../sim/engine/state.ts';

export function kubeEvents(timeline: Timeline, after = 0): KubeEvent[] {
  const out: KubeEvent[] = [];
  for (const e of timeline.events) if (e.type === 'k8s' && e.t >= after) out.push(e.event);
  return out;
}

/** The labels of every pod that ever existed, by key (failed pods may be gone by the end). */
export function podLabelsEver(timeline: Timeline): Map<string, Readonly<Record<string, string>>> {
  const out = new Map<string, Readonly<Record<string, string>>>();
  for (const p of timeline.initial.pods.values()) out.set(p.key, p.pod.metadata.labels ?? {});
  for (const e of timeline.events)
    if (e.type === 'pod.created') out.set(e.pod.key, e.pod.pod.metadata.labels ?? {});
  return out;
}

/** " after 5m before 8m": a check's time window in words ('' when it has none). */
export function windowText(c: { after?: number; before?: number }): string {
  return `${c.after === undefined ? '' : ` after ${formatDuration(c.after)}`}${c.before === undefined ? '' : ` before ${formatDuration(c.before)}`}`;
}

export function usd(v: number): string {
  return `$${v.toFixed(4)}/h`;
}
