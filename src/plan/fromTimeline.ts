// The plan report of a run that applied a held-back document itself (a workspace whose Scenario
// says `kubectl apply -f <name>` at some time): the browser's Plan view and the lab checks read the
// same report the CLI prints, from the first successful apply of the run.
import { stateAt } from '../sim/engine/timeline.ts';
import type { Timeline } from '../sim/engine/timeline.ts';
import { objectKey } from '../sim/engine/state.ts';
import { fieldChanges, type DocumentChange } from './diff.ts';
import { planReport, type PlanReport } from './report.ts';

export function planOfTimeline(timeline: Timeline, document?: string): PlanReport | undefined {
  const i = timeline.events.findIndex(
    (e) =>
      e.type === 'action' &&
      e.action.action.kind === 'apply' &&
      e.error === undefined &&
      (document === undefined || e.action.action.ref === document),
  );
  const action = timeline.events[i];
  if (!action || action.type !== 'action') return undefined;
  const at = action.t;
  const before = stateAt(timeline, at - 1);
  const changes: DocumentChange[] = [];
  const seen = new Set<string>();
  // The objects the apply wrote are the events just before its `action` record, at its time.
  for (let j = i - 1; j >= 0; j--) {
    const e = timeline.events[j];
    if (!e || e.t !== at || e.type === 'action') break;
    if (e.type !== 'object.applied') continue;
    const o = e.object;
    const key = objectKey(o);
    if (seen.has(key)) continue;
    seen.add(key);
    const prev =
      o.kind === 'NodePool' ? before.nodePools.get(o.metadata.name ?? '') : before.objects.get(key);
    changes.unshift({
      kind: o.kind,
      name: o.metadata.name ?? '',
      ...(o.metadata.namespace === undefined ? {} : { namespace: o.metadata.namespace }),
      action: prev ? 'configured' : 'created',
      fields: prev ? fieldChanges(prev, o) : [],
    });
  }
  return planReport({
    timeline,
    appliedAt: at,
    diff: { apply: [], changes, notPruned: [], scenarioIgnored: false },
  });
}
