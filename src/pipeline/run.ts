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
  simulate,
  type SimulationInput,
  type StopReason,
  type Timeline,
} from '../sim/engine/index.ts';
import type { DiagnosticView, Frame, FrameSummary } from './view.ts';
import { FrameSource, frameIndexAt, keepCursor, type OnDemandPrice } from './frames.ts';
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
export {
  frameBudget,
  frameOf,
  framesOf,
  MAX_FRAME_CARDS,
  MAX_FRAMES,
  thinEvenly,
  type OnDemandPrice,
} from './frames.ts';
import { besideKarpenter } from '../sim/clusterAutoscaler/index.ts';
import type { ComparisonMetrics } from '../labs/checks/autoscalers.ts';
import {
  balancedRejectedAt,
  explainNode as explainDisruption,
  karpenterDisruption,
  type KarpenterDisruption,
  notLookedAgainAt,
  unreachedAt,
  unreachedReason,
  unreachedSentence,
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
  /** The frames' cards, built when the page shows a frame. */
  frames: FrameSource;
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
  /** Every frame's time and cost figures; a frame's cards come from the worker on demand. */
  frames: FrameSummary[];
  /** The frame at the cursor (`RunOptions.cursor`), with its cards and recent events, so the view
   *  updates at once. */
  shown: { index: number; frame: Frame } | undefined;
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
  /** Where the page's cursor is (and the end of the run it shows): picks the frame sent whole. */
  cursor?: { previousEnd?: number; time: number };
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
  const t0 = performance.now();
  const { diagnostics, objects, disruption, input, ws, karpenterVersion } = prepareRun(text, opts);
  const t1 = performance.now();
  const timeline = simulate(input);
  const t2 = performance.now();
  opts.onProgress?.(0, 0, 'building the view');
  // A refusal or a run stopped by a work budget is a problem in the workspace, located like one.
  if (timeline.refused !== undefined)
    diagnostics.push(
      toDiagnosticView(locateRefusal(ws, opts.file, timeline.refused, timeline.refusedAt)),
    );
  const catalog = explainCatalog({ objects });
  const onDemand: OnDemandPrice = (name, zone) =>
    catalog ? onDemandPrice(catalog, name, zone) : undefined;
  const frames = new FrameSource(timeline, onDemand);
  const index = frameIndexAt(
    frames.summaries,
    keepCursor(opts.cursor?.previousEnd, opts.cursor?.time ?? 0, timeline.end),
  );
  const shown = frames.frame(index);
  const session: Session = {
    timeline,
    frames,
    diagnostics,
    comparison: besideClusterAutoscaler(timeline, input),
    ...(input.heldBack ? { heldBack: input.heldBack } : {}),
    options: { ...(catalog ? { catalog } : {}), disruption: disruptionVerdicts(disruption) },
  };
  const result: SimulationResult = {
    diagnostics,
    frames: [...frames.summaries],
    shown: shown && { index, frame: shown },
    end: timeline.end,
    stoppedBy: timeline.stoppedBy,
    ...(timeline.refused ? { refused: timeline.refused } : {}),
    assumptions: timeline.assumptions,
    warnings: timeline.warnings,
    catalogSource: timeline.catalogSource,
    karpenterVersion,
  };
  measure('pipeline:parse', t0, t1);
  measure('pipeline:simulate', t1, t2);
  measure('pipeline:view', t2, performance.now());
  return { result, session };
}

/** A User Timing entry (DevTools' Performance panel, bench/ui-trace.ts), not kept afterwards. */
function measure(name: string, start: number, end: number): void {
  performance.measure(name, { start, end });
  performance.clearMeasures(name);
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
 * at t, with the pod-event times the controller had seen by t.
 */
function disruptionVerdicts(ctrl: KarpenterDisruption): NonNullable<ExplainOptions['disruption']> {
  return (state, node, t) => {
    const now = explainDisruption(state, node, { now: t, lastPodEvents: ctrl.lastPodEventsAt(t) });
    // Consolidatable only since the last consolidation pass: Karpenter has not looked again (its
    // consolidation state did not move), which the read-only explainer cannot know either.
    const waiting =
      now.state === 'candidate'
        ? notLookedAgainAt(ctrl.consolidationPasses, t, (at) =>
            explainDisruption(state, node, { now: at, lastPodEvents: ctrl.lastPodEventsAt(at) }),
          )
        : undefined;
    // A candidate the last computing pass judged and the Balanced policy rejected: no event says
    // so (Karpenter counts it in a metric only), so the explainer alone would call it a candidate.
    const rejected =
      now.state === 'candidate'
        ? balancedRejectedAt(ctrl.balancedRejections, ctrl.consolidationPasses, node, t)
        : undefined;
    const e = waiting ?? rejected ?? now;
    // A candidate a timed-out single-node pass never reached: the read-only explainer cannot know.
    const missed =
      e.state === 'candidate' && !e.reason.startsWith('empty')
        ? unreachedAt(ctrl.singleNodeRuns, node, t)
        : undefined;
    return {
      headline: missed ? `${e.sentence} ${unreachedSentence(missed)}` : e.sentence,
      blockers: e.state === 'blocked' ? [e.reason] : [],
      state: e.state,
      karpenterReason: missed ? `${e.reason}; ${unreachedReason(missed)}` : e.reason,
      ...(e.since === undefined ? {} : { consolidatableSince: e.since }),
      ...(e.closedDestinations === undefined ? {} : { closedDestinations: e.closedDestinations }),
      ...(waiting?.until !== undefined
        ? { nextPass: waiting.until }
        : e.until === undefined
          ? {}
          : { until: e.until }),
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
