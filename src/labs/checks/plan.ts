// The `plan` check: figures of the plan report (src/plan) of the run's `kubectl apply -f <doc>`,
// the same report `karpenter-lab plan` prints, so a lab step is checked on what the CLI would say.
import { formatDuration, type Timeline } from '../../sim/engine/index.ts';
import { planOfTimeline } from '../../plan/fromTimeline.ts';
import type { Check } from '../types.ts';
import { usd } from './facts.ts';

type Verdict = { pass: boolean; message: string };

export function planCheck(timeline: Timeline, c: Extract<Check, { kind: 'plan' }>): Verdict {
  const r = planOfTimeline(timeline, c.document);
  if (!r)
    return {
      pass: false,
      message: `no \`kubectl apply -f ${c.document ?? '<document>'}\` of a held-back document ran: hold the change back (annotation lab.karpenter.playground/held-back) and apply it with a Scenario action`,
    };
  const ms = (s: number): string => formatDuration(Math.round(s) * 1000);
  const fields = [...new Set(r.drifted.flatMap((d) => d.fields))];
  const longest = Math.max(0, ...r.pods.map((p) => p.notRunningSeconds));
  const summary = `${r.drifted.length} NodeClaim(s) drifted${fields.length ? ` on ${fields.join(', ')}` : ''}, converged in ${ms(r.timeToConverge)}, longest pod down ${ms(longest)}, ${usd(r.cost.beforePerHour)} → ${usd(r.cost.afterPerHour)}`;
  const fail = (why: string): Verdict => ({ pass: false, message: `${why} (${summary})` });
  if (c.minDrifted !== undefined && r.drifted.length < c.minDrifted)
    return fail(
      r.changes.length === 0
        ? 'the apply changed nothing'
        : `only ${r.drifted.length} NodeClaim(s) drifted, expected at least ${c.minDrifted}`,
    );
  if (c.field !== undefined && !fields.some((f) => f.includes(c.field ?? '')))
    return fail(`no NodeClaim drifted on ${c.field}`);
  if (c.maxConverge !== undefined && r.timeToConverge * 1000 > c.maxConverge)
    return fail(
      `the change took ${ms(r.timeToConverge)} to settle, more than ${formatDuration(c.maxConverge)}`,
    );
  if (c.maxNotRunning !== undefined && longest * 1000 > c.maxNotRunning) {
    const worst = r.pods.find((p) => p.notRunningSeconds === longest);
    return fail(
      `${worst?.pod ?? 'a pod'} was not Running for ${ms(longest)}, more than ${formatDuration(c.maxNotRunning)}`,
    );
  }
  const delta = r.cost.deltaPerHour;
  const signed = (v: number): string => `${v < 0 ? '−' : '+'}${usd(Math.abs(v))}`;
  if (c.maxCostDelta !== undefined && delta > c.maxCostDelta + 1e-9)
    return fail(`the cost changes by ${signed(delta)}, more than ${signed(c.maxCostDelta)}`);
  if (c.minCostDelta !== undefined && delta < c.minCostDelta - 1e-9)
    return fail(`the cost changes by ${signed(delta)}, less than ${signed(c.minCostDelta)}`);
  return { pass: true, message: summary };
}
