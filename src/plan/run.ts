// runPlan: BEFORE runs until quiet; the documents of AFTER that differ are then applied to that
// running cluster as a Scenario action (`kubectl apply -f <document>` of held-back documents, the
// same mechanism a workspace uses), and the run goes on until quiet. The engine is deterministic,
// so the second run is the first one, event for event, up to the apply.
import type { KubeObject } from '../sim/k8s.ts';
import { karpenterDisruption } from '../sim/disruption/index.ts';
import type { Progress } from '../sim/engine/simulate.ts';
import { simulate } from '../sim/engine/simulate.ts';
import { formatDuration } from '../sim/engine/duration.ts';
import type { Timeline } from '../sim/engine/timeline.ts';
import { diffDocuments, type DocumentDiff } from './diff.ts';

/** The held-back document name the plan's changes are applied under. */
export const PLAN_DOCUMENT = 'after';

export interface PlanInput {
  before: readonly KubeObject[];
  after: readonly KubeObject[];
  /** BEFORE's own held-back documents (its Scenario may apply them). */
  heldBack?: Readonly<Record<string, readonly KubeObject[]>>;
  seed?: number;
  onProgress?: (p: Progress) => void;
  isCancelled?: () => boolean;
}

export interface PlanRun {
  diff: DocumentDiff;
  /** ms: when BEFORE went quiet and AFTER's changes were applied. */
  appliedAt: number;
  /** The whole story: BEFORE, the apply, and what followed. */
  timeline: Timeline;
}

export type PlanOutcome = { ok: true; run: PlanRun } | { ok: false; error: string };

export function runPlan(input: PlanInput): PlanOutcome {
  const diff = diffDocuments(input.before, input.after);
  const common = {
    objects: input.before.map(withoutUntil),
    ...(input.seed === undefined ? {} : { seed: input.seed }),
    ...(input.isCancelled ? { isCancelled: input.isCancelled } : {}),
  };
  const phase =
    (name: string) =>
    (p: Progress): void =>
      input.onProgress?.({ ...p, phase: name });
  const first = simulate({
    ...common,
    heldBack: input.heldBack ?? {},
    disruption: karpenterDisruption(),
    onProgress: phase('before'),
  });
  const stop = stopped(first, 'BEFORE');
  if (stop) return { ok: false, error: stop };
  const appliedAt = first.end;
  const timeline = simulate({
    ...common,
    heldBack: { ...(input.heldBack ?? {}), [PLAN_DOCUMENT]: diff.apply },
    actions:
      diff.apply.length === 0
        ? []
        : [
            {
              at: appliedAt,
              action: { kind: 'apply', ref: PLAN_DOCUMENT },
              source: `kubectl apply -f ${PLAN_DOCUMENT}`,
            },
          ],
    disruption: karpenterDisruption(),
    onProgress: phase('after'),
  });
  const stop2 = stopped(timeline, 'the change');
  if (stop2) return { ok: false, error: stop2 };
  return { ok: true, run: { diff, appliedAt, timeline } };
}

/** A Scenario's `until` would stop BEFORE early: a plan runs each phase until quiet. */
function withoutUntil(o: KubeObject): KubeObject {
  if (o.kind !== 'Scenario' || o.spec.until === undefined) return o;
  const { until: _until, ...spec } = o.spec;
  return { ...o, spec };
}

function stopped(t: Timeline, what: string): string | undefined {
  if (t.refused !== undefined) return t.refused;
  if (t.stoppedBy === 'cancelled') return 'cancelled';
  if (t.stoppedBy === 'cap')
    return `${what}: the cluster never went quiet (stopped at ${formatDuration(t.end)}); a plan needs a settled cluster before and after`;
  return undefined;
}
