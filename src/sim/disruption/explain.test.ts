import { describe, expect, it } from 'vitest';
import { deployment } from '../engine/testing.ts';
import { stateAt } from '../engine/timeline.ts';
import { explainNode } from './explain.ts';
import { eagerPool, pdb, runLab, scaleTo } from './testing.ts';

const MIN = 60_000;

describe('explainNode › any moment of a timeline', () => {
  const objects = (consolidateAfter: string) => [
    eagerPool('default', { consolidateAfter }),
    deployment('web', { replicas: 3, cpu: '1' }),
  ];

  it('counts down consolidateAfter from the last pod event, then calls the node a candidate', () => {
    const { timeline: tl, controller } = runLab(
      { until: '20m', actions: [scaleTo('web', 1, '3m')] },
      objects('5m'),
    );
    const node = [...tl.final.nodes.keys()][0] ?? '';
    const opts = (t: number) => ({ now: t, lastPodEvents: new Map([[node, 3 * MIN]]) });
    const waiting = explainNode(stateAt(tl, 4 * MIN), node, opts(4 * MIN));
    expect(waiting).toMatchObject({ state: 'waiting', until: 8 * MIN });
    expect(waiting.sentence).toMatch(/becomes consolidatable in 4m/);
    expect(explainNode(stateAt(tl, 8 * MIN + 1), node, opts(8 * MIN + 1)).state).toBe('candidate');
    expect(controller.lastPodEventsAt(Infinity).get(node)).toBeGreaterThanOrEqual(3 * MIN);
  });

  it('names blockers, disabled consolidation, unknown and unmanaged nodes', () => {
    const blocked = runLab({ until: '5m' }, [
      ...objects('0s'),
      pdb('web', 'web', { minAvailable: 3 }),
    ]).timeline;
    const node = [...blocked.final.nodes.keys()][0] ?? '';
    expect(explainNode(blocked.final, node)).toMatchObject({
      state: 'blocked',
      reason: 'pdb prevents pod evictions (PodDisruptionBudget=[default/web])',
    });
    const never = runLab({ until: '5m' }, objects('Never')).timeline;
    expect(explainNode(never.final, [...never.final.nodes.keys()][0] ?? '')).toMatchObject({
      state: 'disabled',
    });
    expect(explainNode(never.final, 'nope')).toMatchObject({ state: 'gone' });
  });

  it('reports a used-up budget', () => {
    const { timeline: tl } = runLab({ until: '5m' }, [
      eagerPool('default', { budgets: [{ nodes: '0' }] }),
      deployment('web', { replicas: 1, cpu: '1' }),
    ]);
    const node = [...tl.final.nodes.keys()][0] ?? '';
    expect(explainNode(tl.final, node)).toMatchObject({
      state: 'budget',
      reason: 'No allowed disruptions for disruption reason Underutilized due to blocking budget',
    });
  });
});
