import { describe, expect, it } from 'vitest';
import { deployment } from '../engine/testing.ts';
import { toJSON } from '../engine/json.ts';
import {
  eagerPool,
  k8sEvents,
  liveNodes,
  maxConcurrentDeleting,
  onePerNode,
  pdb,
  runLab,
  scaleTo,
  withPodAnnotations,
} from './testing.ts';

// The replace fixture: a 4x node left with one 1-vCPU pod is worth replacing with a 2x.
const web = (annotations: Record<string, string> = {}) =>
  withPodAnnotations(deployment('web', { replicas: 3, cpu: '1' }), annotations);
const shrink = { until: '20m', actions: [scaleTo('web', 1, '3m')] };
const blockedMessages = (tl: ReturnType<typeof runLab>['timeline']) =>
  k8sEvents(tl, 'DisruptionBlocked').map((e) => e.message);

describe('blockers › pods (reference §3.2)', () => {
  it('keeps a node whose pod has karpenter.sh/do-not-disrupt: "true"', () => {
    const { timeline: tl, controller } = runLab(shrink, [
      eagerPool(),
      web({ 'karpenter.sh/do-not-disrupt': 'true' }),
    ]);
    expect(controller.actions).toHaveLength(0);
    expect(
      blockedMessages(tl).some((m) =>
        /Cannot disrupt Node: pod default\/web-\S+ has "karpenter\.sh\/do-not-disrupt" annotation/.test(
          m,
        ),
      ),
    ).toBe(true);
  });

  it('honours a duration value until that long after the pod started (v1.12+)', () => {
    const { timeline: tl, controller } = runLab(shrink, [
      eagerPool(),
      web({ 'karpenter.sh/do-not-disrupt': '10m' }),
    ]);
    const acted = k8sEvents(tl, 'Disrupting')[0]?.t ?? -1;
    const started = Math.min(...tl.events.filter((e) => e.type === 'pod.running').map((e) => e.t));
    expect(controller.actions).toHaveLength(1);
    expect(acted).toBeGreaterThanOrEqual(started + 10 * 60_000);
  });

  it('keeps a node when a PodDisruptionBudget allows no disruption, or two PDBs cover a pod', () => {
    const one = runLab(shrink, [eagerPool(), web(), pdb('web', 'web', { minAvailable: 1 })]);
    expect(one.controller.actions).toHaveLength(0);
    expect(blockedMessages(one.timeline)).toContain(
      'Cannot disrupt Node: pdb default/web prevents pod evictions',
    );
    const two = runLab(shrink, [
      eagerPool(),
      web(),
      pdb('a', 'web', { maxUnavailable: 1 }),
      pdb('b', 'web', { maxUnavailable: 1 }),
    ]);
    expect(two.controller.actions).toHaveLength(0);
    expect(
      blockedMessages(two.timeline).some((m) =>
        m.endsWith('eviction does not support multiple PDBs'),
      ),
    ).toBe(true);
  });
});

describe('blockers › nodes (reference §3.2)', () => {
  it('keeps a node annotated karpenter.sh/do-not-disrupt', () => {
    const base = runLab(shrink, [eagerPool(), web()]);
    const node = toJSON(base.timeline).nodes[0]?.name ?? '';
    const { timeline: tl, controller } = runLab(
      {
        ...shrink,
        actions: [
          ...shrink.actions,
          { at: '2m', run: `kubectl annotate node ${node} karpenter.sh/do-not-disrupt=true` },
        ],
      },
      [eagerPool(), web()],
    );
    expect(controller.actions).toHaveLength(0);
    expect(blockedMessages(tl)).toContain(
      'Cannot disrupt Node: disruption is blocked through the "karpenter.sh/do-not-disrupt" annotation',
    );
  });

  it('says a node that is still starting is not initialized', () => {
    const { timeline: tl } = runLab(shrink, [eagerPool(), web()]);
    expect(blockedMessages(tl)).toContain("Cannot disrupt Node: node isn't initialized");
  });
});

describe('blockers › budgets (reference §3.12, §6.3 case 64)', () => {
  const fiveEmpty = (budget: string) =>
    runLab({ until: '30m', actions: [scaleTo('web', 0, '3m')] }, [
      eagerPool('default', { budgets: [{ nodes: budget }] }),
      onePerNode(deployment('web', { replicas: 5, cpu: '1' })),
    ]);

  it('deletes empty nodes no faster than the budget allows, and says so', () => {
    const { timeline: tl, controller } = fiveEmpty('2');
    expect(controller.actions.length).toBeGreaterThanOrEqual(3);
    expect(liveNodes(tl)).toHaveLength(0);
    expect(maxConcurrentDeleting(tl)).toBe(2);
    expect(blockedMessages(tl)).toContain(
      'No allowed disruptions for disruption reason Empty due to blocking budget',
    );
  });

  it('takes every empty node at once with a 100% budget', () => {
    const { timeline: tl, controller } = fiveEmpty('100%');
    expect(controller.actions).toHaveLength(1);
    expect(controller.actions[0]?.nodes).toHaveLength(5);
    expect(maxConcurrentDeleting(tl)).toBe(5);
  });

  it('rounds a percentage up: 10% of 5 nodes is one at a time', () => {
    const { timeline: tl } = fiveEmpty('10%');
    expect(maxConcurrentDeleting(tl)).toBe(1);
    expect(liveNodes(tl)).toHaveLength(0);
  });
});
