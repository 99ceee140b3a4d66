// The simulate report in its human forms: a nodes table like
//   kubectl get nodes -L karpenter.sh/capacity-type,node.kubernetes.io/instance-type
// plus price, cost, and every pod that is not Running with its reason — as aligned text (table) or
// Markdown (a pull-request comment).
import { NEWEST_MODELLED } from '../sim/version.ts';
import { formatDuration } from '../sim/engine/duration.ts';
import type { TimelineJSON } from '../sim/engine/json.ts';
import { topWorkloads } from '../sim/engine/workloadCost.ts';
import { markdownTable, money, table } from '../explain/columns.ts';
import type { UnmanagedReport } from '../explain/unmanaged.ts';
import type { ConsolidationTimeout } from '../sim/disruption/index.ts';
import { disruptionReason } from '../sim/disruption/wording.ts';

const STATUS: Readonly<Record<string, string>> = {
  'not-ready': 'NotReady',
  ready: 'Ready',
  cordoned: 'Ready,SchedulingDisabled',
  draining: 'Ready,SchedulingDisabled',
  terminating: 'NotReady,SchedulingDisabled',
  terminated: 'Terminated',
};

function nodeRows(j: TimelineJSON): string[][] {
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
  return rows;
}

const headline = (j: TimelineJSON): string => {
  const k = j.karpenter;
  return `Simulated ${formatDuration(j.time * 1000)} (${j.stoppedBy === 'quiet' ? 'until quiet' : j.stoppedBy}) · Karpenter ${k.version} (${/^v\d+$/.test(k.version) ? `as v${NEWEST_MODELLED.major}.${NEWEST_MODELLED.minor}, the newest the lab models; ` : ''}${k.semantics} semantics)${k.installed ? '' : ' · NOT INSTALLED'}`;
};

const costLine = (j: TimelineJSON): string =>
  `Cost: ${money(j.cost.perHour)}/h at the end · ${money(j.cost.total)} spent over ${formatDuration(j.time * 1000)}`;

/** At most this many workloads are listed; the rest are summed on one line. */
const WORKLOAD_ROWS = 10;

/** What the $/h at the end pays for, by workload, and the idle rest (workloadCost.ts). */
function workloadSection(j: TimelineJSON, tableOf: (rows: string[][]) => string): string[] {
  const { perHour, byWorkload, idlePerHour } = j.cost;
  if (perHour <= 0 || byWorkload.length === 0) return [];
  const share = (v: number) => `${Math.round((v / perHour) * 100)}%`;
  const top = topWorkloads(byWorkload, WORKLOAD_ROWS);
  const rows = [['WORKLOAD', 'PODS', 'COST/H', 'SHARE']];
  for (const w of top.rows)
    rows.push([
      `${w.workload}${w.daemon ? ' (DaemonSet)' : ''}`,
      String(w.pods),
      money(w.perHour),
      share(w.perHour),
    ]);
  const o = top.others;
  if (o)
    rows.push([
      `${o.workloads} more workloads`,
      String(o.pods),
      money(o.perHour),
      share(o.perHour),
    ]);
  rows.push(['idle (requested by no pod)', '-', money(idlePerHour), share(idlePerHour)]);
  return [
    'Cost by workload at the end: each node’s price split into CPU and memory as AWS prices them ($0.037 per vCPU-hour, $0.00275 per GiB-hour) and shared by what its pods request; what no pod requests is idle.',
    '',
    tableOf(rows),
  ];
}

const ESTIMATE_NOTE =
  'spot prices are estimates derived from Spot Advisor savings, not observed prices';

/** Nodes Karpenter does not own, and what a NodePool would save replacing them. */
function unmanagedSection(u: UnmanagedReport, tableOf: (rows: string[][]) => string): string[] {
  const rows = [['NAME', 'OWNER', 'INSTANCE-TYPE', 'CAPACITY-TYPE', 'ZONE', 'PRICE/H', 'PODS']];
  for (const n of u.nodes)
    rows.push([
      n.name,
      n.owner,
      n.instanceType || '-',
      n.capacityType,
      n.zone,
      money(n.pricePerHour),
      String(n.pods),
    ]);
  const r = u.replacement;
  const estimate =
    r === null
      ? 'No estimate of a NodePool replacing them: Karpenter is not installed.'
      : `A NodePool replacing them (${r.with}) would run their pods for ${money(r.perHour)}/h: ${r.savingPerHour >= 0 ? `saves ${money(r.savingPerHour)}/h` : `costs ${money(-r.savingPerHour)}/h more`} (an estimate: the same workspace run without these nodes).${r.pending.length ? ` ${r.pending.length} pod(s) would not run without them (first: ${r.pending[0] ?? ''}).` : ''}`;
  return [
    `Capacity Karpenter does not manage: ${u.nodes.length} node(s), ${money(u.perHour)}/h. Karpenter neither disrupts nor consolidates it.`,
    '',
    tableOf(rows),
    '',
    estimate,
  ];
}

/** How often consolidation ran out of its modelled computation time (seconds since the start). */
export interface TimeoutSummary {
  singleNode: number;
  multiNode: number;
  first: number;
  last: number;
}

export function timeoutSummary(
  timeouts: readonly ConsolidationTimeout[],
): TimeoutSummary | undefined {
  if (timeouts.length === 0) return undefined;
  const single = timeouts.filter((t) => t.method === 'SingleNodeConsolidation').length;
  return {
    singleNode: single,
    multiNode: timeouts.length - single,
    first: (timeouts[0]?.at ?? 0) / 1000,
    last: (timeouts[timeouts.length - 1]?.at ?? 0) / 1000,
  };
}

/** One sentence: a large cluster's consolidation is slower than a small one's, and why. */
function timeoutLine(t: TimeoutSummary): string {
  const when =
    t.first === t.last
      ? `at ${formatDuration(t.first * 1000)}`
      : `between ${formatDuration(t.first * 1000)} and ${formatDuration(t.last * 1000)}`;
  return `Consolidation ran out of time ${when}: single-node gave up ${t.singleNode} time(s) after 3 min, multi-node ${t.multiNode} time(s) after 1 min, on the modelled computation time of its dry runs (assumed timings dryRunPerPod and dryRunPer1kNodes). Nodes it did not reach waited for a later pass.`;
}

/** Nodes still up at the end whose last disruption event says why they stay: the last
 *  Unconsolidatable or DisruptionBlocked on each (the events are Karpenter's; the Node copy of
 *  each pair is enough), or a later replacement that Create refused (Karpenter's log only). */
function keptNodes(j: TimelineJSON): string[] {
  const live = new Set(j.nodes.filter((n) => n.state !== 'terminated').map((n) => n.name));
  const last = new Map<string, { time: number; reason: string; message: string }>();
  for (const e of j.events) {
    const reason = disruptionReason(e.reason);
    if (reason !== 'Unconsolidatable' && reason !== 'DisruptionBlocked') continue;
    if (!e.object.startsWith('node/')) continue;
    const name = e.object.slice(5);
    if (live.has(name)) last.set(name, e);
  }
  // A "not initialized" block is stale once the node's NodeClaim initialized: Karpenter said
  // nothing about it since (it was waiting for consolidateAfter, or found nothing to do).
  const initialized = new Set(
    j.nodeClaims.filter((c) => c.state === 'Initialized').map((c) => c.nodeName),
  );
  const lines = new Map(
    [...last].map(([name, e]) => {
      const at = formatDuration(e.time * 1000);
      const stale =
        initialized.has(name) && /\bn[o']t initialized|isn't initialized/i.test(e.message);
      const text = stale
        ? `initialized after Karpenter's last word on it (${e.reason} at ${at}: ${e.message}); no verdict on it by the end of the run (${formatDuration(j.time * 1000)}): Karpenter looks again after a change it watches or within 5 minutes (run longer with --until)`
        : `${e.reason} at ${at}: ${e.message}`;
      return [name, { time: e.time, text }];
    }),
  );
  // A command Karpenter chose but could not start (its replacement refused) is a later word.
  for (const n of j.nodes) {
    const r = n.replacementRefused;
    if (!r || (lines.get(n.name)?.time ?? -1) > r.last) continue;
    const times =
      r.count === 1 ? '' : ` (${r.count} times since ${formatDuration(r.first * 1000)})`;
    lines.set(n.name, {
      time: r.last,
      text: `replacement refused at ${formatDuration(r.last * 1000)}${times}: ${r.message}`,
    });
  }
  return [...lines].map(([name, l]) => `${name}: ${l.text}`);
}

/** The "why" sections both the table and Markdown print: each NodeClaim's explanation and each
 *  kept node's last word, at most 20 of each, the rest counted. */
function whySections(j: TimelineJSON): { heading: string; aside: string; lines: string[] }[] {
  const upTo20 = (items: readonly string[][], count: number): string[] => [
    ...items.slice(0, 20).flat(),
    ...(count > 20 ? [`… and ${count - 20} more (use --json for all)`] : []),
  ];
  const out: { heading: string; aside: string; lines: string[] }[] = [];
  const claims = j.nodeClaims.filter((c) => c.explanation.length > 0 && c.funnel.length > 0);
  if (claims.length > 0)
    out.push({
      heading: 'Why these instances',
      aside: 'per NodeClaim',
      lines: upTo20(
        claims.map((c) => c.explanation),
        claims.length,
      ),
    });
  const kept = keptNodes(j);
  if (kept.length > 0)
    out.push({
      heading: 'Why these nodes were not consolidated',
      aside: 'Karpenter’s last word on each',
      lines: upTo20(
        kept.map((k) => [k]),
        kept.length,
      ),
    });
  return out;
}

/** One plain sentence per NodePool for a Pending pod; Karpenter's own text too when the pod's
 *  reason does not already hold it (a single pool's message is usually the reason itself). */
function poolHints(p: TimelineJSON['pods'][number]): string[] {
  return (p.nodePools ?? []).map(
    (r) => `${r.plain}${(p.reason ?? '').includes(r.message) ? '' : ` Karpenter: ${r.message}`}`,
  );
}

export function humanReport(
  j: TimelineJSON,
  unmanaged?: UnmanagedReport,
  timeouts?: TimeoutSummary,
): string {
  const out: string[] = [headline(j), ''];
  const gone = j.nodes.filter((n) => n.state === 'terminated').length;
  if (j.nodes.length === 0) out.push('No nodes.');
  else {
    out.push(table(nodeRows(j)));
    if (gone > 0) out.push(`(${gone} node(s) terminated during the run are listed as Terminated)`);
  }
  out.push('', costLine(j));
  if (j.nodes.some((n) => n.priceIsEstimate)) out.push(`  * ${ESTIMATE_NOTE}`);
  const workloads = workloadSection(j, table);
  if (workloads.length > 0) out.push('', ...workloads);
  if (timeouts) out.push('', timeoutLine(timeouts));
  if (unmanaged) out.push('', ...unmanagedSection(unmanaged, table));
  for (const w of whySections(j))
    out.push('', `${w.heading} (${w.aside}):`, ...w.lines.map((l) => `  ${l}`));
  const notRunning = j.pods.filter((p) => p.phase !== 'Running');
  out.push(
    '',
    `Pods: ${j.pods.length - notRunning.length} Running, ${notRunning.length} not Running`,
  );
  for (const p of notRunning.slice(0, 50)) {
    out.push(`  ${p.namespace}/${p.name} (${p.phase}): ${p.reason ?? ''}`);
    for (const hint of poolHints(p)) out.push(`    ${hint}`);
    if (p.refused)
      out.push(`    Karpenter planned a NodeClaim for it but did not create it: ${p.refused}`);
  }
  if (notRunning.length > 50)
    out.push(`  … and ${notRunning.length - 50} more (use --json for all)`);
  if (j.warnings.length) out.push('', 'Warnings:', ...j.warnings.map((w) => `  ${w}`));
  // One assumption per line: joined, they made one line of ~330 characters.
  out.push('', 'Timing assumptions:', ...j.assumptions.map((a) => `  ${a}`));
  return out.join('\n');
}

/** The same report as Markdown, for a pull-request comment or an issue. */
export function markdownReport(
  j: TimelineJSON,
  unmanaged?: UnmanagedReport,
  timeouts?: TimeoutSummary,
): string {
  const out: string[] = ['### Karpenter Lab simulation', '', headline(j), ''];
  out.push(j.nodes.length === 0 ? 'No nodes.' : markdownTable(nodeRows(j)), '', costLine(j));
  if (j.nodes.some((n) => n.priceIsEstimate)) out.push('', `\\* ${ESTIMATE_NOTE}`);
  const workloads = workloadSection(j, markdownTable);
  if (workloads.length > 0) out.push('', ...workloads);
  if (timeouts) out.push('', timeoutLine(timeouts));
  if (unmanaged) out.push('', ...unmanagedSection(unmanaged, markdownTable));
  // The same sections as the table's: what a pull-request reviewer asks first is why.
  // A line the table indents (a NodeClaim's funnel and runner-up) is a nested item: "-   funnel"
  // would be an item of its own, level with the NodeClaim it belongs to.
  for (const w of whySections(j))
    out.push(
      '',
      `**${w.heading}** (${w.aside}):`,
      '',
      ...w.lines.map((l) => (/^\s/.test(l) ? `  - ${l.trimStart()}` : `- ${l}`)),
    );
  const notRunning = j.pods.filter((p) => p.phase !== 'Running');
  out.push(
    '',
    `**Pods:** ${j.pods.length - notRunning.length} Running, ${notRunning.length} not Running`,
  );
  if (notRunning.length > 0) {
    out.push('');
    for (const p of notRunning.slice(0, 50)) {
      out.push(
        `- \`${p.namespace}/${p.name}\` (${p.phase}): ${p.reason ?? ''}${p.refused ? ` — Karpenter did not create its NodeClaim: ${p.refused}` : ''}`,
      );
      for (const hint of poolHints(p)) out.push(`  - ${hint}`);
    }
    if (notRunning.length > 50) out.push(`- … and ${notRunning.length - 50} more`);
  }
  if (j.warnings.length) out.push('', '**Warnings:**', '', ...j.warnings.map((w) => `- ${w}`));
  out.push('', `<sub>Timing assumptions: ${j.assumptions.join('; ')}</sub>`);
  return out.join('\n');
}
