import { describe, expect, it } from 'vitest';
import { deployment } from '../engine/testing.ts';
import { LABEL } from '../labels.ts';
import {
  applyAt,
  eagerPool,
  eventsOf,
  k8sEvents,
  liveNodes,
  onePerNode,
  runLab,
  scaleTo,
} from './testing.ts';
import { requirementsDrift, templateHash } from './drift.ts';

const MIN = 60_000;
// Drift works even with consolidation off, which keeps these fixtures about drift alone.
const pool = (template = {}) => eagerPool('default', { consolidateAfter: 'Never' }, template);

describe('drift › detection (reference §3.6)', () => {
  it('ignores behavioural fields and requirements in the template hash', () => {
    const a = pool();
    const b = {
      ...eagerPool('default', { consolidateAfter: '1m', budgets: [{ nodes: '1' }] }),
      spec: { ...eagerPool().spec, weight: 10, limits: { cpu: '5' } },
    };
    expect(templateHash(b)).toBe(templateHash(a));
    expect(
      templateHash(
        pool({ requirements: [{ key: LABEL.arch, operator: 'In', values: ['amd64'] }] }),
      ),
    ).toBe(templateHash(a));
    expect(templateHash(pool({ taints: [{ key: 'team', effect: 'NoSchedule' }] }))).not.toBe(
      templateHash(a),
    );
  });

  it('drifts on requirements only when the node no longer satisfies them', () => {
    const labels = { [LABEL.instanceType]: 'c-4x', [LABEL.arch]: 'amd64' };
    expect(
      requirementsDrift(
        pool({ requirements: [{ key: LABEL.arch, operator: 'In', values: ['amd64', 'arm64'] }] }),
        labels,
      ),
    ).toBeUndefined();
    expect(
      requirementsDrift(
        pool({ requirements: [{ key: LABEL.instanceType, operator: 'NotIn', values: ['c-4x'] }] }),
        labels,
      ),
    ).toMatch(/no longer satisfies/);
  });
});

describe('drift › replacement (reference §6.3 case 63)', () => {
  const labelled = {
    ...pool(),
    spec: {
      ...pool().spec,
      template: { ...pool().spec.template, metadata: { labels: { team: 'a' } } },
    },
  };

  it('replaces drifted nodes under the budget, the empty one first, and the new nodes carry the new template', () => {
    const { timeline: tl, controller } = runLab(
      { until: '30m', actions: [scaleTo('web', 1, '3m')] },
      [pool(), onePerNode(deployment('web', { replicas: 2, cpu: '1' }))],
      {
        actions: [applyAt(5 * MIN, labelled)],
      },
    );
    const drifts = controller.actions.filter((a) => a.reason === 'Drifted');
    expect(drifts.map((a) => a.decision)).toEqual(['delete', 'replace']);
    expect(drifts[0]?.nodes[0]?.pods).toEqual([]);
    expect(drifts[0]?.time).toBeGreaterThanOrEqual(5 * MIN);
    const live = liveNodes(tl).map((n) => tl.final.nodes.get(n));
    expect(live).toHaveLength(1);
    expect(live[0]?.labels.team).toBe('a');
    expect([...tl.final.pods.values()].every((p) => p.phase === 'Running')).toBe(true);
  });

  it('replaces one node by several when its pods need them (drift allows 1→N)', () => {
    const only2x = pool({
      requirements: [{ key: LABEL.instanceType, operator: 'In', values: ['c-2x'] }],
    });
    const { timeline: tl, controller } = runLab(
      { until: '30m' },
      [pool(), deployment('web', { replicas: 2, cpu: '1500m' })],
      { actions: [applyAt(3 * MIN, only2x)] },
    );
    const drift = controller.actions.find((a) => a.reason === 'Drifted');
    expect(drift?.replacements).toHaveLength(2);
    expect(liveNodes(tl).map((n) => tl.final.nodes.get(n)?.instanceType)).toEqual(['c-2x', 'c-2x']);
    expect(eventsOf(tl, 'nodeclaim.created')).toHaveLength(3);
  });

  it('un-taints the node when its replacement fails to launch', () => {
    const ice = ['c-2x', 'c-4x', 'c-8x', 'c-16x'].map((t) => ({
      at: '4m',
      ice: { instanceType: t, for: '1h' },
    }));
    const { timeline: tl } = runLab(
      { until: '8m', actions: ice },
      [pool(), deployment('web', { replicas: 1, cpu: '1' })],
      { actions: [applyAt(5 * MIN, labelled)] },
    );
    const failed = k8sEvents(tl, 'DisruptionFailed')[0];
    expect(failed?.message).toMatch(/replacement nodeclaim\/\S+ failed/);
    const node = [...tl.final.nodes.values()][0];
    expect(node?.taints.some((t) => t.key === 'karpenter.sh/disrupted')).toBe(false);
    expect(node?.terminatedAt).toBeUndefined();
  });

  it('replaces drifted nodes one at a time under a budget of 1', () => {
    const { timeline: tl, controller } = runLab(
      { until: '40m' },
      [
        eagerPool('default', { consolidateAfter: 'Never', budgets: [{ nodes: '1' }] }),
        onePerNode(deployment('web', { replicas: 3, cpu: '1' })),
      ],
      {
        actions: [
          applyAt(5 * MIN, {
            ...labelled,
            spec: {
              ...labelled.spec,
              disruption: { consolidateAfter: 'Never', budgets: [{ nodes: '1' }] },
            },
          }),
        ],
      },
    );
    const drifts = controller.actions.filter((a) => a.reason === 'Drifted');
    expect(drifts).toHaveLength(3);
    for (let i = 1; i < drifts.length; i++) {
      const previous = tl.final.nodes.get(drifts[i - 1]?.nodes[0]?.name ?? '');
      expect(drifts[i]?.time).toBeGreaterThanOrEqual(previous?.terminatedAt ?? Infinity);
    }
    expect(k8sEvents(tl, 'DisruptionWaitingReadiness')).toHaveLength(3);
  });
});
