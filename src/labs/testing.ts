// Helpers for a lab's wrong-answer tests (src/labs/<lab>.test.ts): load a lab's step, play console
// commands or a solution onto a workspace, and list the checks a workspace fails — through the same
// pipeline the worker runs (parse → simulate with the disruption controller → runChecks).
import { expect } from 'vitest';
import { simulateWorkspace } from '../pipeline/run.ts';
import { runChecks } from './checks/evaluate.ts';
import { loadLabs } from './node.ts';
import { playSolution } from './play.ts';
import type { CheckResult, LabStep, Solution } from './types.ts';

export const timelineOf = (text: string, seed = 1) =>
  simulateWorkspace(text, { file: 'lab.yaml', seed }).session.timeline;

/** The lab's steps by number; `start(n)` is the step's starting workspace (it must have one). */
export function labSteps(id: string) {
  const lab = loadLabs().labs.find((l) => l.id === id);
  if (!lab) throw new Error(`lab ${id} is missing`);
  const step = (n: number): LabStep => {
    const s = lab.steps[n - 1];
    if (!s) throw new Error(`lab ${id} has no step ${n}`);
    return s;
  };
  const start = (n: number): string => {
    const s = step(n).start;
    if (s === undefined) throw new Error(`lab ${id} step ${n} has no starting workspace`);
    return s;
  };
  /** The checks of step n that `text` fails (seed 1), with their messages. */
  const failures = (n: number, text: string): CheckResult[] => {
    const { session } = simulateWorkspace(text, { file: 'lab.yaml', seed: 1 });
    return runChecks(session.timeline, step(n).checks, session).filter((r) => !r.pass);
  };
  /** Step n's own solution played on its start: the right answer, to make one mistake in. */
  const solved = (n: number): string => play(start(n), ...step(n).solution);
  return { lab, step, start, failures, solved };
}

export function play(start: string, ...solution: Solution[]): string {
  const r = playSolution(start, solution, (t) => timelineOf(t));
  if (!r.ok) throw new Error(r.error);
  return r.text;
}

export const consoleAt = (atMs: number, command: string): Solution => ({
  kind: 'console',
  commands: [{ atMs, command }],
});

/** A learner-sized edit; fails the test if the text to replace is not there. */
export function replaced(text: string, from: string, to: string): string {
  expect(text).toContain(from);
  return text.replace(from, to);
}
