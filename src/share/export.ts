// Files a learner takes away: the workspace YAML, the timeline JSON (the CLI's --json contract),
// and a Markdown summary for a bug report or a chat. Pure: the UI turns an ExportFile into a Blob
// download. Everything user-controlled that lands in Markdown is escaped, so a pod named
// "<img onerror=…>" or "|" cannot break out of a table cell or a code block where it is pasted.
import type { TimelineJSON } from '../sim/engine/json.ts';
import { linkSize } from './link.ts';

export interface ExportFile {
  filename: string;
  mime: string;
  content: string;
}

export function workspaceFile(text: string, stem = 'karpenter-lab-workspace'): ExportFile {
  return {
    filename: `${stem}.yaml`,
    mime: 'application/yaml',
    content: text.endsWith('\n') ? text : `${text}\n`,
  };
}

export function timelineFile(json: TimelineJSON, stem = 'karpenter-lab-timeline'): ExportFile {
  return {
    filename: `${stem}.json`,
    mime: 'application/json',
    content: `${JSON.stringify(json, null, 2)}\n`,
  };
}

export interface SummaryInput {
  /** The full share URL (origin + path + fragment). */
  link: string;
  workspace: string;
  /** The simulation at the cursor (toJSON(timeline, t)); absent when it has not run. */
  timeline?: TimelineJSON;
  /** What the learner wants to ask, if anything. */
  question?: string;
}

const MAX_ROWS = 15;
const MAX_WORKSPACE_IN_SUMMARY = 20_000;

export function markdownSummary(input: SummaryInput): ExportFile {
  const { timeline } = input;
  const out: string[] = ['## Karpenter Lab scenario', ''];
  if (input.question) out.push(cell(input.question), '');
  if (linkSize(input.link) === 'too-long')
    out.push('The share link is too long for a URL: the workspace is attached below instead.', '');
  else
    out.push(
      `[Open this scenario in Karpenter Lab](<${input.link.replace(/[<>\s]/g, encodeURIComponent)}>)`,
      '',
    );
  if (timeline) {
    const k = timeline.karpenter;
    out.push(
      `Karpenter ${cell(k.version)} (${cell(k.semantics)} semantics${k.installed ? '' : ', not installed'}) · at ${timeline.time}s · $${timeline.cost.perHour.toFixed(4)}/h, $${timeline.cost.total.toFixed(4)} so far`,
      '',
    );
    const nodes = timeline.nodes.filter((n) => n.state !== 'terminated');
    out.push(`### Nodes (${nodes.length})`, '');
    if (nodes.length > 0) {
      out.push('| node | nodepool | instance type | capacity | zone | state | $/h | pods |');
      out.push('|---|---|---|---|---|---|---|---|');
      for (const n of nodes.slice(0, MAX_ROWS))
        out.push(
          `| ${[n.name, n.nodePool ?? '—', n.instanceType, n.capacityType, n.zone, n.state].map(cell).join(' | ')} | ${n.pricePerHour} | ${n.pods.length} |`,
        );
      if (nodes.length > MAX_ROWS) out.push(`| … ${nodes.length - MAX_ROWS} more | | | | | | | |`);
      out.push('');
    }
    const waiting = timeline.pods.filter((p) => p.phase !== 'Running');
    if (waiting.length > 0) {
      out.push(`### Pods not running (${waiting.length})`, '');
      for (const p of waiting.slice(0, MAX_ROWS))
        out.push(
          `- ${cell(`${p.namespace}/${p.name}`)}: ${cell(p.phase)}${p.reason ? ` — ${cell(p.reason)}` : ''}`,
        );
      if (waiting.length > MAX_ROWS) out.push(`- … ${waiting.length - MAX_ROWS} more`);
      out.push('');
    }
  }
  const yaml =
    input.workspace.length > MAX_WORKSPACE_IN_SUMMARY
      ? `${input.workspace.slice(0, MAX_WORKSPACE_IN_SUMMARY)}\n# … cut: the full workspace is in the link or the exported file\n`
      : input.workspace;
  out.push(
    '<details><summary>Workspace YAML</summary>',
    '',
    fenced(yaml, 'yaml'),
    '',
    '</details>',
    '',
  );
  return { filename: 'karpenter-lab-summary.md', mime: 'text/markdown', content: out.join('\n') };
}

/** Text in a table cell or a list item: one line, Markdown and HTML syntax neutralised. */
export function cell(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_[\]|<>#!~]/g, (c) => `\\${c}`)
    .slice(0, 500);
}

/** A code fence longer than any backtick run inside, so the content cannot close it early. */
export function fenced(text: string, lang: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${text.endsWith('\n') ? text : `${text}\n`}${fence}`;
}
