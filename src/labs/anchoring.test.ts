// Every check is anchored to the moment it teaches (issue #14): a step whose solution plays a
// console command at a later playhead ("at 5m: kubectl scale …") must fail when that command is
// left out, and when it lands at the wrong moment (too early: at half its time, and at 0s). Otherwise a
// check could pass on what happens anyway — the seed lab's step 4 once passed before the scale-down,
// on an event that already fired at 50 s. The same holds for a YAML solution: each document it
// adds or changes is a part the checks must need (left as the start had it, a check fails), and a
// Scenario action it adds ("at: 3m, run: kubectl apply -f new-ami") must fail when left out or
// written at 0s. (labs.test.ts proves the solutions pass and the untouched starts fail; this is the
// same play with one key action removed or mistimed.)
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { loadLabs } from './node.ts';
import { labSteps, play } from './testing.ts';
import type { LabStep, Solution } from './types.ts';

type Command = { atMs: number; command: string };

// Each case plays a solution (resolving <node> needs a run) and simulates the step again: a drain and
// a consolidation over 12 simulated minutes take more than vitest's default 5 s on a busy machine.
const SLOW = { timeout: 60_000 };

/** The solution with one console command replaced (or dropped, with `by` undefined). */
function withCommand(solution: readonly Solution[], target: Command, by?: Command): Solution[] {
  return solution.map((s) =>
    s.kind === 'console'
      ? {
          kind: 'console',
          commands: s.commands.flatMap((c) => (c === target ? (by ? [by] : []) : [c])),
        }
      : s,
  );
}

const timed = (solution: readonly Solution[]): Command[] =>
  solution.flatMap((s) => (s.kind === 'console' ? s.commands.filter((c) => c.atMs > 0) : []));

// ---- YAML solutions: the parts a learner writes -------------------------------------------------

type Doc = Record<string, unknown> & { kind?: string; metadata?: { name?: string } };
type Action = Record<string, unknown>;

const docsOf = (text: string): Doc[] =>
  parseAllDocuments(text)
    .map((d) => d.toJS() as Doc | null)
    .filter((d): d is Doc => d !== null && typeof d === 'object');
const nameOf = (d: Doc) => `${d.kind ?? '?'}/${d.metadata?.name ?? '?'}`;
/** kind/name, and which one of that name (a held-back EC2NodeClass "default" beside the live one). */
const keysOf = (docs: readonly Doc[]): string[] =>
  docs.map(
    (d, i) => `${nameOf(d)}#${docs.slice(0, i).filter((e) => nameOf(e) === nameOf(d)).length}`,
  );
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const actionsOf = (d: Doc | undefined): Action[] => {
  const spec = d?.spec as { actions?: Action[] } | undefined;
  return spec?.actions ?? [];
};
const withActions = (d: Doc, actions: Action[]): Doc => ({
  ...d,
  spec: { ...(d.spec as object), actions },
});
const textOf = (docs: readonly Doc[]) => docs.map((d) => stringify(d)).join('---\n');

/** One thing a YAML solution does to its start, and the solution's text with it undone or moved. */
interface Part {
  what: string;
  without: string;
  /** For an added timed Scenario action: the solution with that action at 0s. */
  atZero?: string | undefined;
}

function yamlParts(start: string, solution: string): Part[] {
  const first = docsOf(start);
  const firstKeys = keysOf(first);
  const before = new Map(first.map((d, i) => [firstKeys[i], d]));
  const after = docsOf(solution);
  const afterKeys = keysOf(after);
  const parts: Part[] = [];
  after.forEach((doc, i) => {
    const old = before.get(afterKeys[i]);
    if (old && same(old, doc)) return;
    const replace = (d: Doc | undefined) =>
      textOf(after.flatMap((x, j) => (j === i ? (d ? [d] : []) : [x])));
    const added = actionsOf(doc).filter((a) => !actionsOf(old).some((b) => same(a, b)));
    // A Scenario whose only change is new actions: each action is a part of its own.
    if (doc.kind === 'Scenario' && old && same(withActions(old, []), withActions(doc, []))) {
      for (const a of added)
        parts.push({
          what: `the Scenario action "${String(a.run ?? JSON.stringify(a))}" at ${String(a.at)}`,
          without: replace(
            withActions(
              doc,
              actionsOf(doc).filter((b) => b !== a),
            ),
          ),
          atZero:
            a.at !== undefined && a.at !== '0s'
              ? replace(
                  withActions(
                    doc,
                    actionsOf(doc).map((b) => (b === a ? { ...b, at: '0s' } : b)),
                  ),
                )
              : undefined,
        });
      return;
    }
    parts.push({
      what: `${old ? 'the change to' : 'the new'} ${nameOf(doc)}`,
      without: replace(old),
    });
  });
  return parts;
}

/** The steps whose YAML solution does more than one thing, or adds a timed Scenario action. */
function yamlPartsOf(step: LabStep): Part[] {
  const only = step.solution.length === 1 ? step.solution[0] : undefined;
  if (step.start === undefined || only?.kind !== 'workspace') return [];
  const parts = yamlParts(step.start, only.text);
  return parts.length > 1 || parts.some((p) => p.atZero !== undefined) ? parts : [];
}

/**
 * Parts of a solution the lab asks for as good practice, though the checks cannot need them (the
 * outcome is the same without): the test requires they still pass without, so the list stays true.
 */
const INCIDENTAL: Record<string, string> = {
  'weights-limits-nodepools 1 the change to NodePool/standard':
    "weight: 10 on the fallback states the order; a missing weight is 0, already below spot's 50",
};

const audited = (step: LabStep) =>
  step.start !== undefined &&
  (timed(step.solution).length > 0 || step.solution.length > 1 || yamlPartsOf(step).length > 0);

for (const lab of loadLabs().labs.filter((l) => l.steps.some(audited))) {
  const { failures, start } = labSteps(lab.id);
  describe(`lab ${lab.id}`, () => {
    for (const step of lab.steps.filter(audited)) {
      const commands = timed(step.solution);
      const parts = step.solution.length;
      describe(`step ${step.n}: ${step.title}`, () => {
        // A step with several actions (edit the YAML, then interrupt a node) needs each of them.
        if (parts > 1)
          step.solution.forEach((_, i) =>
            it(`fails without part ${i + 1} of ${parts} of its solution`, SLOW, () => {
              const text = play(start(step.n), ...step.solution.filter((__, j) => j !== i));
              expect(failures(step.n, text).map((f) => f.label)).not.toEqual([]);
            }),
          );
        for (const c of commands) {
          it(`fails without "${c.command}" (at ${c.atMs / 1000}s)`, SLOW, () => {
            const text = play(start(step.n), ...withCommand(step.solution, c));
            expect(failures(step.n, text).map((f) => f.label)).not.toEqual([]);
          });
          // Too early: at 0s, before what it reacts to exists; a command on a node (which needs one
          // running) at half its time instead.
          const early = c.command.includes('<node>') ? [c.atMs / 2] : [0];
          for (const atMs of early)
            it(
              `fails with "${c.command}" at ${atMs / 1000}s instead of ${c.atMs / 1000}s`,
              SLOW,
              () => {
                const text = play(start(step.n), ...withCommand(step.solution, c, { ...c, atMs }));
                expect(failures(step.n, text).map((f) => f.label)).not.toEqual([]);
              },
            );
        }
        for (const part of yamlPartsOf(step)) {
          const why = INCIDENTAL[`${lab.id} ${step.n} ${part.what}`];
          if (why !== undefined)
            it(`passes without ${part.what} (${why})`, () => {
              expect(failures(step.n, part.without).map((f) => f.label)).toEqual([]);
            });
          else
            it(`fails without ${part.what}`, () => {
              expect(failures(step.n, part.without).map((f) => f.label)).not.toEqual([]);
            });
          const { atZero } = part;
          if (atZero !== undefined)
            it(`fails with ${part.what} moved to 0s`, () => {
              expect(failures(step.n, atZero).map((f) => f.label)).not.toEqual([]);
            });
        }
      });
    }
  });
}
