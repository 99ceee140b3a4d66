// summarize: the run so far in one paragraph for the side panel — pods, nodes by type and capacity
// type, $/h and the saving against an all-on-demand baseline. The baseline prices the *same*
// instance types at their on-demand price (same zone when offered), so the saving measures the
// capacity-type choice, not the bin packing.
import { costAt, stateAt, type Billed, type Timeline } from '../sim/engine/index.ts';
import { onDemandPrice } from './catalog.ts';
import { clock, count, dollars, list, percent, plural, price } from './format.ts';
import type { ExplainOptions, RunSummary } from './types.ts';

export function summarize(timeline: Timeline, t: number, opts: ExplainOptions = {}): RunSummary {
  const state = stateAt(timeline, t);
  let running = 0;
  let pending = 0;
  let unplaceable = 0;
  for (const p of state.pods.values()) {
    if (p.phase === 'Running') running++;
    else if (p.phase === 'Pending' && p.nodeName === undefined) {
      pending++;
      if (p.error && p.nominatedTo === undefined) unplaceable++;
    }
  }
  const total = state.pods.size;

  // What bills now: registered nodes, and launched NodeClaims whose node has not registered yet
  // (the instances the cost figures price).
  const billed: Billed[] = [];
  const cost = costAt(state, t, (b) => {
    if (b.running) billed.push(b);
  });

  const groups = new Map<string, RunSummary['nodes'][number]>();
  for (const b of billed) {
    const k = `${b.instanceType}\u0000${b.capacityType}`;
    const g = groups.get(k) ?? {
      instanceType: b.instanceType,
      capacityType: b.capacityType,
      count: 0,
      pricePerHour: 0,
    };
    g.count++;
    g.pricePerHour += b.price;
    groups.set(k, g);
  }
  const nodes = [...groups.values()].sort(
    (a, b) => b.count - a.count || (a.instanceType < b.instanceType ? -1 : 1),
  );

  let baseline: number | undefined = 0;
  for (const b of billed) {
    const od =
      b.capacityType === 'on-demand'
        ? b.price
        : opts.catalog
          ? onDemandPrice(opts.catalog, b.instanceType, b.zone)
          : undefined;
    if (od === undefined) {
      baseline = undefined;
      break;
    }
    baseline += od;
  }
  const estimates = billed.some((b) => b.estimate);

  const sentences: string[] = [];
  const pendingText =
    pending > 0
      ? `, ${count(pending)} Pending${unplaceable > 0 ? ` (${unplaceable} that no NodePool can take)` : ''}`
      : '';
  sentences.push(
    `At ${clock(t)}: ${count(running)} of ${plural(total, 'pod')} Running${pendingText}.`,
  );
  if (!state.karpenter.installed)
    sentences.push('Karpenter is not installed, so no nodes are being created.');
  if (billed.length === 0) sentences.push('No nodes are running.');
  else {
    const byType = nodes.map((g) => `${g.count} × ${g.instanceType} (${g.capacityType})`);
    sentences.push(`${plural(billed.length, 'node')}: ${list(byType, 4)}.`);
    let costText = `They cost ${price(cost.perHour)}${estimates ? ' (spot prices are estimates)' : ''}`;
    if (baseline !== undefined && baseline > 0) {
      const saving = baseline - cost.perHour;
      costText +=
        saving > 1e-9
          ? `, ${percent(saving, baseline)}% less than the same instance types on-demand (${price(baseline)})`
          : ', the same as on-demand';
    }
    sentences.push(`${costText}.`);
  }
  sentences.push(`${dollars(cost.total)} spent so far.`);

  const summary: RunSummary = {
    at: t,
    paragraph: sentences.join(' '),
    pods: { running, pending, other: total - running - pending, total },
    nodes,
    perHour: cost.perHour,
    totalCost: cost.total,
    pricesAreEstimates: estimates,
  };
  if (baseline !== undefined) {
    const rounded = Math.round(baseline * 1e6) / 1e6;
    summary.onDemandBaselinePerHour = rounded;
    summary.savingsPerHour = Math.round((rounded - cost.perHour) * 1e6) / 1e6;
    summary.savingsPercent = percent(rounded - cost.perHour, rounded);
  }
  return summary;
}
