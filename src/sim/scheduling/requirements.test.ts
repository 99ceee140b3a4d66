// Upstream "Scheduling Logic" cases on labels, operators, preferences and taints (§6.3 #12–#20).
import { describe, expect, it } from 'vitest';
import { LABEL } from '../labels.ts';
import { launched, nodePool, pinned, planOf, pod, solveWith, isScheduled } from './testing.ts';

const err = (r: ReturnType<typeof solveWith>, p: ReturnType<typeof pod>) =>
  r.podErrors.get(p.metadata.uid!);

describe('pod requirements', () => {
  it('launches one node per architecture when pods select different archs', () => {
    const pool = nodePool({
      requirements: [{ key: LABEL.arch, operator: 'In', values: ['arm64', 'amd64'] }],
    });
    const a = pod({ nodeSelector: { [LABEL.arch]: 'amd64' } });
    const b = pod({ nodeSelector: { [LABEL.arch]: 'arm64' } });
    const r = solveWith({ pods: [a, b], pools: [pool] });
    expect(r.newNodeClaims).toHaveLength(2);
    expect(launched(planOf(r, b))).toBe('arm-instance-type');
  });

  it('does not schedule a pod whose instance type conflicts with the pool arch', () => {
    const pool = nodePool({
      requirements: [{ key: LABEL.arch, operator: 'In', values: ['amd64'] }],
    });
    const p = pod({ nodeSelector: { [LABEL.instanceType]: 'arm-instance-type' } });
    const big = pod({ requests: { cpu: '14' } });
    const r = solveWith({ pods: [p, big], pools: [pool] });
    expect(isScheduled(r, p)).toBe(false);
    expect(isScheduled(r, big)).toBe(false);
    expect(err(r, p)?.perNodePool[0]?.kind).toBe('requirements');
  });

  it.each([
    ['In', ['a'], false],
    ['NotIn', ['a'], true],
    ['Exists', undefined, false],
    ['DoesNotExist', undefined, true],
  ] as const)(
    'treats %s on a key the pool does not define as scheduled=%s',
    (operator, values, scheduled) => {
      const p = pod({
        nodeRequirements: [[{ key: 'team', operator, ...(values ? { values: [...values] } : {}) }]],
      });
      const r = solveWith({ pods: [p] });
      expect(isScheduled(r, p)).toBe(scheduled);
      if (!scheduled)
        expect(err(r, p)?.message).toContain('label "team" does not have known values');
    },
  );

  it('names the requirement that no instance type meets', () => {
    const pool = nodePool({
      requirements: [{ key: LABEL.arch, operator: 'In', values: ['amd64'] }],
    });
    const p = pod({ nodeSelector: { [LABEL.instanceType]: 'arm-instance-type' } });
    const q = pod({ nodeSelector: { team: 'a' } });
    const r = solveWith({ pods: [p, q], pools: [pool] });
    expect(err(r, p)?.perNodePool[0]?.detail).toEqual({ key: LABEL.instanceType });
    expect(err(r, q)?.perNodePool[0]?.detail).toEqual({ key: 'team' });
  });

  it('names the resources no instance type has enough of', () => {
    const p = pod({ requests: { cpu: '100', memory: '1Gi' } });
    expect(err(solveWith({ pods: [p] }), p)?.perNodePool[0]?.detail).toEqual({
      resources: ['cpu'],
    });
  });

  it('matches Gt as "at least N+1" on an integer label', () => {
    const p = pod({ nodeRequirements: [[{ key: 'integer', operator: 'Gt', values: ['8'] }]] });
    expect(launched(planOf(solveWith({ pods: [p] }), p))).toBe('arm-instance-type');
    const q = pod({ nodeRequirements: [[{ key: 'integer', operator: 'Lt', values: ['3'] }]] });
    expect(launched(planOf(solveWith({ pods: [q] }), q))).toBe('small-instance-type');
    const gte = pod({ nodeRequirements: [[{ key: 'integer', operator: 'Gte', values: ['16'] }]] });
    expect(launched(planOf(solveWith({ pods: [gte] }), gte))).toBe('arm-instance-type');
  });

  it('normalizes beta label keys in a nodeSelector', () => {
    const p = pod({ nodeSelector: { 'failure-domain.beta.kubernetes.io/zone': 'test-zone-2' } });
    expect(pinned(planOf(solveWith({ pods: [p] }), p), LABEL.zone)).toBe('test-zone-2');
  });

  it('uses later required terms only after the first one fails (terms are ORed)', () => {
    const p = pod({
      nodeRequirements: [
        [{ key: LABEL.zone, operator: 'In', values: ['invalid'] }],
        [{ key: LABEL.zone, operator: 'In', values: ['test-zone-3'] }],
      ],
    });
    expect(pinned(planOf(solveWith({ pods: [p] }), p), LABEL.zone)).toBe('test-zone-3');
  });

  it('lets a required zone win over a conflicting preference', () => {
    const p = pod({
      nodeRequirements: [[{ key: LABEL.zone, operator: 'In', values: ['test-zone-3'] }]],
      nodePreferences: [
        {
          weight: 1,
          requirements: [{ key: LABEL.zone, operator: 'NotIn', values: ['test-zone-3'] }],
        },
      ],
    });
    expect(pinned(planOf(solveWith({ pods: [p] }), p), LABEL.zone)).toBe('test-zone-3');
  });

  it('honours the heaviest satisfiable preference', () => {
    const p = pod({
      nodePreferences: [
        { weight: 1, requirements: [{ key: LABEL.zone, operator: 'In', values: ['test-zone-1'] }] },
        {
          weight: 50,
          requirements: [{ key: LABEL.zone, operator: 'In', values: ['test-zone-2'] }],
        },
      ],
    });
    expect(pinned(planOf(solveWith({ pods: [p] }), p), LABEL.zone)).toBe('test-zone-2');
  });

  it('does not relax the final required term', () => {
    const pool = nodePool({
      requirements: [{ key: LABEL.zone, operator: 'In', values: ['test-zone-1'] }],
    });
    const p = pod({
      nodeRequirements: [[{ key: LABEL.zone, operator: 'In', values: ['invalid'] }]],
    });
    expect(isScheduled(solveWith({ pods: [p], pools: [pool] }), p)).toBe(false);
  });

  it('relaxes several required terms in order and stops at the first that fits', () => {
    const term = (z: string) => [{ key: LABEL.zone, operator: 'In' as const, values: [z] }];
    const p = pod({
      nodeRequirements: [
        term('invalid'),
        term('invalid'),
        term('test-zone-1'),
        term('test-zone-2'),
      ],
    });
    expect(pinned(planOf(solveWith({ pods: [p] }), p), LABEL.zone)).toBe('test-zone-1');
  });

  it('relaxes to lighter preferences one at a time', () => {
    const pool = nodePool({
      requirements: [{ key: LABEL.zone, operator: 'In', values: ['test-zone-1', 'test-zone-2'] }],
    });
    const p = pod({
      nodePreferences: [
        {
          weight: 100,
          requirements: [{ key: LABEL.instanceType, operator: 'In', values: ['test-zone-3'] }],
        },
        {
          weight: 50,
          requirements: [{ key: LABEL.zone, operator: 'In', values: ['test-zone-2'] }],
        },
        { weight: 1, requirements: [{ key: LABEL.zone, operator: 'In', values: ['test-zone-1'] }] },
      ],
    });
    expect(pinned(planOf(solveWith({ pods: [p], pools: [pool] }), p), LABEL.zone)).toBe(
      'test-zone-2',
    );
  });

  it('schedules even when a preference contradicts itself', () => {
    const p = pod({
      nodePreferences: [
        {
          weight: 1,
          requirements: [
            { key: LABEL.zone, operator: 'In', values: ['invalid'] },
            { key: LABEL.zone, operator: 'NotIn', values: ['invalid'] },
          ],
        },
      ],
    });
    expect(isScheduled(solveWith({ pods: [p] }), p)).toBe(true);
  });

  it('sends pods with different zone selectors to different nodes and compatible ones together', () => {
    const a = pod({ nodeSelector: { [LABEL.zone]: 'test-zone-1' } });
    const b = pod({ nodeSelector: { [LABEL.zone]: 'test-zone-2' } });
    const c = pod({ nodeSelector: { [LABEL.zone]: 'test-zone-1' } });
    const r = solveWith({ pods: [a, b, c] });
    expect(r.newNodeClaims).toHaveLength(2);
    expect(planOf(r, a)).toBe(planOf(r, c));
  });

  it('ignores preferences under preferencePolicy Ignore', () => {
    const p = pod({
      nodePreferences: [
        { weight: 1, requirements: [{ key: LABEL.zone, operator: 'In', values: ['test-zone-2'] }] },
      ],
    });
    const plan = planOf(solveWith({ pods: [p], options: { preferencePolicy: 'Ignore' } }), p);
    expect(pinned(plan, LABEL.zone)).toBeUndefined();
  });
});

describe('taints', () => {
  const tainted = nodePool({
    name: 'tainted',
    taints: [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }],
  });

  it('does not use a pool whose taint the pod does not tolerate, and says which taint', () => {
    const p = pod();
    const r = solveWith({ pods: [p], pools: [tainted] });
    expect(isScheduled(r, p)).toBe(false);
    expect(err(r, p)?.perNodePool).toEqual([
      {
        nodePool: 'tainted',
        kind: 'taint',
        message: 'did not tolerate taint (taint=foo=bar:NoSchedule)',
        detail: { taint: { key: 'foo', value: 'bar', effect: 'NoSchedule' } },
      },
    ]);
  });

  it('uses it when the pod tolerates the taint', () => {
    const p = pod({ tolerations: [{ key: 'foo', operator: 'Exists' }] });
    expect(planOf(solveWith({ pods: [p], pools: [tainted] }), p).nodePool).toBe('tainted');
  });

  it('prefers the untainted pool over a PreferNoSchedule one, even at higher weight', () => {
    const pns = nodePool({
      name: 'pns',
      weight: 100,
      taints: [{ key: 'foo', value: 'bar', effect: 'PreferNoSchedule' }],
    });
    const p = pod();
    expect(
      planOf(solveWith({ pods: [p], pools: [pns, nodePool({ name: 'plain' })] }), p).nodePool,
    ).toBe('plain');
  });

  it('falls back to a PreferNoSchedule pool when nothing else fits', () => {
    const pns = nodePool({
      name: 'pns',
      taints: [{ key: 'foo', value: 'bar', effect: 'PreferNoSchedule' }],
    });
    const p = pod();
    expect(planOf(solveWith({ pods: [p], pools: [pns] }), p).nodePool).toBe('pns');
  });

  it('does not require startup taints to be tolerated', () => {
    const p = pod();
    const pool = nodePool({ startupTaints: [{ key: 'init', effect: 'NoSchedule' }] });
    expect(planOf(solveWith({ pods: [p], pools: [pool] }), p).startupTaints).toHaveLength(1);
  });
});

describe('ignored pods', () => {
  it.each([
    [
      'a restricted hostname selector',
      { nodeSelector: { [LABEL.hostname]: 'x' } },
      /using label kubernetes.io\/hostname is not allowed/,
    ],
    [
      'a karpenter.sh domain key',
      { nodeSelector: { 'karpenter.sh/custom': 'x' } },
      /karpenter.sh\/custom is not allowed/,
    ],
    [
      'nodepool DoesNotExist',
      { nodeRequirements: [[{ key: LABEL.nodePool, operator: 'DoesNotExist' as const }]] },
      /configured to not run on a Karpenter provisioned node/,
    ],
    [
      'an In without values',
      { nodeRequirements: [[{ key: 'team', operator: 'In' as const, values: [] }]] },
      /must have a value defined/,
    ],
  ])('ignores a pod with %s and says why', (_, o, message) => {
    const p = pod(o);
    const r = solveWith({ pods: [p] });
    expect(r.newNodeClaims).toHaveLength(0);
    expect(err(r, p)?.perNodePool[0]?.kind).toBe('ignored');
    expect(err(r, p)?.message).toMatch(message);
  });

  // Up to v1.8 kubernetes.io and k8s.io were restricted too (kubernetes-sigs/karpenter#2586 lifted
  // it in v1.9), whatever the operator: a NotIn the pool cannot contradict still gets no node.
  it.each([
    ['karpenter', 1, undefined],
    [
      'kubernetes',
      0,
      'label is restricted; specify a well known label or a custom label that does not use a restricted domain (label=kubernetes.io/team, restricted-labels=[k8s.io karpenter.k8s.aws karpenter.sh kubernetes.io], well-known-labels=[',
    ],
    ['kubernetes-v0', 0, 'label kubernetes.io/team is restricted; specify a well known label: ['],
  ] as const)(
    'restricted label rule %s: a kubernetes.io NotIn gets %i NodeClaims',
    (rule, claims, words) => {
      const p = pod({
        nodeRequirements: [[{ key: 'kubernetes.io/team', operator: 'NotIn', values: ['a'] }]],
      });
      const r = solveWith({ pods: [p], options: { restrictedLabels: rule } });
      expect(r.newNodeClaims).toHaveLength(claims);
      if (words) expect(err(r, p)?.message).toContain(words);
    },
  );

  it('keeps the kops.k8s.io, node.kubernetes.io and node-restriction.kubernetes.io exceptions before v1.9', () => {
    const p = pod({
      nodeRequirements: [
        [
          { key: 'node.kubernetes.io/team', operator: 'NotIn', values: ['a'] },
          { key: 'sub.kops.k8s.io/team', operator: 'DoesNotExist' },
          { key: 'node-restriction.kubernetes.io/x', operator: 'DoesNotExist' },
        ],
      ],
    });
    const r = solveWith({ pods: [p], options: { restrictedLabels: 'kubernetes' } });
    expect(r.newNodeClaims).toHaveLength(1);
  });

  it('allows the well-known karpenter.sh/capacity-type key', () => {
    const p = pod({ nodeSelector: { [LABEL.capacityType]: 'spot' } });
    expect(pinned(planOf(solveWith({ pods: [p] }), p), LABEL.capacityType)).toBe('spot');
  });
});
