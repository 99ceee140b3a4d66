// Plays a step's solution onto a workspace exactly the way the learner would: a workspace solution
// replaces the text; console commands go through the console's own rule (applyConsoleAction: at
// t = 0 a scale edits the object, later it becomes a Scenario action). A command may name
// "<node>" — the node a learner would pick from `kubectl get nodes` at that moment — which is
// resolved by simulating the text so far (the oldest live node, deterministic for a seed).
import { formatDuration, parseCommand, stateAt, type Timeline } from '../sim/engine/index.ts';
import { applyConsoleAction } from '../kubectl/workspaceEdits.ts';
import { liveNodes } from './checks/facts.ts';
import type { Solution } from './types.ts';

export type Simulate = (text: string) => Timeline;

export type PlayResult = { ok: true; text: string } | { ok: false; error: string };

export const NODE_PLACEHOLDER = '<node>';

/** Which of the live nodes (oldest first) the learner picks for "<node>"; the oldest by default. */
export type NodePick = (oldestFirst: readonly string[]) => string | undefined;

export function playSolution(
  start: string,
  solutions: readonly Solution[],
  simulate: Simulate,
  pick: NodePick = (nodes) => nodes[0],
): PlayResult {
  let text = start;
  for (const s of solutions) {
    const r =
      s.kind === 'workspace'
        ? { ok: true as const, text: s.text }
        : playCommands(text, s.commands, simulate, pick);
    if (!r.ok) return r;
    text = r.text;
  }
  return { ok: true, text };
}

function playCommands(
  start: string,
  commands: readonly { atMs: number; command: string }[],
  simulate: Simulate,
  pick: NodePick,
): PlayResult {
  let text = start;
  for (const { atMs, command: raw } of commands) {
    let command = raw;
    if (command.includes(NODE_PLACEHOLDER)) {
      const node = pick(nodesAt(simulate(text), atMs));
      if (!node) return { ok: false, error: `"${raw}": no node is running at that moment` };
      command = command.replaceAll(NODE_PLACEHOLDER, node);
    }
    const parsed = parseCommand(command);
    if (!parsed.ok) return { ok: false, error: `"${command}": ${parsed.error}` };
    const r = applyConsoleAction(text, atMs, command, parsed.action);
    if (!r.ok) return { ok: false, error: `"${command}": ${r.error}` };
    text = r.text;
  }
  return { ok: true, text };
}

/** The nodes alive at that time, oldest first (the one a learner would most likely pick). */
export function nodesAt(timeline: Timeline, atMs: number): string[] {
  return liveNodes(stateAt(timeline, atMs))
    .sort((a, b) => a.createdAt - b.createdAt || (a.name < b.name ? -1 : 1))
    .map((n) => n.name);
}

/** The node a learner would most likely pick: the oldest one alive at that time. */
export function nodeAt(timeline: Timeline, atMs: number): string | undefined {
  return nodesAt(timeline, atMs)[0];
}

/**
 * The UI's "Apply solution": the same playing, without a simulator at hand (the timeline lives in
 * the worker). Commands that need a node name are left for the learner to type, listed in `manual`
 * ("at 3m: interrupt <node>").
 */
export function playSolutionWithoutNodes(
  start: string,
  solutions: readonly Solution[],
): PlayResult & { manual: string[] } {
  const manual: string[] = [];
  const runnable = solutions.map((s): Solution => {
    if (s.kind === 'workspace') return s;
    const keep = s.commands.filter((c) => !c.command.includes(NODE_PLACEHOLDER));
    for (const c of s.commands)
      if (c.command.includes(NODE_PLACEHOLDER))
        manual.push(`at ${formatDuration(c.atMs)}: ${c.command}`);
    return { kind: 'console', commands: keep };
  });
  const r = playSolution(start, runnable, () => {
    throw new Error('unreachable: node placeholders were removed');
  });
  return { ...r, manual };
}
