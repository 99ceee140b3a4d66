// Every lab's content stays true as the engine changes: each step's solution, played the way a
// learner would (console commands through the console's rules), passes all the step's checks, and
// the untouched starting workspace fails at least one of them (so no check passes by accident).
import { describe, expect, it } from 'vitest';
import { simulateWorkspace } from '../pipeline/run.ts';
import { runChecks } from './checks/evaluate.ts';
import { loadLabs } from './node.ts';
import { NODE_PLACEHOLDER, playSolution } from './play.ts';
import type { LabStep } from './types.ts';

// The seed the UI simulates with, and another one: checks must not hang on one lucky draw.
const SEEDS = [1, 7];

function run(text: string, seed: number) {
  return simulateWorkspace(text, { file: 'lab.yaml', seed });
}

const { labs, errors } = loadLabs();

describe('the lab catalog', () => {
  it('finds the labs and parses them without content errors', () => {
    expect(labs.length).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });
});

function startOf(steps: readonly LabStep[], i: number): string {
  // A step without a start keeps the previous step's workspace.
  for (let j = i; j >= 0; j--) {
    const s = steps[j]?.start;
    if (s !== undefined) return s;
  }
  return '';
}

for (const lab of labs) {
  describe(`lab ${lab.id}`, () => {
    lab.steps.forEach((step, i) => {
      describe(`step ${step.n}: ${step.title}`, () => {
        it('has checks and a solution', () => {
          expect(step.checks.length).toBeGreaterThan(0);
          expect(step.solution.length).toBeGreaterThan(0);
        });

        for (const seed of SEEDS) {
          it(`passes every check with its solution (seed ${seed})`, () => {
            const played = playSolution(
              startOf(lab.steps, i),
              step.solution,
              (t) => run(t, seed).session.timeline,
            );
            if (!played.ok) throw new Error(played.error);
            const { result, session } = run(played.text, seed);
            expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
            const failed = runChecks(session.timeline, step.checks, session).filter((r) => !r.pass);
            expect(failed).toEqual([]);
          });
        }

        // A learner may pick any node for "<node>" (the e2e picks the first `kubectl get nodes`
        // lists): the step's checks must not hang on the oldest one.
        if (
          step.solution.some(
            (s) =>
              s.kind !== 'workspace' &&
              s.commands.some((c) => c.command.includes(NODE_PLACEHOLDER)),
          )
        )
          it('passes every check whichever node the learner picks', () => {
            for (let k = 0; k < 6; k++) {
              let count = 0;
              const played = playSolution(
                startOf(lab.steps, i),
                step.solution,
                (t) => run(t, SEEDS[0] ?? 1).session.timeline,
                (nodes) => {
                  count = nodes.length;
                  return nodes[k];
                },
              );
              if (k >= count) break;
              if (!played.ok) throw new Error(played.error);
              const { session } = run(played.text, SEEDS[0] ?? 1);
              const failed = runChecks(session.timeline, step.checks, session).filter(
                (r) => !r.pass,
              );
              expect({ node: k, failed }).toEqual({ node: k, failed: [] });
            }
          });

        it('fails a check when the starting workspace is left as it is', () => {
          const { session } = run(startOf(lab.steps, i), SEEDS[0] ?? 1);
          const failed = runChecks(session.timeline, step.checks, session).filter((r) => !r.pass);
          expect(failed.length).toBeGreaterThan(0);
          for (const f of failed) expect(f.message).not.toBe('');
        });
      });
    });
  });
}
