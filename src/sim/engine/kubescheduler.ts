// A simulated kube-scheduler. Karpenter never binds pods (no pre-binding since v0.11, reference
// §1.16): it nominates, and kube-scheduler binds once a node is Ready. A pass tries each pending
// pod (priority, then age) on Ready nodes: the node Karpenter nominated first, then the least
// allocated node that passes the filters in fit.ts. A pod that fits nowhere is marked
// Unschedulable — which is exactly what triggers Karpenter's batcher.
//
// Simplification (named in CONTEXT.md): a pod Karpenter nominated to a NodeClaim that is still
// booting waits for that node instead of being tried elsewhere.
import { volumeFilter, volumePreFilter } from '../storage/kubescheduler.ts';
import { addInto, fitChecker } from './fit.ts';
import { FitIndex, type NodeView } from './fitIndex.ts';
import { OrderedSubset } from './orderedSubset.ts';
import { SchedulingQueue } from './schedulingQueue.ts';
import { BOOTING, WaitingPods } from './waitingPods.ts';
import type { Sim } from './runtime.ts';
import type { NodeRec, PodRec } from './state.ts';
import type { PodSpec } from '../k8s.ts';

/** Per pod spec object (specs are never mutated): asked for every parked pod on every bind. */
const assignedPodMoves = new WeakMap<PodSpec, boolean>();

/** A pod with required pod affinity or a hard spread constraint: an assigned pod may let it fit. */
function movedByAssignedPod(spec: PodSpec): boolean {
  let m = assignedPodMoves.get(spec);
  if (m === undefined) {
    m =
      (spec.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length ?? 0) >
        0 ||
      (spec.topologySpreadConstraints ?? []).some((c) => c.whenUnsatisfiable === 'DoNotSchedule');
    assignedPodMoves.set(spec, m);
  }
  return m;
}

/** Entries the log of nodes whose pods changed keeps before it starts again (tests lower it). */
export const podsMovedLog = { max: 1 << 16 };

export class KubeScheduler {
  private pending = false;
  /** Which pending pods a pass tries: new ones, and failed ones a cluster event moved back. */
  readonly queue: SchedulingQueue;
  /** FailedScheduling occurrences per (pod uid, message): the event recorder's aggregation. */
  private readonly series = new Map<string, { count: number; first: number }>();

  constructor(private readonly sim: Sim) {
    this.waiting = new WaitingPods((claim) => sim.state.nodeClaims.get(claim)?.phase);
    this.queue = new SchedulingQueue(
      sim,
      () => this.requestPass(),
      (k) => {
        const spec = sim.state.pods.get(k)?.pod.spec;
        return spec !== undefined && movedByAssignedPod(spec);
      },
    );
  }

  /** Coalesces: one pass per instant however many things changed. */
  requestPass(): void {
    if (this.pending) return;
    this.pending = true;
    this.sim.after(0, 'kube-scheduler', () => {
      this.pending = false;
      this.pass();
    });
  }

  /** Every node that ever registered, with the pods bound to it (live or not). */
  private readonly byNode = new Map<string, NodeView>();
  /** Pods bound to a node name not registered (yet): they count once it is. */
  private readonly unplaced = new Map<string, PodRec[]>();
  /** The counts the topology filters read, over live (non-terminated) nodes. */
  readonly index = new FitIndex();
  /** Unbound pods in Pending, filed by nominated NodeClaim (waitingPods.ts). */
  private readonly waiting: WaitingPods;

  /** Sim.emit reports every pod record change here (before → after; undefined = absent). */
  podChanged(before: PodRec | undefined, after: PodRec | undefined): void {
    if (before === after) return;
    if (before?.nodeName !== undefined) this.bumpPods(before.nodeName);
    if (after?.nodeName !== undefined && after.nodeName !== before?.nodeName)
      this.bumpPods(after.nodeName);
    const key = (after ?? before)?.key ?? '';
    if (after && after.nodeName === undefined && after.phase === 'Pending') {
      this.waiting.set(key, after.nominatedTo);
      this.queue.add(key);
    } else {
      this.waiting.delete(key);
      this.queue.remove(key);
    }
    this.moveOnPodEvent(before, after);
    const from = before?.nodeName === undefined ? undefined : this.byNode.get(before.nodeName);
    const to = after?.nodeName === undefined ? undefined : this.byNode.get(after.nodeName);
    if (from && before && from === to && after) {
      const i = from.pods.findIndex((p) => p.key === key);
      if (before.phase === after.phase) {
        // Same node, same phase: nothing a filter reads changed; keep the record fresh.
        if (i >= 0) from.pods[i] = after;
        return;
      }
      if (i >= 0) {
        // Same node, new phase (Running, Terminating, Failed): what leaving and joining again
        // would do — the record moves to the end of the node's list, the usage is taken off and
        // put back — while the index moves counts only if the pod starts or stops terminating.
        from.pods.splice(i, 1);
        for (const k in before.requests)
          from.used[k] = (from.used[k] ?? 0) - (before.requests[k] ?? 0);
        addInto(from.used, after.requests);
        from.pods.push(after);
        this.index.podPhaseChanged(from, before, after);
        return;
      }
    }
    if (from && before) {
      const i = from.pods.findIndex((p) => p.key === key);
      if (i >= 0) {
        from.pods.splice(i, 1);
        for (const k in before.requests)
          from.used[k] = (from.used[k] ?? 0) - (before.requests[k] ?? 0);
        this.index.podRemoved(from, before);
      }
    } else if (before?.nodeName !== undefined) this.dropUnplaced(before);
    if (to && after) {
      addInto(to.used, after.requests);
      to.pods.push(after);
      this.index.podAdded(to, after);
    } else if (after?.nodeName !== undefined) {
      const list = this.unplaced.get(after.nodeName) ?? [];
      list.push(after);
      this.unplaced.set(after.nodeName, list);
    }
  }

  /**
   * Cluster events that move unschedulable pods back (upstream's queueing hints, coarser): an
   * assigned pod deleted or terminating frees room or changes spread counts (every pod); an
   * assigned pod added can satisfy pod affinity or even out a spread (pods with either).
   * Karpenter's nomination is not one: it is an event on the pod, which kube-scheduler does not
   * watch (a pod Karpenter and kube-scheduler disagree about stays Pending, retried on cluster
   * events, as in a real cluster).
   */
  private moveOnPodEvent(before: PodRec | undefined, after: PodRec | undefined): void {
    const wasAssigned = before?.nodeName !== undefined;
    if (wasAssigned && (!after || (after.phase === 'Terminating' && before.phase !== after.phase)))
      this.queue.moveAll();
    else if (!wasAssigned && after?.nodeName !== undefined) this.queue.moveHinted();
  }

  /** Sim.emit reports every NodeClaim record change here. */
  claimChanged(name: string): void {
    this.waiting.claimChanged(name);
  }

  /** The pods bound to a node (any phase, as last seen), for controllers that would otherwise
   *  scan every pod of the cluster. */
  podsOn(nodeName: string): readonly PodRec[] {
    return this.byNode.get(nodeName)?.pods ?? this.unplaced.get(nodeName) ?? [];
  }

  /** The live pods bound to a node, as state.pods lists them now and in its order (creation
   *  order): what filtering every pod of the cluster by nodeName gives, from the node's own list. */
  podsBoundTo(nodeName: string): PodRec[] {
    const { sim } = this;
    const out: PodRec[] = [];
    for (const { key } of this.podsOn(nodeName)) {
      const p = sim.state.pods.get(key);
      if (p?.nodeName === nodeName) out.push(p);
    }
    if (out.length > 1) out.sort((a, b) => sim.creationOrder(a.key) - sim.creationOrder(b.key));
    return out;
  }

  /** Per node name: bumped by every change of a pod record bound to it (before or after). */
  private readonly podVersions = new Map<string, number>();

  /** Changes when a pod record bound to the node changes (ClusterView keeps pod lists by it). */
  podsVersion(nodeName: string): number {
    return this.podVersions.get(nodeName) ?? 0;
  }

  private bumpPods(nodeName: string): void {
    this.podVersions.set(nodeName, (this.podVersions.get(nodeName) ?? 0) + 1);
    this.movedLog.push(nodeName);
    // Bounded: a reader whose mark the log no longer reaches rebuilds from scratch.
    if (this.movedLog.length > podsMovedLog.max) {
      this.movedFrom += this.movedLog.length;
      this.movedLog = [];
    }
  }

  /** A mark in the log of nodes whose pods changed (podsMovedSince). */
  get podsMovedMark(): number {
    return this.movedFrom + this.movedLog.length;
  }

  /** The nodes whose pods changed since `mark` (repeats included), or undefined when the log no
   *  longer reaches back that far. ClusterView rebuilds just their StateNodes when nothing but
   *  pods moved. */
  podsMovedSince(mark: number): readonly string[] | undefined {
    if (mark < this.movedFrom) return undefined;
    return this.movedLog.slice(mark - this.movedFrom);
  }
  private movedLog: string[] = [];
  /** The mark of movedLog[0]. */
  private movedFrom = 0;

  private dropUnplaced(p: PodRec): void {
    const list = this.unplaced.get(p.nodeName ?? '');
    const i = list?.findIndex((x) => x.key === p.key) ?? -1;
    if (list && i >= 0) list.splice(i, 1);
  }

  /** Ready nodes a pass may bind to, in the order state.nodes lists them (the order ties are
   *  broken in; byNode registers names in that order), brought up to date by the first pass after
   *  node records change (nodeChanged). Passes do not nest, so a pass's list stays as it was even
   *  if a node changes during the pass. */
  private readonly usable = new OrderedSubset<NodeView>();

  private usableNodes(): readonly NodeView[] {
    return this.usable.sync((name) => {
      const n = this.sim.state.nodes.get(name);
      if (!n?.ready || n.deletingAt !== undefined || n.terminatedAt !== undefined) return undefined;
      const v = this.byNode.get(name);
      return v && this.index.has(v) ? v : undefined;
    });
  }

  /** The usable node named (byNode keeps one view per name). */
  private usableNode(name: string | undefined): NodeView | undefined {
    return name !== undefined && this.usable.has(name) ? this.byNode.get(name) : undefined;
  }

  /** Sim.emit reports every node record change here. */
  nodeChanged(name: string, after: NodeRec | undefined): void {
    this.usable.touch(name);
    let v = this.byNode.get(name);
    if (!after) {
      if (v) this.index.removeView(v);
      return;
    }
    // Node added, Ready, or changed in what the filters read: unschedulable pods may fit now.
    const prev = v?.node;
    if (
      after.terminatedAt === undefined &&
      (!prev ||
        (after.ready && !prev.ready) ||
        after.labels !== prev.labels ||
        after.taints !== prev.taints ||
        after.unschedulable !== prev.unschedulable)
    )
      this.queue.moveAll();
    if (!v) {
      v = { node: after, used: {}, pods: [] };
      this.byNode.set(name, v);
      this.usable.register(name);
      for (const p of this.unplaced.get(name) ?? []) {
        addInto(v.used, p.requests);
        v.pods.push(p);
      }
      this.unplaced.delete(name);
    }
    if (after.terminatedAt !== undefined) {
      this.index.removeView(v);
      v.node = after;
    } else if (!this.index.has(v)) {
      v.node = after;
      this.index.addView(v);
    } else this.index.updateNode(v, after);
  }

  pass(): void {
    const { state } = this.sim;
    // state.pods iterates in creation order (records are replaced in place), so only priority
    // needs sorting — and a stable sort keeps the age order within a priority.
    const pending: PodRec[] = [];
    let prioritized = false;
    for (const key of this.waiting.candidates()) {
      if (!this.queue.isActive(key)) continue;
      const p = state.pods.get(key);
      if (!p || p.reason === 'InvalidRequests') continue;
      if (p.pod.spec.nodeName) continue; // names its node itself: the scheduler never sees it
      // Waits for its NodeClaim (most pending pods of a big scale-up): left out before sorting.
      const claim = p.nominatedTo === undefined ? undefined : state.nodeClaims.get(p.nominatedTo);
      if (claim && BOOTING.has(claim.phase)) continue;
      pending.push(p);
      if (p.pod.spec.priority) prioritized = true;
    }
    if (pending.length === 0) return;
    if (prioritized)
      pending.sort((a, b) => (b.pod.spec.priority ?? 0) - (a.pod.spec.priority ?? 0));
    const usable = this.usableNodes();
    const unschedulable: string[] = [];
    // Identical pods (one template's spec object, same namespace and labels) fail the same way
    // until something binds: reuse the first one's message. Without a nomination to wait on (no
    // Karpenter, e.g. the Cluster Autoscaler model) hundreds of pending pods are re-checked on
    // every node that becomes Ready; this keeps that pass linear in the pods.
    const failed = new Map<object, Map<string, string>>();
    for (const p of pending) {
      const nominatedNode =
        p.nominatedTo === undefined ? undefined : state.nodeClaims.get(p.nominatedTo);
      const first = this.usableNode(nominatedNode?.nodeName);
      const same =
        p.nominatedTo === undefined
          ? `${p.pod.metadata.namespace ?? ''}\n${JSON.stringify(p.pod.metadata.labels ?? {})}`
          : undefined;
      const target =
        (same === undefined ? undefined : failed.get(p.pod.spec)?.get(same)) ??
        this.choose(p, first, usable);
      if (typeof target !== 'string') {
        this.bind(p, target);
        failed.clear();
        continue;
      }
      if (same !== undefined) {
        const bySpec = failed.get(p.pod.spec) ?? new Map<string, string>();
        bySpec.set(same, target);
        failed.set(p.pod.spec, bySpec);
      }
      this.queue.failed(p.key);
      const news = p.reason !== 'Unschedulable' || p.message !== target;
      if (news)
        this.sim.emit({
          type: 'pod.unschedulable',
          pod: p.key,
          reason: 'Unschedulable',
          message: target,
        });
      this.failedScheduling(p, target);
      if (news) {
        // Only news triggers Karpenter: failing the same way again is no new pod event (cluster
        // changes retrigger through Provisioner.retrigger). This also stops a pod that Karpenter
        // places where kube-scheduler refuses from looping forever.
        unschedulable.push(p.uid);
      }
    }
    if (unschedulable.length > 0) this.sim.provisioner.trigger(unschedulable);
  }

  /** One FailedScheduling per failed attempt, aggregated like client-go's event recorder: a repeat
   *  of the same (pod, message) carries the count and the first time it was seen. */
  private failedScheduling(p: PodRec, message: string): void {
    const id = `${p.uid}\n${message}`;
    const s = this.series.get(id) ?? { count: 0, first: this.sim.now };
    s.count++;
    this.series.set(id, s);
    const event = {
      time: this.sim.now,
      type: 'Warning' as const,
      reason: 'FailedScheduling',
      object: `pod/${p.key}`,
      message,
      ...(s.count > 1 ? { count: s.count, firstTime: s.first } : {}),
    };
    this.sim.emit({ type: 'k8s', event });
  }

  /** The node to bind to, or kube-scheduler's "0/N nodes are available: …" message. */
  private choose(
    p: PodRec,
    first: NodeView | undefined,
    usable: readonly NodeView[],
  ): NodeView | string {
    const all = this.index;
    const objects = this.sim.state.objects;
    let volumes: ((v: NodeView) => string | undefined) | undefined;
    if ((p.pod.spec.volumes ?? []).length > 0) {
      // VolumeBinding PreFilter: fails before any node is tried.
      const pre = volumePreFilter(objects, p.pod);
      if (pre !== undefined) return `0/${all.size} nodes are available: ${pre}.`;
      volumes = (v) => volumeFilter(objects, p.pod, v.node, () => v.pods.map((x) => x.pod));
    }
    const fits = fitChecker(p, all, volumes);
    if (first && fits(first) === undefined) return first;
    let best: NodeView | undefined;
    let bestScore = Infinity;
    const reasons = new Map<string, number>();
    for (const v of usable) {
      const why = fits(v);
      if (why !== undefined) {
        reasons.set(why, (reasons.get(why) ?? 0) + 1);
        continue;
      }
      // LeastAllocated on cpu: spread like the default scheduler's scoring.
      const alloc = v.node.allocatable.cpu ?? 1;
      const score = (v.used.cpu ?? 0) / Math.max(1, alloc);
      if (score < bestScore || (score === bestScore && best && v.node.name < best.node.name)) {
        best = v;
        bestScore = score;
      }
    }
    if (best) return best;
    if (all.size > usable.length) {
      // Nodes this pass left out: not Ready (the node controller's not-ready taint), or on their
      // way out, where what refuses the pod is the taint Karpenter put on them
      // (karpenter.sh/disrupted) or whatever else its filters find.
      const inPass = new Set(usable);
      for (const v of all.views()) {
        if (inPass.has(v)) continue;
        const n = this.sim.state.nodes.get(v.node.name);
        const why =
          (n?.ready === true && n.deletingAt !== undefined ? fits(v) : undefined) ??
          'node(s) had untolerated taint {node.kubernetes.io/not-ready: }';
        reasons.set(why, (reasons.get(why) ?? 0) + 1);
      }
    }
    const parts = [...reasons.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([r, n]) => `${n} ${r}`);
    if (all.size === 0) return 'no nodes available to schedule pods';
    return `0/${all.size} nodes are available: ${parts.join(', ')}.`;
  }

  private bind(p: PodRec, v: NodeView): void {
    this.sim.emit({ type: 'pod.bound', pod: p.key, node: v.node.name });
    this.sim.k8s(
      'Normal',
      'Scheduled',
      `pod/${p.key}`,
      `Successfully assigned ${p.key} to ${v.node.name}`,
    );
    // VolumeBinding PreBind: WaitForFirstConsumer volumes are created in the node's zone first.
    this.sim.volumes.bindPod(p.pod, v.node, () => this.sim.lifecycle.startPod(p.key, v.node.name));
  }
}
