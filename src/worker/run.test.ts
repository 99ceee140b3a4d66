import { describe, expect, it } from 'vitest';
import { DEFAULT_WORKSPACE } from '../ui/defaultWorkspace.ts';
import { runWorkspace } from './run.ts';

describe('view frames', () => {
  it('a launching NodeClaim’s card says its architecture before the node registers', () => {
    const { frames } = runWorkspace(DEFAULT_WORKSPACE, { file: 'w.yaml', seed: 1 });
    const ghost = frames.flatMap((f) => f.nodes).find((n) => n.state === 'launching');
    expect(ghost).toMatchObject({ arch: 'amd64', state: 'launching' });
  });

  it('reports the Karpenter version the workspace starts with, for the editor’s schema', () => {
    const scenario = `apiVersion: lab.karpenter.playground/v1alpha1\nkind: Scenario\nmetadata: {name: s}\nspec:\n  karpenter: {version: v0.31}\n`;
    expect(runWorkspace(scenario, { file: 'w.yaml', seed: 1 }).karpenterVersion).toBe('v0.31');
    expect(runWorkspace('', { file: 'w.yaml', seed: 1 }).karpenterVersion).toBe('v1');
  });
});
