// The pipeline the worker runs, kept pure so Node tests (and the CLI's checks) can run it too:
// workspace text → parseWorkspace (located diagnostics) → simulate (timeline) → view frames.
import {
  engineObjects,
  heldBackDocuments,
  locateRefusal,
  parseWorkspace,
  type Diagnostic,
} from '../manifests/index.ts';
import {
  applyInPlace,
  cloneState,
  costAt,
  nodeStateName,
  simulate,
  type ClusterState,
  type NodeClaimRec,
  type PodRec,
  type SimulationInput,
  type StopReason,
  type Timeline,
} from '../sim/engine/index.ts';
import type {
  DiagnosticView,
  EventView,
  Frame,
  NodeState,
  NodeView,
  PodPhaseView,
  PodView,
  PodVolumeView,
} from './view.ts';
import { podClaims } from '../explain/volumes.ts';
import {
  explainCatalog,
  explainEvent,
  onDemandPrice,
  explainNode,
  explainPod,
  summarize,
  type EventExplanation,
  type ExplainOptions,
  type NodeExplanation,
  type PodExplanation,
  type RunSummary,
} from '../explain/index.ts';
import { besideKarpenter } from '../sim/clusterAutoscaler/index.ts';
import type { ComparisonMetrics } from '../labs/checks/autoscalers.ts';
import {
  explainNode as explainDisruption,
  karpenterDisruption,
  type KarpenterDisruption,
} from '../sim/disruption/index.ts';

/** What an explain request asks about: a node or pod at a moment, an event, or the run at t. */
export type ExplainTarget =
  | { kind: 'node'; key: string; t: number }
  | { kind: 'pod'; key: string; t: number }
  | { kind: 'event'; index: number }
  | { kind: 'summary'; t: number };

export type Explanation = NodeExplanation | PodExplanation | EventExplanation | RunSummary;

/** What the worker keeps of the last run so it can answer explain requests. */
export interface Session {
  timeline: Timeline;
  options: ExplainOptions;
  /** The workspace's problems, for lab checks ("fix the error first"). */
  diagnostics: DiagnosticView[];
  /** The same workspace under Cluster Autoscaler, measured beside this run; computed once, on demand. */
  comparison: () => ComparisonMetrics;
  /** Held-back documents, for the console's `kubectl apply -f <name>`. */
  heldBack?: SimulationInput['heldBack'];
}

export interface SimulationResult {
  diagnostics: DiagnosticView[];
  frames: Frame[];
  events: EventView[];
  /** Where the run stopped (ms) and why. */
  end: number;
  stoppedBy: StopReason | 'invalid';
  refused?: string;
  assumptions: string[];
  warnings: string[];
  catalogSource: string;
  /** The Karpenter version the workspace starts with (src/sim/version.ts): the editor's schema follows it. */
  karpenterVersion: string;
}

export interface RunOptions {
  file: string;
  seed: number;
  onProgress?: (done: number, total: number, phase: string) => void;
  isCancelled?: () => boolean;
}

/** Frames are sampled at event times; more than this and they are thinned evenly. */
export const MAX_FRAMES = 400;

/**
 * Every frame lists every pod and node, and the whole result is copied from the worker to the page
 * in one message: 400 frames of a 20,000-pod workspace (8 million pod cards) did not fit ("Data
 * cannot be cloned, out of memory"). Big workspaces get fewer frames, so frames × (pods + nodes +
 * NodeClaims) stays under this; a 2,000-pod workspace keeps all 400.
 */
export const MAX_FRAME_CARDS = 1_000_000;
const MIN_FRAMES = 20;

/** How many frames a timeline gets: MAX_FRAMES, fewer when its cluster is large. */
export function frameBudget(timeline: Timeline): number {
  const cards = (s: Timeline['final']) => s.pods.size + s.nodes.size + s.nodeClaims.size;
  const perFrame = Math.max(1, cards(timeline.initial), cards(timeline.final));
  return Math.max(MIN_FRAMES, Math.min(MAX_FRAMES, Math.floor(MAX_FRAME_CARDS / perFrame)));
}

function toDiagnosticView(d: Diagnostic): DiagnosticView {
  return {
    severity: d.severity,
    message: d.message,
    file: d.file,
    line: d.line,
    column: d.column,
    endLine: d.endLine,
    endColumn: d.endColumn,
    path: d.path,
    ...(d.fix ? { fix: { title: d.fix.title, action: d.fix.action } } : {}),
  };
}

/**
 * Parse the workspace and build the engine input every run shares: the valid objects, Karpenter's
 * disruption controller, the seed, progress and cancellation.
 */
export function prepareRun(text: string, opts: RunOptions) {
  // Reading a large workspace takes seconds before the first simulated minute: say so.
  opts.onProgress?.(0, 0, 'reading the workspace');
  const ws = parseWorkspace(text, { file: opts.file });
  const diagnostics = ws.diagnostics.map(toDiagnosticView);
  const objects = engineObjects(ws);
  const disruption = karpenterDisruption();
  const input: SimulationInput = {
    objects,
    heldBack: heldBackDocuments(ws),
    disruption,
    seed: opts.seed,
    onProgress: (p) => opts.onProgress?.(p.done, p.total, p.phase),
    ...(opts.isCancelled ? { isCancelled: opts.isCancelled } : {}),
  };
  return { diagnostics, objects, disruption, input, ws, karpenterVersion: ws.karpenter.text };
}

export function runWorkspace(text: string, opts: RunOptions): SimulationResult {
  return simulateWorkspace(text, opts).result;
}

export function simulateWorkspace(
  text: string,
  opts: RunOptions,
): { result: SimulationResult; session: Session } {
  const { diagnostics, objects, disruption, input, ws, karpenterVersion } = prepareRun(text, opts);
  const timeline = simulate(input);
  opts.onProgress?.(0, 0, 'building the view');
  // A refusal or a run stopped by a work budget is a problem in the workspace, located like one.
  if (timeline.refused !== undefined)
    diagnostics.push(
      toDiagnosticView(locateRefusal(ws, opts.file, timeline.refused, timeline.refusedAt)),
    );
  const catalog = explainCatalog({ objects });
  const onDemand: OnDemandPrice = (name, zone) =>
    catalog ? onDemandPrice(catalog, name, zone) : undefined;
  const session: Session = {
    timeline,
    diagnostics,
    comparison: besideClusterAutoscaler(timeline, input),
    ...(input.heldBack ? { heldBack: input.heldBack } : {}),
    options: { ...(catalog ? { catalog } : {}), disruption: disruptionVerdicts(disruption) },
  };
  const result: SimulationResult = {
    diagnostics,
    frames: framesOf(timeline, onDemand),
    events: timeline.events.flatMap((e, index) =>
      e.type === 'k8s' ? [{ ...e.event, index }] : [],
    ),
    end: timeline.end,
    stoppedBy: timeline.stoppedBy,
    ...(timeline.refused ? { refused: timeline.refused } : {}),
    assumptions: timeline.assumptions,
    warnings: timeline.warnings,
    catalogSource: timeline.catalogSource,
    karpenterVersion,
  };
  return { result, session };
}

/**
 * Runs the Cluster Autoscaler side only when asked (a lab check on the comparison), quietly (no
 * progress posts for a request that has already finished), and measures both runs over one span.
 */
function besideClusterAutoscaler(
  karpenter: Timeline,
  input: SimulationInput,
): () => ComparisonMetrics {
  let measured: ComparisonMetrics | undefined;
  return () => {
    if (measured) return measured;
    const { onProgress: _p, isCancelled: _c, ...quiet } = input;
    const both = besideKarpenter(karpenter, quiet);
    const ca = both.clusterAutoscaler;
    measured = {
      karpenter: both.karpenter.metrics,
      clusterAutoscaler: ca.metrics,
      config: ca.config,
      warnings: ca.timeline.warnings.filter((w) => !karpenter.warnings.includes(w)),
    };
    return measured;
  };
}

/**
 * The disruption controller's verdict on a node at any moment: its pure explainNode over the state
 * at t, with the pod-event times the controller observed up to t.
 */
function disruptionVerdicts(ctrl: KarpenterDisruption): NonNullable<ExplainOptions['disruption']> {
  const observed = ctrl.lastPodEvents();
  return (state, node, t) => {
    const lastPodEvents = new Map([...observed].filter(([, at]) => at <= t));
    const e = explainDisruption(state, node, { now: t, lastPodEvents });
    return {
      headline: e.sentence,
      blockers: e.state === 'blocked' ? [e.reason] : [],
      state: e.state,
      karpenterReason: e.reason,
      ...(e.until === undefined ? {} : { until: e.until }),
    };
  };
}

export function explainTarget(
  session: Session | undefined,
  target: ExplainTarget,
): Explanation | undefined {
  if (!session) return undefined;
  const { timeline, options } = session;
  switch (target.kind) {
    case 'node':
      return explainNode(timeline, target.t, target.key, options);
    case 'pod':
      return explainPod(timeline, target.t, target.key, options);
    case 'event':
      return explainEvent(timeline, target.index);
    case 'summary':
      return summarize(timeline, target.t, options);
  }
}

/** The times worth a frame: t = 0, every distinct event time, and the end (thinned to frameBudget). */
function frameTimes(timeline: Timeline): number[] {
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

export function framesOf(timeline: Timeline, onDemand: OnDemandPrice = () => undefined): Frame[] {
  const state = cloneState(timeline.initial);
  const frames: Frame[] = [];
  let i = 0;
  for (const t of frameTimes(timeline)) {
    while (i < timeline.events.length && (timeline.events[i]?.t ?? 0) <= t) {
      applyInPlace(state, timeline.events[i]!);
      i++;
    }
    state.time = Math.max(state.time, t);
    frames.push(frameOf(state, t, onDemand));
  }
  return frames;
}

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

export function frameOf(
  state: ClusterState,
  t: number,
  onDemand: OnDemandPrice = () => undefined,
): Frame {
  const nodes: NodeView[] = [];
  const cardOfNode = new Map<string, string>();
  const used = new Map<string, { cpu: number; memory: number; pods: number }>();
  for (const n of state.nodes.values()) {
    const key = n.nodeClaim ?? n.name;
    cardOfNode.set(n.name, key);
    nodes.push({
      key,
      name: n.name,
      nodeClaim: n.nodeClaim ?? '',
      nodePool: n.nodePool ?? '(not managed)',
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
  const costByGroup: Record<string, number> = {};
  let baselinePerHour = 0;
  for (const n of nodes) {
    n.used = used.get(n.key) ?? n.used;
    if (n.state === 'terminated' || n.pricePerHour <= 0) continue;
    const group = `${n.nodePool} · ${n.capacityType}`;
    costByGroup[group] = (costByGroup[group] ?? 0) + n.pricePerHour;
    baselinePerHour += onDemand(n.instanceType, n.zone) ?? n.pricePerHour;
  }
  const cost = costAt(state, t);
  return {
    time: t,
    nodes,
    pods,
    costPerHour: cost.perHour,
    costTotal: cost.total,
    costByGroup,
    baselinePerHour,
  };
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
