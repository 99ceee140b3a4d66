// One scale-up decision (CA's ScaleUp + its binpacking estimator), as a pure function of the
// cluster state. Steps, as in CA:
//   1. unschedulable pods that fit existing free capacity or an *upcoming* node (one CA already
//      asked for) are left alone — they do not trigger another scale-up;
//   2. a pod that would not fit even an empty template node gets "pod didn't trigger scale-up:
//      1 <kube-scheduler reason>";
//   3. the rest is bin-packed First-Fit Decreasing onto fresh template nodes, capped by maxSize.
//
// Example: 5 pending 1-vCPU pods, m5.large (1930m allocatable), nothing upcoming → 5 new nodes:
// "pod triggered scale-up: [{ca-workers 0->5 (max: 100)}]".
import { addViewTo, checkFit, placeInto, type NodeView } from '../engine/fit.ts';
import type { ClusterState, PodRec } from '../engine/state.ts';
import type { TemplateFactory } from './nodeGroup.ts';
import { liveViews, usable } from './nodeGroup.ts';

/** CA's `--max-nodes-per-scaleup` default: the estimator adds at most this many nodes at once. */
export const MAX_NODES_PER_SCALEUP = 1000;

export const MAX_SIZE_REACHED = 'max node group size reached';

export interface ScaleUpInput {
  state: ClusterState;
  templates: TemplateFactory;
  /** Nodes of the group asked for but not Ready yet (CA's "upcoming nodes"). */
  upcoming: number;
  /** Group nodes not Ready yet, left out of the topology view (their template copies stand in). */
  booting: ReadonlySet<string>;
  /** The ASG's current target size (upcoming and deleting nodes included). */
  size: number;
}

export interface ScaleUpPlan {
  /** Pods per new node, in the order the estimator opened the nodes. */
  newNodes: PodRec[][];
  /** Pods that will wait for capacity already there or on its way. */
  waiting: PodRec[];
  /** Pod key → why it did not trigger a scale-up ("1 Insufficient cpu"). */
  notTriggered: Map<string, string>;
}

/** Pods kube-scheduler marked Unschedulable (PodScheduled=False): CA's unschedulable list. */
export function unschedulablePods(state: ClusterState): PodRec[] {
  const out: PodRec[] = [];
  for (const p of state.pods.values())
    if (
      p.nodeName === undefined &&
      p.phase === 'Pending' &&
      !p.daemonSet &&
      p.reason === 'Unschedulable' &&
      !p.pod.spec.nodeName
    )
      out.push(p);
  // kube-scheduler's queue order: priority, then age (state.pods iterates in creation order).
  return out.sort((a, b) => (b.pod.spec.priority ?? 0) - (a.pod.spec.priority ?? 0));
}

/** Pods of one controller share a spec: CA's pod equivalence groups. */
const groupOf = (p: PodRec): string => p.owner ?? p.key;

/**
 * First fit with a moving start per equivalence group: identical pods fill a node, then move on,
 * without rescanning the full ones (O(pods + nodes) for a uniform workload).
 */
class FirstFit {
  private readonly start = new Map<string, number>();
  constructor(
    private readonly targets: NodeView[],
    private readonly all: NodeView[],
  ) {}

  tryPlace(p: PodRec): NodeView | undefined {
    const n = this.targets.length;
    const from = this.start.get(groupOf(p)) ?? 0;
    for (let i = 0; i < n; i++) {
      const idx = (from + i) % n;
      const v = this.targets[idx] as NodeView;
      if (checkFit(p, v, this.all) !== undefined) continue;
      this.start.set(groupOf(p), idx);
      commit(p, v, this.all);
      return v;
    }
    return undefined;
  }
}

function commit(p: PodRec, v: NodeView, all: readonly NodeView[]): void {
  placeInto(all, p, v);
}

export function planScaleUp(input: ScaleUpInput): ScaleUpPlan {
  const plan: ScaleUpPlan = { newNodes: [], waiting: [], notTriggered: new Map() };
  const pending = unschedulablePods(input.state);
  if (pending.length === 0) return plan;
  const { templates } = input;
  const views = liveViews(input.state).filter((v) => !input.booting.has(v.node.name));
  const upcoming = Array.from({ length: input.upcoming }, (_, i) =>
    templates.view(`upcoming-${i}`),
  );
  const all = [...views, ...upcoming];

  // 1. Capacity that exists or is on its way (CA's FilterOutSchedulable + upcoming nodes).
  const soon = new FirstFit([...views.filter(usable), ...upcoming], all);
  const noRoom = new Set<string>();
  const remaining: PodRec[] = [];
  for (const p of pending) {
    if (!noRoom.has(groupOf(p)) && soon.tryPlace(p)) plan.waiting.push(p);
    else {
      noRoom.add(groupOf(p)); // an identical pod found no room: neither will the next
      remaining.push(p);
    }
  }

  // 2. Would the pod fit a brand-new node at all?
  const probe = templates.view('template');
  const probeAll = [...all, probe];
  const verdict = new Map<string, string | undefined>();
  const groups = new Map<string, PodRec[]>();
  for (const p of remaining) {
    const g = groupOf(p);
    if (!verdict.has(g)) verdict.set(g, checkFit(p, probe, probeAll));
    const why = verdict.get(g);
    if (why !== undefined) plan.notTriggered.set(p.key, `1 ${why}`);
    else groups.set(g, [...(groups.get(g) ?? []), p]);
  }

  // 3. First-Fit Decreasing over template copies (binpacking_estimator.go), within maxSize.
  const alloc = probe.node.allocatable;
  const score = (p: PodRec): number =>
    (p.requests.cpu ?? 0) / Math.max(1, alloc.cpu ?? 0) +
    (p.requests.memory ?? 0) / Math.max(1, alloc.memory ?? 0);
  const ordered = [...groups.values()].sort(
    (a, b) => score(b[0] as PodRec) - score(a[0] as PodRec),
  );
  const room = Math.min(
    MAX_NODES_PER_SCALEUP,
    Math.max(0, input.templates.group.config.maxSize - input.size),
  );
  const fresh: NodeView[] = [];
  const opened = new FirstFit(fresh, all);
  for (const pods of ordered) {
    let i = 0;
    // Nodes opened for earlier groups first, until one pod of this group finds no place.
    while (i < pods.length && opened.tryPlace(pods[i] as PodRec)) i++;
    for (; i < pods.length; i++) {
      const p = pods[i] as PodRec;
      const last = fresh.at(-1);
      if (last && checkFit(p, last, all) === undefined) {
        commit(p, last, all);
        continue;
      }
      // The last node is empty and still refused the pod: a new one would refuse it too.
      const why = last && templates.isEmpty(last) ? checkFit(p, last, all) : undefined;
      if (why !== undefined) {
        for (const q of pods.slice(i)) plan.notTriggered.set(q.key, `1 ${why}`);
        break;
      }
      if (fresh.length >= room) {
        for (const q of pods.slice(i)) plan.notTriggered.set(q.key, `1 ${MAX_SIZE_REACHED}`);
        break;
      }
      const v = templates.view(`new-${fresh.length}`);
      fresh.push(v);
      addViewTo(all, v);
      const refused = checkFit(p, v, all);
      if (refused !== undefined) {
        for (const q of pods.slice(i)) plan.notTriggered.set(q.key, `1 ${refused}`);
        break;
      }
      commit(p, v, all);
    }
  }
  const daemons = templates.daemonPods.length;
  plan.newNodes = fresh.filter((v) => v.pods.length > daemons).map((v) => v.pods.slice(daemons));
  return plan;
}
