// View frames: the cluster at a moment as the page draws it (node and pod cards, cost figures).
// A result carries every frame's time and cost figures (FrameSummary); the cards of a frame are
// built when the page shows it (FrameSource), because building and copying every frame's cards to
// the page in one message cost more than the simulation at 2,000 pods (400 frames × 2,400 cards:
// 5 s to build, 150 MB to clone, 8 s to read on the page's main thread).
import {
  applyInPlace,
  cloneState,
  costAt,
  nodeStateName,
  type ClusterState,
  type NodeClaimRec,
  type PodRec,
  type Timeline,
} from '../sim/engine/index.ts';
import type {
  EventView,
  Frame,
  FrameSummary,
  NodeState,
  NodeView,
  PodPhaseView,
  PodView,
  PodVolumeView,
  WorkloadsView,
} from './view.ts';
import { topWorkloads, workloadCosts } from '../sim/engine/workloadCost.ts';
import { podClaims } from '../explain/volumes.ts';
import { countAtOrBefore } from '../sim/sorted.ts';
import { exceededMessage } from '../sim/scheduling/limits.ts';

/** Frames are sampled at event times; more than this and they are thinned evenly. */
export const MAX_FRAMES = 400;

/**
 * Big workspaces get fewer frames, so frames × (pods + nodes + NodeClaims) stays under this; a
 * 2,000-pod workspace keeps all 400. It once kept the one message that carried every frame's cards
 * clonable (400 frames of 20,000 pods did not fit); now cards come one frame at a time, and the cap
 * bounds the summary pass, which builds every frame's node cards to price them.
 */
export const MAX_FRAME_CARDS = 1_000_000;
const MIN_FRAMES = 20;

/** How many frames a timeline gets: MAX_FRAMES, fewer when its cluster is large. */
export function frameBudget(timeline: Timeline): number {
  const cards = (s: Timeline['final']) => s.pods.size + s.nodes.size + s.nodeClaims.size;
  const perFrame = Math.max(1, cards(timeline.initial), cards(timeline.final));
  return Math.max(MIN_FRAMES, Math.min(MAX_FRAMES, Math.floor(MAX_FRAME_CARDS / perFrame)));
}

/** The times worth a frame: t = 0, every distinct event time, and the end (thinned to frameBudget). */
export function frameTimes(timeline: Timeline): number[] {
  const times = [0, ...new Set(timeline.events.map((e) => e.t)), timeline.end];
  const distinct = [...new Set(times)].sort((a, b) => a - b);
  return [...new Set(thinEvenly(distinct, frameBudget(timeline)))];
}

/** At most `max` items, evenly spaced, keeping the first and the last. */
export function thinEvenly<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return [...items];
  const step = (items.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => items[Math.round(i * step)] as T);
}

/** The on-demand price of a type in a zone (cheapest zone as fallback): the savings baseline. */
export type OnDemandPrice = (instanceType: string, zone: string) => number | undefined;

/** Every frame with its cards (tests and Node callers; the page gets them from a FrameSource). */
export function framesOf(timeline: Timeline, onDemand: OnDemandPrice = () => undefined): Frame[] {
  const state = cloneState(timeline.initial);
  const recent = recentEventsOf(timeline);
  let i = 0;
  return frameTimes(timeline).map((t) => {
    i = replay(state, timeline, i, t);
    return frameOf(state, t, onDemand, recent);
  });
}

/** Most events a frame carries (the Events panel lists the newest this many up to the cursor). */
export const RECENT_EVENTS = 200;

type K8sEvent = Extract<Timeline['events'][number], { type: 'k8s' }>['event'];
const eventView = (event: K8sEvent, index: number): EventView => ({ ...event, index });

/** A NodeClaim that Create refused, as an Events-panel row: Karpenter logs it ("Reconciler
 *  error") and publishes no event, so the row is marked as from the log. */
function refusalRow(
  e: Extract<Timeline['events'][number], { type: 'nodeclaim.refused' }>,
): K8sEvent {
  const what = e.disruption
    ? `replacement for ${e.disruption.nodes.join(', ')} not created`
    : `NodeClaim for ${e.pods.length} pod(s) not created`;
  return {
    time: e.t,
    type: 'Warning',
    reason: 'Reconciler error',
    object: `nodepool/${e.nodePool}`,
    message: `${what}: ${exceededMessage(e)}`,
  };
}

/** The timeline's Kubernetes events as the page lists them, in time order. */
export function eventViews(timeline: Timeline): EventView[] {
  return timeline.events.flatMap((e, index) =>
    e.type === 'k8s' ? [eventView(e.event, index)] : [],
  );
}

/**
 * The Events-panel rows of any moment of a timeline: the newest RECENT_EVENTS Kubernetes events at
 * or before t, oldest first. The events are found once; views are made only for the rows a frame
 * carries (making all 9,400 at 2,000 pods took 70–150 ms per run).
 */
export function recentEventsOf(timeline: Timeline): (t: number) => EventView[] {
  const found: { event: K8sEvent; index: number; log?: true }[] = [];
  timeline.events.forEach((e, index) => {
    if (e.type === 'k8s') found.push({ event: e.event, index });
    else if (e.type === 'nodeclaim.refused') found.push({ event: refusalRow(e), index, log: true });
  });
  return (t) => {
    // The first event after t (events are in time order).
    const lo = countAtOrBefore(found, t, (f) => f.event.time);
    return found
      .slice(Math.max(0, lo - RECENT_EVENTS), lo)
      .map((f) =>
        f.log ? { ...eventView(f.event, f.index), log: true } : eventView(f.event, f.index),
      );
  };
}

const UNMANAGED = '(not managed)';

const NODE_STATE: Record<ReturnType<typeof nodeStateName>, NodeState> = {
  'not-ready': 'registering',
  ready: 'ready',
  cordoned: 'cordoned',
  draining: 'draining',
  terminating: 'terminating',
  terminated: 'terminated',
};

/**
 * A launching NodeClaim's architecture before its node registers: its label, else what its
 * requirements allow ("amd64", "amd64/arm64"), so the ghost card says what is coming.
 */
function claimArch(c: NodeClaimRec): string {
  const label = c.labels['kubernetes.io/arch'];
  if (label !== undefined) return label;
  const req = c.requirements.find((r) => r.key === 'kubernetes.io/arch' && r.operator === 'In');
  return req?.values?.join('/') ?? 'any arch';
}

/** The pod's volume summary for the canvas, when it mounts claims. */
function volumeOf(state: ClusterState, p: PodRec): { volume?: PodVolumeView } {
  if (!p.pod.spec.volumes?.length) return {};
  const claims = podClaims(state, p);
  if (claims.length === 0) return {};
  const zones = [...new Set(claims.flatMap((c) => c.zones))].sort();
  return {
    volume: {
      bound: claims.every((c) => c.phase === 'Bound'),
      zone: zones.join('/'),
      claims: claims.map(
        (c) =>
          `${c.name} ${c.volume ? `→ ${c.volume}` : `(${c.phase})`}${c.zones.length > 0 ? ` in ${c.zones.join('/')}` : ''}`,
      ),
    },
  };
}

/** The node cards (nodes, then launching NodeClaims) and which card each node name is on. */
function nodeViews(state: ClusterState): { nodes: NodeView[]; cardOfNode: Map<string, string> } {
  const nodes: NodeView[] = [];
  const cardOfNode = new Map<string, string>();
  for (const n of state.nodes.values()) {
    const key = n.nodeClaim ?? n.name;
    cardOfNode.set(n.name, key);
    nodes.push({
      key,
      name: n.name,
      nodeClaim: n.nodeClaim ?? '',
      nodePool: n.nodePool ?? UNMANAGED,
      instanceType: n.instanceType,
      capacityType: n.capacityType,
      zone: n.zone,
      arch: n.arch,
      pricePerHour: n.price,
      priceIsEstimate: n.priceIsEstimate,
      state: NODE_STATE[nodeStateName(n)],
      allocatable: {
        cpu: n.allocatable.cpu ?? 0,
        memory: n.allocatable.memory ?? 0,
        pods: n.allocatable.pods ?? 0,
      },
      used: { cpu: 0, memory: 0, pods: 0 },
    });
  }
  // NodeClaims whose node has not registered yet: a ghost card while the instance launches.
  for (const c of state.nodeClaims.values()) {
    if (c.nodeName || c.phase === 'Deleted' || c.phase === 'Failed') continue;
    nodes.push({
      key: c.name,
      name: c.name,
      nodeClaim: c.name,
      nodePool: c.nodePool,
      instanceType: c.launch?.instanceType ?? `${c.instanceTypes.length} types`,
      capacityType: c.launch?.capacityType ?? 'choosing',
      zone: c.launch?.zone ?? '',
      arch: claimArch(c),
      pricePerHour: c.launch?.price ?? 0,
      priceIsEstimate: c.launch?.priceIsEstimate ?? false,
      state: 'launching',
      allocatable: {
        cpu: c.requests.cpu ?? 0,
        memory: c.requests.memory ?? 0,
        pods: c.plannedPods.length,
      },
      used: { cpu: 0, memory: 0, pods: 0 },
    });
  }
  return { nodes, cardOfNode };
}

/**
 * The cost figures of a moment: $/h now, spent so far, $/h by group, and the on-demand baseline.
 * Read from the state itself, not from node cards: the summary pass prices every frame (400 at
 * 2,000 pods), and building 180 cards per frame only to read five fields was most of its time.
 * Priced are the nodes not yet terminated and the NodeClaims launched but not yet registered, in
 * that order (the order of the cards, so the sums are the cards' sums to the last bit).
 */
function costOf(
  state: ClusterState,
  t: number,
  onDemand: OnDemandPrice,
): Omit<FrameSummary, 'time'> {
  const costByGroup: Record<string, number> = {};
  let baselinePerHour = 0;
  const add = (
    nodePool: string,
    capacityType: string,
    type: string,
    zone: string,
    price: number,
  ) => {
    if (price <= 0) return;
    const group = `${nodePool} · ${capacityType}`;
    costByGroup[group] = (costByGroup[group] ?? 0) + price;
    baselinePerHour += onDemand(type, zone) ?? price;
  };
  for (const n of state.nodes.values())
    if (nodeStateName(n) !== 'terminated')
      add(n.nodePool ?? UNMANAGED, n.capacityType, n.instanceType, n.zone, n.price);
  for (const c of state.nodeClaims.values())
    if (!c.nodeName && c.phase !== 'Deleted' && c.phase !== 'Failed' && c.launch)
      add(c.nodePool, c.launch.capacityType, c.launch.instanceType, c.launch.zone, c.launch.price);
  // Spent so far, by group and for the baseline, from each instance's billed time (costAt's own
  // walk): exact at this moment however far apart the frames are (a big run's frames are thinned,
  // and integrating the $/h between them missed every change in between).
  const spentByGroup: Record<string, number> = {};
  let baselineSpent = 0;
  const cost = costAt(state, t, (b) => {
    if (b.price <= 0 || b.billedMs <= 0) return;
    const group = `${b.nodePool ?? UNMANAGED} · ${b.capacityType}`;
    const hours = b.billedMs / 3_600_000;
    spentByGroup[group] = (spentByGroup[group] ?? 0) + b.price * hours;
    baselineSpent += (onDemand(b.instanceType, b.zone) ?? b.price) * hours;
  });
  return {
    costPerHour: cost.perHour,
    costTotal: cost.total,
    costByGroup,
    baselinePerHour,
    spentByGroup,
    baselineSpent,
  };
}

/** A frame's figures without its cards (what every frame of a result carries). */
export function summaryOf(
  state: ClusterState,
  t: number,
  onDemand: OnDemandPrice = () => undefined,
): FrameSummary {
  return { time: t, ...costOf(state, t, onDemand) };
}

/** The on-demand price lookup, remembered per type and zone (the summary pass asks ~70,000 times
 *  at 2,000 pods, for a few distinct pairs). */
function rememberPrices(onDemand: OnDemandPrice): OnDemandPrice {
  const known = new Map<string, Map<string, number | undefined>>();
  return (type, zone) => {
    let byZone = known.get(type);
    if (!byZone) known.set(type, (byZone = new Map()));
    if (byZone.has(zone)) return byZone.get(zone);
    const price = onDemand(type, zone);
    byZone.set(zone, price);
    return price;
  };
}

export function frameOf(
  state: ClusterState,
  t: number,
  onDemand: OnDemandPrice = () => undefined,
  recent: (t: number) => EventView[] = () => [],
): Frame {
  const { nodes, cardOfNode } = nodeViews(state);
  const used = new Map<string, { cpu: number; memory: number; pods: number }>();
  const pods: PodView[] = [];
  for (const p of state.pods.values()) {
    const card = p.nodeName ? cardOfNode.get(p.nodeName) : p.nominatedTo;
    const phase = podPhase(p.phase, p.nodeName, p.nominatedTo, p.startedAt);
    pods.push({
      key: p.key,
      name: p.pod.metadata.name ?? p.key,
      namespace: p.pod.metadata.namespace ?? 'default',
      phase,
      ...(card ? { node: card } : {}),
      ...(p.reason ? { reason: p.message ? `${p.reason}: ${p.message}` : p.reason } : {}),
      cpu: p.requests.cpu ?? 0,
      memory: p.requests.memory ?? 0,
      daemon: p.daemonSet === true,
      ...volumeOf(state, p),
    });
    if (
      p.nodeName &&
      card &&
      (p.phase === 'Running' || p.phase === 'Pending' || p.phase === 'Terminating')
    ) {
      const u = used.get(card) ?? { cpu: 0, memory: 0, pods: 0 };
      u.cpu += p.requests.cpu ?? 0;
      u.memory += p.requests.memory ?? 0;
      u.pods += 1;
      used.set(card, u);
    }
  }
  for (const n of nodes) n.used = used.get(n.key) ?? n.used;
  return {
    time: t,
    nodes,
    pods,
    ...costOf(state, t, onDemand),
    events: recent(t),
    workloads: workloadsView(state, t),
  };
}

/** Workloads the Cost panel lists by name; the rest are one line (a frame stays small). */
const WORKLOAD_ROWS = 8;

function workloadsView(state: ClusterState, t: number): WorkloadsView {
  const w = workloadCosts(state, t);
  return { ...topWorkloads(w.rows, WORKLOAD_ROWS), idle: w.idle };
}

function podPhase(
  phase: string,
  nodeName: string | undefined,
  nominatedTo: string | undefined,
  startedAt: number | undefined,
): PodPhaseView {
  if (phase === 'Running') return 'Running';
  if (phase === 'Failed') return 'Failed';
  if (phase === 'Terminating') return 'Terminating';
  if (nodeName) return startedAt === undefined ? 'Starting' : 'Running';
  return nominatedTo ? 'Nominated' : 'Pending';
}

/**
 * The frames of one timeline, on demand: the summaries (one replay), the last frame (the state the
 * replay ends in), and any other frame by replaying events from the previous frame asked for, or
 * from the start when asked for an earlier one (playback walks forward; a seek back replays).
 */
export class FrameSource {
  readonly summaries: readonly FrameSummary[];
  readonly times: readonly number[];
  private readonly recent: (t: number) => EventView[];
  private readonly onDemand: OnDemandPrice;
  private readonly last: Frame | undefined;
  private state: ClusterState | undefined;
  private applied = 0;
  private at = -1;

  constructor(
    private readonly timeline: Timeline,
    onDemand: OnDemandPrice = () => undefined,
  ) {
    this.onDemand = rememberPrices(onDemand);
    this.times = frameTimes(timeline);
    this.recent = recentEventsOf(timeline);
    const state = cloneState(timeline.initial);
    let i = 0;
    const summaries: FrameSummary[] = [];
    for (const t of this.times) {
      i = replay(state, timeline, i, t);
      summaries.push(summaryOf(state, t, this.onDemand));
    }
    this.summaries = summaries;
    const end = this.times.at(-1);
    this.last = end === undefined ? undefined : frameOf(state, end, this.onDemand, this.recent);
  }

  /** The frame at `index` with its cards; undefined outside the timeline. */
  frame(index: number): Frame | undefined {
    const t = this.times[index];
    if (t === undefined) return undefined;
    if (index === this.times.length - 1) return this.last;
    if (!this.state || index < this.at) {
      this.state = cloneState(this.timeline.initial);
      this.applied = 0;
    }
    this.applied = replay(this.state, this.timeline, this.applied, t);
    this.at = index;
    return frameOf(this.state, t, this.onDemand, this.recent);
  }
}

/** Applies the timeline's events from `from` up to time t; returns the next event's index. */
function replay(state: ClusterState, timeline: Timeline, from: number, t: number): number {
  let i = from;
  while (i < timeline.events.length && (timeline.events[i]?.t ?? 0) <= t) {
    applyInPlace(state, timeline.events[i]!);
    i++;
  }
  state.time = Math.max(state.time, t);
  return i;
}

/** Index of the last frame at or before `t` (0 when t precedes every frame). */
export function frameIndexAt(frames: readonly { time: number }[], t: number): number {
  return Math.max(0, countAtOrBefore(frames, t, (f) => f.time) - 1);
}

/**
 * Where the cursor goes after a re-simulation: stay at the end if it was there, else keep t. At 0
 * it stays at 0 even when the previous run was empty (ended at 0): a loaded lab step or a rewind
 * starts its story at the beginning. The very first run shows its end.
 */
export function keepCursor(previousEnd: number | undefined, t: number, newEnd: number): number {
  if (previousEnd === undefined || (t >= previousEnd && t > 0)) return newEnd;
  return Math.min(t, newEnd);
}
