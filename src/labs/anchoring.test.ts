// Every check is anchored to the moment it teaches (issue #14): a step whose solution plays a
// console command at a later playhead ("at 5m: kubectl scale …") must fail when that command is
// left out, and when it lands at the wrong moment (too early: at half its time, and at 0s). Otherwise a
// check could pass on what happens anyway — the seed lab's step 4 once passed before the scale-down,
// on an event that already fired at 50 s. (labs.test.ts proves the solutions pass and the untouched
// starts fail; this is the same play with the key action removed or mistimed.)
import { describe, expect, it } from 'vitest';
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

const audited = (step: LabStep) =>
  step.start !== undefined && (timed(step.solution).length > 0 || step.solution.length > 1);

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
      });
    }
  });
}
