// Topology spread and pod (anti-)affinity (reference §1.9, §6.3 #38–#44), on the fake catalog with
// the topology suite's pool (capacity-type Exists) and pods labelled test=test.
import { describe, expect, it } from 'vitest';
import { defaultFakeInstanceTypes } from '../catalog/fake.ts';
import type {
  NodeSelectorRequirementWithMinValues,
  Pod,
  TopologySpreadConstraint,
} from '../k8s.ts';
import { LABEL } from '../labels.ts';
import { mulberry32 } from '../random.ts';
import {
  isScheduled,
  nodePool,
  pinned,
  placement,
  pod,
  pods,
  solveWith,
  stateNode,
  type PodOptions,
} from './testing.ts';
import type { SolveResult, StateNode } from './types.ts';

const ZONES = ['test-zone-1', 'test-zone-2', 'test-zone-3'];
const labels = { test: 'test' };
const selector = { matchLabels: labels };
const small = defaultFakeInstanceTypes().find((t) => t.name === 'small-instance-type')!;

function pool(zones?: string[]) {
  const reqs: NodeSelectorRequirementWithMinValues[] = [
    { key: LABEL.capacityType, operator: 'Exists' },
  ];
  if (zones) reqs.push({ key: LABEL.zone, operator: 'In', values: zones });
  return nodePool({ requirements: reqs });
}

function zonal(o: Partial<TopologySpreadConstraint> = {}): TopologySpreadConstraint {
  return {
    maxSkew: 1,
    topologyKey: LABEL.zone,
    whenUnsatisfiable: 'DoNotSchedule',
    labelSelector: selector,
    ...o,
  };
}

/** Pods per domain of `key` over new plans and existing nodes, sorted (ExpectSkew … ConsistOf). */
function skew(r: SolveResult, ps: Pod[], nodes: StateNode[] = [], key = LABEL.zone): number[] {
  const counts = new Map<string, number>();
  for (const p of ps) {
    const pl = placement(r, p);
    if (!pl) continue;
    const d =
      pl.kind === 'new'
        ? key === LABEL.hostname
          ? pl.plan.hostname
          : pinned(pl.plan, key)
        : nodes.find((n) => n.name === pl.node)?.labels[key];
    counts.set(d ?? '?', (counts.get(d ?? '?') ?? 0) + 1);
  }
  for (const n of nodes)
    if (key in n.labels)
      counts.set(n.labels[key]!, (counts.get(n.labels[key]!) ?? 0) + n.pods.length);
  return [...counts.values()].sort((a, b) => a - b);
}

/** An existing small node in `zone` holding `n` test pods. */
function nodeWith(name: string, zone: string, n: number, o: PodOptions = {}): StateNode {
  return stateNode({
    name,
    instanceType: small,
    zone,
    pods: pods(n, { labels, nodeName: name, phase: 'Running', ...o }),
  });
}

describe('zonal topology spread', () => {
  it('balances pods across zones', () => {
    const ps = pods(4, { labels, spread: [zonal()] });
    expect(skew(solveWith({ pods: ps, pools: [pool()] }), ps)).toEqual([1, 1, 2]);
  });

  it('only counts pods the selector matches', () => {
    const ps = pods(4, { labels: { other: 'x' }, spread: [zonal()] });
    const r = solveWith({ pods: ps, pools: [pool()] });
    expect(ps.every((p) => isScheduled(r, p))).toBe(true);
  });

  it('treats missing domains as zero when minDomains exceeds the reachable zones', () => {
    const ps = pods(3, { labels, spread: [zonal({ minDomains: 3 })] });
    const r = solveWith({ pods: ps, pools: [pool(ZONES.slice(0, 2))] });
    expect(skew(r, ps)).toEqual([1, 1]);
    expect(ps.filter((p) => !isScheduled(r, p))).toHaveLength(1);
  });

  it('does not violate max skew when only some zones remain (#40)', () => {
    const n1 = nodeWith('n1', 'test-zone-1', 1, { requests: { cpu: '1.1' } });
    const ps = pods(10, { labels, spread: [zonal()], requests: { cpu: '1.1' } });
    const r = solveWith({ pods: ps, pools: [pool(ZONES.slice(1))], nodes: [n1] });
    expect(skew(r, ps, [n1])).toEqual([1, 2, 2]);
    expect(ps.filter((p) => !isScheduled(r, p))).toHaveLength(6);
    const failed = ps.find((p) => !isScheduled(r, p))!;
    expect(r.podErrors.get(failed.metadata.uid!)?.perNodePool[0]?.kind).toBe('topology');
    expect(r.podErrors.get(failed.metadata.uid!)?.message).toMatch(
      /^unsatisfiable topology constraint for topology spread, key=topology.kubernetes.io\/zone/,
    );
  });

  it('fills a non-minimum domain up to max skew (#41)', () => {
    const nodes = [
      nodeWith('n1', 'test-zone-1', 1, { requests: { cpu: '1.1' } }),
      nodeWith('n2', 'test-zone-2', 1, { requests: { cpu: '1.1' } }),
    ];
    const ps = pods(10, { labels, spread: [zonal({ maxSkew: 5 })], requests: { cpu: '1.1' } });
    const r = solveWith({ pods: ps, pools: [pool(['test-zone-3'])], nodes });
    expect(skew(r, ps, nodes)).toEqual([1, 1, 6]);
    expect(ps.filter((p) => !isScheduled(r, p))).toHaveLength(4);
  });

  it('recovers skew by filling the emptier zones first (#42)', () => {
    const nodes = [
      nodeWith('n1', 'test-zone-1', 1),
      nodeWith('n2', 'test-zone-1', 1),
      nodeWith('n3', 'test-zone-1', 1),
    ];
    const ps = pods(3, { labels, spread: [zonal()] });
    expect(skew(solveWith({ pods: ps, pools: [pool()], nodes }), ps, nodes)).toEqual([1, 2, 3]);
  });

  it('honours nodeTaintsPolicy by ignoring domains only a tainted pool offers', () => {
    const tainted = nodePool({
      name: 'tainted',
      requirements: [{ key: LABEL.zone, operator: 'In', values: ['test-zone-3'] }],
      taints: [{ key: 'x', effect: 'NoSchedule' }],
    });
    const open = nodePool({
      name: 'open',
      requirements: [{ key: LABEL.zone, operator: 'In', values: ['test-zone-1', 'test-zone-2'] }],
    });
    const ps = pods(4, { labels, spread: [zonal({ nodeTaintsPolicy: 'Honor' })] });
    const r = solveWith({
      pods: ps,
      pools: [tainted, open],
      types: new Map([
        ['tainted', defaultFakeInstanceTypes()],
        ['open', defaultFakeInstanceTypes()],
      ]),
    });
    expect(skew(r, ps)).toEqual([2, 2]);
  });

  it('is relaxed away when it is ScheduleAnyway and cannot be met', () => {
    const n1 = nodeWith('n1', 'test-zone-1', 3);
    const ps = pods(2, { labels, spread: [zonal({ whenUnsatisfiable: 'ScheduleAnyway' })] });
    const r = solveWith({ pods: ps, pools: [pool(['test-zone-1'])], nodes: [n1] });
    expect(ps.every((p) => isScheduled(r, p))).toBe(true);
  });

  it('narrows the selector with matchLabelKeys', () => {
    const a = pods(2, {
      labels: { test: 'test', rev: 'a' },
      spread: [zonal({ matchLabelKeys: ['rev'] })],
    });
    const b = pods(2, {
      labels: { test: 'test', rev: 'b' },
      spread: [zonal({ matchLabelKeys: ['rev'] })],
    });
    const r = solveWith({ pods: [...a, ...b], pools: [pool(ZONES.slice(0, 2))] });
    expect(skew(r, a)).toEqual([1, 1]);
    expect(skew(r, b)).toEqual([1, 1]);
  });
});

describe('hostname topology spread', () => {
  it('puts at most maxSkew matching pods on each node', () => {
    const ps = pods(4, {
      labels,
      spread: [
        {
          maxSkew: 1,
          topologyKey: LABEL.hostname,
          whenUnsatisfiable: 'DoNotSchedule',
          labelSelector: selector,
        },
      ],
    });
    const r = solveWith({ pods: ps, pools: [pool()] });
    expect(r.newNodeClaims).toHaveLength(4);
  });
});

describe('pod affinity', () => {
  it('keeps self-affine pods in one zone', () => {
    const ps = pods(5, {
      labels,
      podAffinity: [{ topologyKey: LABEL.zone, labelSelector: selector }],
    });
    expect(skew(solveWith({ pods: ps, pools: [pool()] }), ps)).toEqual([5]);
  });

  it('keeps self-affine pods in one zone even when NodeClaims exist in every zone', () => {
    const pinnedPods = ZONES.map((z) =>
      pod({ requests: { cpu: '3500m' }, nodeSelector: { [LABEL.zone]: z } }),
    );
    const ps = pods(6, {
      labels,
      requests: { cpu: '1500m' },
      podAffinity: [{ topologyKey: LABEL.zone, labelSelector: selector }],
    });
    const r = solveWith({ pods: [...pinnedPods, ...ps], pools: [pool()] });
    expect(ps.every((p) => isScheduled(r, p))).toBe(true);
    expect(skew(r, ps)).toEqual([6]);
  });

  it('follows an existing pod into its zone', () => {
    const n = nodeWith('n1', 'test-zone-2', 1);
    const p = pod({
      requests: { cpu: '3' },
      podAffinity: [{ topologyKey: LABEL.zone, labelSelector: selector }],
    });
    const plan = placement(solveWith({ pods: [p], pools: [pool()], nodes: [n] }), p);
    expect(plan?.kind === 'new' && pinned(plan.plan, LABEL.zone)).toBe('test-zone-2');
  });

  it('does not schedule a pod whose affinity target exists nowhere', () => {
    const p = pod({
      podAffinity: [{ topologyKey: LABEL.zone, labelSelector: { matchLabels: { missing: 'x' } } }],
    });
    const r = solveWith({ pods: [p], pools: [pool()] });
    expect(isScheduled(r, p)).toBe(false);
    expect(r.podErrors.get(p.metadata.uid!)?.perNodePool[0]?.kind).toBe('affinity');
  });

  it('waits for a same-batch target whose zone is not yet decided (unconstrained target)', () => {
    const target = pod({ labels: { app: 'db' }, requests: { cpu: '100m' } });
    const follower = pod({
      requests: { cpu: '1' },
      podAffinity: [{ topologyKey: LABEL.zone, labelSelector: { matchLabels: { app: 'db' } } }],
    });
    const r = solveWith({ pods: [follower, target], pools: [pool()] });
    expect(isScheduled(r, target)).toBe(true);
    expect(isScheduled(r, follower)).toBe(false);
  });

  it('follows a same-batch target pinned to a zone, across queue passes (constrained target)', () => {
    const target = pod({
      labels: { app: 'db' },
      requests: { cpu: '100m' },
      nodeSelector: { [LABEL.zone]: 'test-zone-3' },
    });
    const follower = pod({
      requests: { cpu: '1' },
      podAffinity: [{ topologyKey: LABEL.zone, labelSelector: { matchLabels: { app: 'db' } } }],
    });
    const r = solveWith({ pods: [follower, target], pools: [pool()] });
    const pl = placement(r, follower);
    expect(pl?.kind === 'new' && pinned(pl.plan, LABEL.zone)).toBe('test-zone-3');
  });
});

describe('other topology keys', () => {
  it('balances pods across capacity types', () => {
    const ps = pods(4, {
      labels,
      spread: [
        {
          maxSkew: 1,
          topologyKey: LABEL.capacityType,
          whenUnsatisfiable: 'DoNotSchedule',
          labelSelector: selector,
        },
      ],
    });
    expect(skew(solveWith({ pods: ps, pools: [pool()] }), ps, [], LABEL.capacityType)).toEqual([
      2, 2,
    ]);
  });

  it('fills only the first host for self-affinity on hostname, up to its pod capacity', () => {
    const ps = pods(10, {
      labels,
      podAffinity: [{ topologyKey: LABEL.hostname, labelSelector: selector }],
    });
    const r = solveWith({ pods: ps, pools: [pool()] });
    expect(r.newNodeClaims).toHaveLength(1);
    expect(ps.filter((p) => isScheduled(r, p))).toHaveLength(5);
  });
});

describe('affinity namespaces', () => {
  const other = () => nodeWith('n1', 'test-zone-2', 1, { namespace: 'other' });
  const follower = (extra: object) =>
    pod({
      requests: { cpu: '3' },
      podAffinity: [{ topologyKey: LABEL.zone, labelSelector: selector, ...extra }],
    });

  it('looks only in the pod’s own namespace by default', () => {
    const p = follower({});
    expect(isScheduled(solveWith({ pods: [p], pools: [pool()], nodes: [other()] }), p)).toBe(false);
  });

  it.each([
    ['listed namespaces', { namespaces: ['other'] }],
    ['an empty namespaceSelector (all namespaces)', { namespaceSelector: {} }],
    [
      'a namespaceSelector on the name label',
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'other' } } },
    ],
  ])('follows a pod in another namespace through %s', (_, extra) => {
    const p = follower(extra);
    const pl = placement(solveWith({ pods: [p], pools: [pool()], nodes: [other()] }), p);
    expect(pl?.kind === 'new' && pinned(pl.plan, LABEL.zone)).toBe('test-zone-2');
  });
});

describe('pod anti-affinity', () => {
  it('separates pods with hostname anti-affinity (#44)', () => {
    const a = pod({ labels: { security: 's2' } });
    const b = pod({
      podAntiAffinity: [
        { topologyKey: LABEL.hostname, labelSelector: { matchLabels: { security: 's2' } } },
      ],
    });
    const r = solveWith({ pods: [a, b], pools: [pool()] });
    expect(r.newNodeClaims).toHaveLength(2);
  });

  it('places one self-anti-affine zonal pod per batch while its zone is undecided (late commit)', () => {
    const ps = pods(3, {
      labels,
      podAntiAffinity: [{ topologyKey: LABEL.zone, labelSelector: selector }],
    });
    const r = solveWith({ pods: ps, pools: [pool()] });
    expect(ps.filter((p) => isScheduled(r, p))).toHaveLength(1);
  });

  it('fills the remaining zones once earlier pods have committed theirs', () => {
    const nodes = [nodeWith('n1', 'test-zone-1', 1), nodeWith('n2', 'test-zone-2', 1)];
    const anti = {
      labels,
      podAntiAffinity: [{ topologyKey: LABEL.zone, labelSelector: selector }],
    };
    for (const n of nodes)
      for (const p of n.pods)
        p.spec.affinity = {
          podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: anti.podAntiAffinity },
        };
    const ps = pods(3, anti);
    const r = solveWith({ pods: ps, pools: [pool()], nodes });
    expect(skew(r, ps, nodes)).toEqual([1, 1, 1]);
    expect(ps.filter((p) => isScheduled(r, p))).toHaveLength(1);
  });

  it('keeps a new pod away from an existing pod that repels it (inverse anti-affinity)', () => {
    const n = nodeWith('n1', 'test-zone-1', 1, {
      labels: { app: 'guard' },
      podAntiAffinity: [{ topologyKey: LABEL.zone, labelSelector: selector }],
    });
    const ps = pods(3, { labels, requests: { cpu: '1' } });
    const r = solveWith({ pods: ps, pools: [pool()], nodes: [n] });
    for (const p of ps) {
      const pl = placement(r, p);
      expect(pl?.kind).toBe('new');
      if (pl?.kind === 'new') expect(pinned(pl.plan, LABEL.zone)).not.toBe('test-zone-1');
    }
  });

  it('relaxes an unsatisfiable preferred anti-affinity', () => {
    const ps = pods(5, {
      labels,
      podAntiAffinityPreferred: [
        { weight: 10, podAffinityTerm: { topologyKey: LABEL.zone, labelSelector: selector } },
      ],
    });
    const r = solveWith({ pods: ps, pools: [pool()] });
    expect(ps.every((p) => isScheduled(r, p))).toBe(true);
  });
});

describe('tie-breaks', () => {
  it('gives the same answer for the same seed', () => {
    const run = () => {
      const ps = pods(7, { labels, spread: [zonal()] });
      const r = solveWith({ pods: ps, pools: [pool()], options: { rng: mulberry32(42) } });
      return r.newNodeClaims.map((c) => pinned(c, LABEL.zone));
    };
    expect(run()).toEqual(run());
  });
});
