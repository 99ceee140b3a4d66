import { describe, expect, it } from 'vitest';
import { parseWorkspace } from '../manifests/index.ts';
import { simulateWorkspace } from '../pipeline/run.ts';
import { LABS } from './index.ts';
import { loadLabs } from './node.ts';
import { playSolution, playSolutionWithoutNodes } from './play.ts';

const SCENARIO = [
  'apiVersion: lab.karpenter.playground/v1alpha1',
  'kind: Scenario',
  'metadata: {name: s}',
  'spec:',
  '  karpenter: {installed: false, version: v0.31}',
  '',
].join('\n');

const timeline = (text: string) =>
  simulateWorkspace(text, { file: 'w.yaml', seed: 1 }).session.timeline;

describe('playing a solution', () => {
  it('adds console commands as Scenario actions at their playhead time, like the console', () => {
    const r = playSolution(
      SCENARIO,
      [
        {
          kind: 'console',
          commands: [{ atMs: 60_000, command: 'helm install karpenter oci://x --version 0.31.0' }],
        },
      ],
      timeline,
    );
    if (!r.ok) throw new Error(r.error);
    expect(parseWorkspace(r.text).scenario?.spec.actions).toEqual([
      { at: '1m', run: 'helm install karpenter oci://x --version 0.31.0' },
    ]);
  });

  it('refuses a command the console would refuse, with the console error', () => {
    const r = playSolution(
      SCENARIO,
      [{ kind: 'console', commands: [{ atMs: 0, command: 'kubectl explode' }] }],
      timeline,
    );
    expect(r).toEqual({
      ok: false,
      error: '"kubectl explode": unsupported kubectl command "explode"',
    });
  });

  it('says so when <node> names a node at a moment with none', () => {
    const r = playSolution(
      SCENARIO,
      [{ kind: 'console', commands: [{ atMs: 0, command: 'interrupt <node>' }] }],
      timeline,
    );
    expect(r).toEqual({
      ok: false,
      error: '"interrupt <node>": no node is running at that moment',
    });
  });

  it('without a simulator, leaves <node> commands for the learner to type', () => {
    const r = playSolutionWithoutNodes(SCENARIO, [
      { kind: 'workspace', text: SCENARIO },
      { kind: 'console', commands: [{ atMs: 180_000, command: 'interrupt <node>' }] },
    ]);
    expect(r).toEqual({ ok: true, text: SCENARIO, manual: ['at 3m: interrupt <node>'] });
  });
});

describe('lab discovery', () => {
  it('finds the same labs at build time (Vite glob) as from the file system', () => {
    expect(LABS.map((l) => l.id)).toEqual(loadLabs().labs.map((l) => l.id));
    expect(LABS.map((l) => l.id)).toContain('karpenter-jit-scaling');
  });
});
