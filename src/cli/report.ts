// The human report: a nodes table like
//   kubectl get nodes -L karpenter.sh/capacity-type,node.kubernetes.io/instance-type
// plus price, cost, and every pod that is not Running with its reason.
import { formatDuration } from '../sim/engine/duration.ts';
import type { TimelineJSON } from '../sim/engine/json.ts';

const STATUS: Readonly<Record<string, string>> = {
  'not-ready': 'NotReady',
  ready: 'Ready',
  cordoned: 'Ready,SchedulingDisabled',
  draining: 'Ready,SchedulingDisabled',
  terminating: 'NotReady,SchedulingDisabled',
  terminated: 'Terminated',
};

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  return rows
    .map((r) =>
      r
        .map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd((widths[c] ?? 0) + 3)))
        .join('')
        .trimEnd(),
    )
    .join('\n');
}

const money = (v: number): string => `$${v.toFixed(4)}`;

export function humanReport(j: TimelineJSON): string {
  const out: string[] = [];
  const k = j.karpenter;
  out.push(
    `Simulated ${formatDuration(j.time * 1000)} (${j.stoppedBy === 'quiet' ? 'until quiet' : j.stoppedBy}) · Karpenter ${k.version} (${k.semantics} semantics)${k.installed ? '' : ' · NOT INSTALLED'}`,
  );
  out.push('');
  const live = j.nodes.filter((n) => n.state !== 'terminated');
  const gone = j.nodes.length - live.length;
  if (j.nodes.length === 0) out.push('No nodes.');
  else {
    const rows = [
      ['NAME', 'STATUS', 'AGE', 'CAPACITY-TYPE', 'INSTANCE-TYPE', 'ZONE', 'PRICE/H', 'PODS'],
    ];
    for (const n of j.nodes) {
      const age =
        n.state === 'terminated' ? '-' : formatDuration(Math.round(j.time - n.createdAt) * 1000);
      rows.push([
        n.name,
        STATUS[n.state] ?? n.state,
        age,
        n.capacityType,
        n.instanceType,
        n.zone,
        `${money(n.pricePerHour)}${n.priceIsEstimate ? '*' : ''}`,
        String(n.pods.length),
      ]);
    }
    out.push(table(rows));
    if (gone > 0) out.push(`(${gone} node(s) terminated during the run are listed as Terminated)`);
  }
  out.push('');
  out.push(
    `Cost: ${money(j.cost.perHour)}/h at the end · ${money(j.cost.total)} spent over ${formatDuration(j.time * 1000)}`,
  );
  if (j.nodes.some((n) => n.priceIsEstimate))
    out.push(
      '  * spot prices are estimates derived from Spot Advisor savings, not observed prices',
    );
  const claims = j.nodeClaims.filter((c) => c.explanation.length > 0 && c.funnel.length > 0);
  if (claims.length > 0) {
    out.push('');
    out.push('Why these instances (per NodeClaim):');
    for (const c of claims.slice(0, 20)) for (const line of c.explanation) out.push(`  ${line}`);
    if (claims.length > 20) out.push(`  … and ${claims.length - 20} more (use --json for all)`);
  }
  const notRunning = j.pods.filter((p) => p.phase !== 'Running');
  const running = j.pods.length - notRunning.length;
  out.push('');
  out.push(`Pods: ${running} Running, ${notRunning.length} not Running`);
  for (const p of notRunning.slice(0, 50)) {
    out.push(`  ${p.namespace}/${p.name} (${p.phase}): ${p.reason ?? ''}`);
    // One plain sentence per NodePool; Karpenter's own text too when it differs from the summary.
    for (const r of p.nodePools ?? [])
      out.push(`    ${r.plain}${r.message !== p.reason ? ` Karpenter: ${r.message}` : ''}`);
  }
  if (notRunning.length > 50)
    out.push(`  … and ${notRunning.length - 50} more (use --json for all)`);
  if (j.warnings.length) {
    out.push('');
    out.push('Warnings:');
    for (const w of j.warnings) out.push(`  ${w}`);
  }
  out.push('');
  out.push(`Boot times are assumptions: ${j.assumptions.join('; ')}`);
  return out.join('\n');
}
