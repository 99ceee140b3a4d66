import { describe, expect, it } from 'vitest';
import { emptyState, type ClusterState, type PodRec } from '../engine/state.ts';
import { V1_VOCABULARY, vocabulary } from './annotations.ts';
import { doNotDisruptActive } from '../engine/drainPolicy.ts';
import { buildIndex, evictionCost } from './candidates.ts';
import { claimRecord, eagerPool, nodeRecord, pdb, podRec } from './testing.ts';

const MIN = 60_000;

/** One initialized managed node "n1" (NodeClaim "c1", pool "default") holding the given pods. */
function cluster(...pods: PodRec[]): ClusterState {
  const s = emptyState({ installed: true, version: 'v1.14', semantics: 'v1' });
  s.nodePools.set('default', eagerPool());
  s.nodeClaims.set('c1', claimRecord('c1', { nodeName: 'n1' }));
  s.nodes.set(
    'n1',
    nodeRecord('n1', { nodeClaim: 'c1', instanceType: 'c-4x', zone: 'test-zone-1', price: 0.4 }),
  );
  for (const p of pods) s.pods.set(p.key, p);
  return s;
}

const facts = (s: ClusterState, now = 0) =>
  buildIndex(s, now, V1_VOCABULARY, new Set()).facts.get('n1');

describe('candidates › eviction cost and emptiness (reference §3.4)', () => {
  it('clamps 1 + deletionCost/2^27 + priority/2^25 to [−10, 10]', () => {
    expect(evictionCost(podRec('a'))).toBe(1);
    expect(evictionCost(podRec('b', { priority: 2 ** 25 }))).toBe(2);
    expect(
      evictionCost(
        podRec('c', {
          annotations: { 'controller.kubernetes.io/pod-deletion-cost': String(2 ** 40) },
        }),
      ),
    ).toBe(10);
    expect(evictionCost(podRec('d', { priority: -(2 ** 31) }))).toBe(-10);
  });

  it('calls a node holding only DaemonSet pods, or pods whose cost clamps to ≤ 0, empty (v1.14)', () => {
    expect(facts(cluster(podRec('ds', { node: 'n1', daemonSet: true })))?.empty).toBe(true);
    expect(facts(cluster(podRec('low', { node: 'n1', priority: -(2 ** 31) })))?.empty).toBe(true);
    expect(facts(cluster(podRec('app', { node: 'n1' })))?.empty).toBe(false);
  });
});

describe('candidates › blockers (reference §3.2)', () => {
  it('blocks a node nominated for a pending pod', () => {
    expect(
      facts(cluster(podRec('waiting', { nominatedTo: 'c1', phase: 'Pending' })))?.blocked,
    ).toBe('node is nominated for a pending pod');
  });

  // upstream: pkg/utils/pod/suite_test.go (IsDoNotDisruptActive, v1.12): "should return true …
  // when duration has not expired", "should return false … when duration has expired", "should
  // return false … for invalid duration format" (also "… zero duration", "… negative duration"),
  // "should fail safe when start time is nil". (The events those tests also check are not modelled.)
  it('reads do-not-disrupt as "true" or a positive duration from pod start (v1.12+); other values are ignored', () => {
    const at = (v: string, now: number, durations = true, startedAt: number | null = 0) =>
      doNotDisruptActive(
        podRec('p', {
          annotations: { 'karpenter.sh/do-not-disrupt': v },
          ...(startedAt === null ? {} : { startedAt }),
        }),
        'karpenter.sh/do-not-disrupt',
        now,
        durations,
      );
    expect(at('true', 10 ** 9)).toBe(true);
    expect(at('15m', 14 * MIN)).toBe(true);
    expect(at('15m', 15 * MIN)).toBe(false);
    expect(at('soon', 0)).toBe(false);
    expect(at('30', 0)).toBe(false);
    expect(at('0s', 0)).toBe(false);
    expect(at('-5m', 0)).toBe(false);
    expect(at('15m', 10 ** 9, true, null)).toBe(true);
    // Before v1.12 only "true" protects a pod.
    expect(at('15m', 0, false)).toBe(false);
    expect(at('true', 0, false)).toBe(true);
  });

  it('counts DaemonSet pods for do-not-disrupt', () => {
    const ds = podRec('ds', {
      node: 'n1',
      daemonSet: true,
      annotations: { 'karpenter.sh/do-not-disrupt': 'true' },
    });
    expect(facts(cluster(ds))?.podBlocked).toBe(
      'pod has "karpenter.sh/do-not-disrupt" annotation (Pod=default/ds)',
    );
  });

  it('lets a NotReady pod go past a PDB with unhealthyPodEvictionPolicy AlwaysAllow', () => {
    const s = cluster(podRec('web', { node: 'n1', phase: 'Pending', labels: { app: 'web' } }));
    s.objects.set(
      'PodDisruptionBudget/default/web',
      pdb('web', 'web', { minAvailable: 1, unhealthyPodEvictionPolicy: 'AlwaysAllow' }),
    );
    expect(facts(s)?.podBlocked).toBeUndefined();
    s.objects.set('PodDisruptionBudget/default/web', pdb('web', 'web', { minAvailable: 1 }));
    expect(facts(s)?.podBlocked).toBe(
      'pdb prevents pod evictions (PodDisruptionBudget=[default/web])',
    );
  });
});

describe('candidates › which pods a PDB is asked about (pdb.go CanEvictPods)', () => {
  const agent = podRec('agent', { node: 'n1', daemonSet: true, labels: { app: 'agent' } });
  const blocking = (s: ClusterState) => {
    s.objects.set(
      'PodDisruptionBudget/default/agent',
      pdb('agent', 'agent', { maxUnavailable: 0 }),
    );
    return s;
  };

  // disruption/suite_test.go "should not consider candidates that have fully blocking PDBs on
  // daemonset pods": IsEvictable (v0.34+) has no DaemonSet exception; the drain evicts them last.
  it('asks about DaemonSet pods, but not about a pod that tolerates the disrupted taint', () => {
    expect(facts(blocking(cluster(agent)))?.podBlocked).toBe(
      'pdb prevents pod evictions (PodDisruptionBudget=[default/agent])',
    );
    const tolerant: PodRec = {
      ...agent,
      pod: { ...agent.pod, spec: { ...agent.pod.spec, tolerations: [{ operator: 'Exists' }] } },
    };
    expect(facts(blocking(cluster(tolerant)))?.podBlocked).toBeUndefined();
  });

  // pdblimits.go at v0.33.0 checked node.Pods() unfiltered; v0.34.0 added IsEvictable and the
  // suite's "should consider candidates that have fully blocking PDBs on terminal pods".
  it('before v0.34 asks about every pod bound to the node, a finished one too', () => {
    const done = podRec('agent', { node: 'n1', phase: 'Failed', labels: { app: 'agent' } });
    const at = (version: string) => {
      const s = blocking(cluster(done));
      return buildIndex(s, 0, vocabulary({ semantics: 'v1', version }), new Set()).facts.get('n1')
        ?.podBlocked;
    };
    expect(at('v0.33')).toBe('PDB "default/agent" prevents pod evictions');
    expect(at('v0.34')).toBeUndefined();
  });
});

describe('candidates › the index kept per state version', () => {
  it('recomputes what depends on the moment (lifetime cost, do-not-disrupt durations) at every call', () => {
    const s = cluster(
      podRec('a', { node: 'n1' }),
      podRec('b', {
        node: 'n1',
        annotations: { 'karpenter.sh/do-not-disrupt': '15m' },
        startedAt: 0,
      }),
    );
    const at = (now: number, version?: number) =>
      buildIndex(s, now, V1_VOCABULARY, new Set(), version);
    const early = at(5 * MIN, 7);
    const late = at(20 * MIN, 7); // same version: the settled part is reused
    expect(early.facts.get('n1')).toEqual(at(5 * MIN).facts.get('n1'));
    expect(late.facts.get('n1')).toEqual(at(20 * MIN).facts.get('n1'));
    expect(early.facts.get('n1')?.podBlocked).toContain('do-not-disrupt');
    expect(early.wakeAt).toBe(15 * MIN);
    expect(late.facts.get('n1')?.podBlocked).toBeUndefined();
    expect(late.facts.get('n1')?.lifetimeCost).toBeLessThan(
      early.facts.get('n1')?.lifetimeCost ?? 0,
    );
  });

  it('rebuilds when the version or the orchestration queue changes', () => {
    const s = cluster(podRec('a', { node: 'n1' }));
    expect(buildIndex(s, 0, V1_VOCABULARY, new Set(), 1).facts.get('n1')?.blocked).toBeUndefined();
    expect(buildIndex(s, 0, V1_VOCABULARY, new Set(['n1']), 1).facts.get('n1')?.blocked).toBe(
      'node is already being disrupted',
    );
    s.pods.set('default/p2', podRec('p2', { nominatedTo: 'c1', phase: 'Pending' }));
    expect(buildIndex(s, 0, V1_VOCABULARY, new Set(), 2).facts.get('n1')?.blocked).toBe(
      'node is nominated for a pending pod',
    );
  });

  it('says which of "not initialized" and "marked for deletion" wins, per version', () => {
    // statenode.go ValidateNodeDisruptable (v1.0+) looks at initialization first; NewCandidate at
    // v0.32–v0.37 skipped a node marked for deletion first. A NodeClaim deleted while booting.
    const s = cluster();
    s.nodeClaims.set('c1', { ...claimRecord('c1', { nodeName: 'n1' }), deletingAt: 5 });
    s.nodes.set('n1', {
      ...(s.nodes.get('n1') as NonNullable<ReturnType<typeof s.nodes.get>>),
      ready: false,
    });
    const blocked = (version: string) =>
      buildIndex(s, 10, vocabulary({ semantics: 'v1', version }), new Set()).facts.get('n1')
        ?.blocked;
    expect(blocked('v1.0.0')).toBe("state node isn't initialized");
    expect(blocked('v1.14.1')).toBe("node isn't initialized");
    expect(blocked('v0.37.0')).toBe('state node is marked for deletion');
  });

  it('before v1.6 a node in the orchestration queue is marked for deletion', () => {
    // controller.go executeCommand (v0.32–v1.5) marks a command's nodes before queueing it, and
    // NewCandidate looks at the node first; v1.6 looks at the queue first (not published).
    const s = cluster();
    const blocked = (version: string) =>
      buildIndex(s, 0, vocabulary({ semantics: 'v1', version }), new Set(['n1'])).facts.get('n1')
        ?.blocked;
    expect(blocked('v1.5.0')).toBe('node is deleting or marked for deletion');
    expect(blocked('v1.0.0')).toBe('state node is marked for deletion');
    expect(blocked('v1.6.0')).toBe('node is already being disrupted');
  });

  it("keeps a node's facts across states only while nothing it depends on changed", () => {
    // The same node record, claim, pool and pods: only the nomination differs.
    const s = cluster(podRec('a', { node: 'n1' }));
    expect(buildIndex(s, 0, V1_VOCABULARY, new Set(), 1).facts.get('n1')?.blocked).toBeUndefined();
    s.pods.set('default/p2', podRec('p2', { nominatedTo: 'c1', phase: 'Pending' }));
    expect(buildIndex(s, 0, V1_VOCABULARY, new Set(), 2).facts.get('n1')?.blocked).toBe(
      'node is nominated for a pending pod',
    );
    s.pods.delete('default/p2');
    const again = buildIndex(s, 0, V1_VOCABULARY, new Set(), 3).facts.get('n1');
    expect(again?.blocked).toBeUndefined();
    // A pod bound to the node: a new pod list.
    s.pods.set('default/b', podRec('b', { node: 'n1' }));
    expect(buildIndex(s, 0, V1_VOCABULARY, new Set(), 4).facts.get('n1')?.pods).toHaveLength(2);
  });
});
