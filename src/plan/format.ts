// The plan report as text: aligned columns for a terminal, Markdown for a pull-request comment.
// Times are shown relative to the apply ("+1m10s"), the way a rollout is read.
import { formatDuration } from '../sim/engine/duration.ts';
import { markdownTable, money, table } from '../explain/columns.ts';
import type { PlanReport } from './report.ts';

type Rows = string[][];
export interface Blocks {
  title: string;
  /** Sections: a heading, sentences, and an optional table. */
  sections: { heading: string; lines: string[]; rows?: Rows }[];
}

const dur = (s: number): string => formatDuration(Math.round(s) * 1000);
const signed = (v: number): string => `${v >= 0 ? '+' : '−'}${money(Math.abs(v))}`;

/** The report's sections, shared by the table and Markdown forms (and the browser's Plan view). */
export function planBlocks(r: PlanReport, names: { before: string; after: string }): Blocks {
  const rel = (s: number | null): string => (s === null ? '-' : `+${dur(s - r.appliedAt)}`);
  const sections: Blocks['sections'] = [];
  const changes = r.changes.map((c) => {
    const id = `${c.kind}/${c.namespace === undefined ? '' : `${c.namespace}/`}${c.name}`;
    const fields = c.fields
      .slice(0, 6)
      .map(
        (f) =>
          `${f.path}: ${f.before ?? '(none)'}${f.live ? ' (live, after the run’s kubectl scale)' : ''} → ${f.after ?? '(none)'}`,
      );
    return `${id} ${c.action}${fields.length ? `: ${fields.join('; ')}` : ''}${c.fields.length > 6 ? `; … ${c.fields.length - 6} more` : ''}`;
  });
  sections.push({
    heading: `Changes applied at ${dur(r.appliedAt)} (when ${names.before} was quiet)`,
    lines: [
      ...(changes.length
        ? changes
        : [
            r.scenarioIgnored
              ? `${names.after} changes no cluster object (only its Scenario differs)`
              : `${names.after} changes nothing: every document is the same`,
          ]),
      ...(r.applyError ? [`kubectl apply failed: ${r.applyError}`] : []),
      ...(r.notPruned.length
        ? [`Left in place (kubectl apply does not prune): ${r.notPruned.join(', ')}`]
        : []),
      ...(r.scenarioIgnored
        ? [
            `${names.after}'s Scenario differs and is not applied (it describes the lab, not the cluster)`,
          ]
        : []),
    ],
  });
  sections.push({
    heading: `Drifted NodeClaims: ${r.drifted.length}`,
    lines:
      r.drifted.length === 0 ? ['None: no NodeClaim hashes differently after the change.'] : [],
    ...(r.drifted.length
      ? {
          rows: [
            ['NODECLAIM', 'NODE', 'INSTANCE-TYPE', 'DRIFTED ON', 'FIELD', 'REPLACED'],
            ...r.drifted.map((d) => [
              d.nodeClaim,
              d.node ?? '-',
              d.instanceType,
              d.cause,
              d.fields.slice(0, 2).join(', ') + (d.fields.length > 2 ? ', …' : ''),
              rel(d.replacedAt),
            ]),
          ],
        }
      : {}),
  });
  // A drifted NodeClaim Karpenter did not replace is the change not done: say so, and why.
  const kept = r.drifted.filter((d) => d.kept !== undefined);
  if (kept.length)
    sections.push({
      heading: `Still drifted once converged: ${kept.length} of ${r.drifted.length} (Karpenter did not replace them)`,
      lines: kept.map((d) => {
        const why = d.kept?.reason ?? null;
        const sentence = d.kept?.sentence ?? null;
        return `${d.nodeClaim} (${d.node ?? '-'}): ${
          why === null
            ? 'Karpenter said nothing about it after the apply'
            : `${why}${sentence !== null && sentence !== why ? ` — ${sentence}` : ''}`
        }`;
      }),
    });
  sections.push({
    heading: `Replacement order: ${r.replacements.length} NodeClaim(s) disrupted`,
    lines: r.replacements.length === 0 ? ['No NodeClaim was disrupted.'] : [],
    ...(r.replacements.length
      ? {
          rows: [
            ['#', 'NODECLAIM', 'REASON', 'DECIDED', 'DRAIN', 'GONE', 'REPLACED BY'],
            ...r.replacements.map((x) => [
              String(x.order),
              x.nodeClaim,
              x.reason,
              rel(x.decidedAt),
              rel(x.drainStartedAt),
              rel(x.terminatedAt),
              x.replacedBy.length === 0
                ? '(none: pods fit elsewhere)'
                : x.replacedBy
                    .map(
                      (b) =>
                        `${b.instanceType ?? '?'} ${b.capacityType ?? ''} ready ${rel(b.readyAt)}`,
                    )
                    .join(', '),
            ]),
          ],
        }
      : {}),
  });
  if (r.blocked.length)
    sections.push({
      heading: 'Paced by budgets and PDBs',
      lines: r.blocked.map(
        (b) =>
          `node/${b.node} ${b.reason}${b.count > 1 ? ` ×${b.count}` : ''} ${rel(b.first)}${b.count > 1 ? `…${rel(b.last)}` : ''}: ${b.message}`,
      ),
    });
  const longest = Math.max(0, ...r.pods.map((p) => p.notRunningSeconds));
  sections.push({
    heading: `Pods moved: ${r.pods.length}${r.pods.length ? ` (longest not Running: ${dur(longest)})` : ''}`,
    lines: r.pods.length === 0 ? ['No pod was evicted or replaced by a rollout.'] : [],
    ...(r.pods.length
      ? {
          rows: [
            ['POD', 'FROM', 'LEFT', 'REPLACED BY', 'TO', 'RUNNING', 'NOT RUNNING'],
            ...r.pods.map((p) => [
              p.pod,
              p.fromNode ?? '-',
              `${rel(p.evictedAt)} (${p.by === 'eviction' ? 'evicted' : 'rollout'})`,
              p.replacement ?? '-',
              p.toNode ?? '-',
              rel(p.runningAgainAt),
              p.runningAgainAt === null
                ? `${dur(p.notRunningSeconds)}+ (never ran)`
                : dur(p.notRunningSeconds),
            ]),
          ],
        }
      : {}),
  });
  const c = r.cost;
  sections.push({
    heading: 'Outcome',
    lines: [
      `Converged ${dur(r.timeToConverge)} after the apply (at ${dur(r.convergedAt)})${kept.length ? `, with ${kept.length} drifted NodeClaim(s) not replaced` : ''}; nodes ${r.nodes.before} → ${r.nodes.after}`,
      `Cost: ${money(c.beforePerHour)}/h before → ${money(c.afterPerHour)}/h after (${signed(c.deltaPerHour)}/h)`,
      `Transition: ${money(c.spentDuringTransition)} spent while converging, ${signed(c.transitionCost)} compared with keeping ${names.before} for that time`,
      r.pending.length === 0
        ? 'Every pod is Running once converged.'
        : `${r.pending.length} pod(s) not Running once converged: ${r.pending
            .slice(0, 5)
            .map((p) => `${p.pod} (${short(p.reason ?? p.phase)})`)
            .join('; ')}`,
      ...r.warnings.map((w) => `warning: ${w}`),
    ],
  });
  return { title: `Plan: ${names.before} → ${names.after}`, sections };
}

export function planTable(blocks: Blocks): string {
  const out = [blocks.title];
  for (const s of blocks.sections) {
    out.push('', s.heading);
    for (const l of s.lines) out.push(`  ${l}`);
    if (s.rows)
      out.push(
        ...table(s.rows)
          .split('\n')
          .map((l) => `  ${l}`),
      );
  }
  return out.join('\n');
}

export function planMarkdown(blocks: Blocks): string {
  const out = [`### ${blocks.title}`];
  for (const s of blocks.sections) {
    out.push('', `**${s.heading}**`, '');
    for (const l of s.lines) out.push(`- ${l}`);
    if (s.rows) {
      if (s.lines.length) out.push('');
      out.push(markdownTable(s.rows));
    }
  }
  return out.join('\n');
}

/** A reason cut to its first clause (Karpenter's messages list every requirement; the JSON keeps
 *  the whole text). */
function short(reason: string): string {
  return reason.length <= 100 ? reason : `${reason.slice(0, 97).replace(/[\s,;]+\S*$/, '')}…`;
}
