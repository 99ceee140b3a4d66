import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { simulateWorkspace } from './follow.ts';

function fakes(text: string) {
  const calls: string[] = [];
  const workspace = createStore<{ text: string }>()(() => ({ text }));
  const simulation = createStore(() => ({
    run: (t: string) => void calls.push(`run ${t}`),
    runSoon: (t: string) => void calls.push(`soon ${t}`),
  }));
  return { calls, workspace, simulation };
}

describe('the simulation follows the workspace store', () => {
  it('runs the stored text at once, before any editor exists', () => {
    const { calls, workspace, simulation } = fakes('a');
    simulateWorkspace(workspace, simulation);
    expect(calls).toEqual(['run a']);
  });

  it('re-runs every change from any writer, and nothing for a same-text write', () => {
    const { calls, workspace, simulation } = fakes('a');
    const stop = simulateWorkspace(workspace, simulation);
    workspace.setState({ text: 'shared' }); // e.g. a link opened while the editor loads
    workspace.setState({ text: 'shared' });
    workspace.setState({ text: 'shared!' });
    stop();
    workspace.setState({ text: 'after' });
    expect(calls).toEqual(['run a', 'soon shared', 'soon shared!']);
  });
});
