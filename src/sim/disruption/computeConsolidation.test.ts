// computeConsolidation against a stubbed dry run: the outcomes the engine fixtures cannot reach
// easily (one node into two, pods landing on a booting node).
import { describe, expect, it } from 'vitest';
import { fakeInstanceType } from '../catalog/fake.ts';
import type { DisruptionContext } from '../engine/disruption.ts';
import { emptyState, type ClusterState } from '../engine/state.ts';
import { Requirements } from '../requirements.ts';
import type { NodeClaimPlan, SolveResult } from '../scheduling/types.ts';
import { V1_VOCABULARY } from './annotations.ts';
import { buildIndex, type NodeFacts } from './candidates.ts';
import { computeConsolidation } from './consolidation.ts';
import { claimRecord, eagerPool, nodeRecord, podRec, stubContext } from './testing.ts';

function candidate(): { state: ClusterState; facts: NodeFacts } {
  const s = emptyState({ installed: true, version: 'v1', semantics: 'v1' });
  s.nodePools.set('default', eagerPool());
  s.nodeClaims.set('c1', claimRecord('c1', { nodeName: 'n1' }));
  s.nodes.set(
    'n1',
    nodeRecord('n1', { nodeClaim: 'c1', instanceType: 'big', zone: 'test-zone-1' }),
  );
  for (const p of [podRec('a', { node: 'n1' }), podRec('b', { node: 'n1' })]) s.pods.set(p.key, p);
  const facts = buildIndex(s, 0, V1_VOCABULARY, new Set()).facts.get('n1');
  if (!facts) throw new Error('no candidate');
  return { state: s, facts };
}

function stubbed(state: ClusterState, result: Partial<SolveResult>): DisruptionContext {
  return stubContext(state, () => ({
    newNodeClaims: [],
    existing: [],
    podErrors: new Map(),
    events: [],
    ...result,
  }));
}

const plan = (pod: string): NodeClaimPlan => ({
  nodePool: 'default',
  hostname: `h-${pod}`,
  // An on-demand-only pool: with spot allowed too, the replacement would be narrowed to spot and
  // this on-demand-only option could not launch (see the spot-narrowing case below).
  requirements: Requirements.from([
    { key: 'karpenter.sh/capacity-type', operator: 'In', values: ['on-demand'] },
  ]),
  instanceTypes: [
    fakeInstanceType({
      name: 'small',
      offerings: [{ zone: 'test-zone-1', capacityType: 'on-demand', price: 0.1 }],
    }),
  ],
  requests: {},
  daemonOverhead: {},
  pods: [podRec(pod).pod],
  labels: {},
  taints: [],
  startupTaints: [],
  funnel: [],
});

const opts = {
  method: 'SingleNodeConsolidation' as const,
  single: true,
  competing: [],
  legacySpot: false,
};

describe('computeConsolidation › outcomes (reference §3.9)', () => {
  it('never turns one node into several', () => {
    const { state, facts } = candidate();
    const d = computeConsolidation(
      stubbed(state, { newNodeClaims: [plan('a'), plan('b')] }),
      [facts],
      opts,
    );
    expect(d).toEqual({ kind: 'noop', message: "Can't remove without creating 2 candidates" });
  });

  it('counts pods landing on a node that is not initialized as failures (§6.3 case 60)', () => {
    const { state, facts } = candidate();
    const d = computeConsolidation(
      stubbed(state, {
        existing: [{ node: 'booting-claim', pods: [podRec('a').pod, podRec('b').pod] }],
      }),
      [facts],
      opts,
    );
    expect(d.kind).toBe('noop');
    expect(d.kind === 'noop' && d.message).toMatch(
      /^not all pods would schedule, default\/a => would schedule against uninitialized nodeclaim\/booting-claim/,
    );
  });

  it('names the NodeClaim and its Node when the node has registered but not initialized', () => {
    // UninitializedNodeError.Error (disruption/helpers.go): "nodeclaim/<claim>, node/<node>".
    const { state, facts } = candidate();
    state.nodeClaims.set('c2', claimRecord('c2', { nodeName: 'n2' }));
    state.nodes.set('n2', { ...nodeRecord('n2', { nodeClaim: 'c2' }), ready: false });
    const d = computeConsolidation(
      stubbed(state, { existing: [{ node: 'n2', pods: [podRec('a').pod] }] }),
      [facts],
      opts,
    );
    expect(d.kind === 'noop' && d.message).toBe(
      'not all pods would schedule, default/a => would schedule against uninitialized nodeclaim/c2, node/n2 ',
    );
  });

  it('names only the state node before v0.37 (helpers.go simulateScheduling at v0.36.0)', () => {
    const { state, facts } = candidate();
    state.karpenter.version = 'v0.36';
    state.nodeClaims.set('c2', claimRecord('c2', { nodeName: 'n2' }));
    state.nodes.set('n2', { ...nodeRecord('n2', { nodeClaim: 'c2' }), ready: false });
    const d = computeConsolidation(
      stubbed(state, { existing: [{ node: 'n2', pods: [podRec('a').pod] }] }),
      [facts],
      opts,
    );
    expect(d.kind === 'noop' && d.message).toBe(
      'not all pods would schedule, default/a => would schedule against a non-initialized node n2 ',
    );
  });

  it('never counts a node Karpenter does not manage as uninitialized', () => {
    // StateNode.Initialized: "Nodes not managed by Karpenter are always considered Initialized".
    const { state, facts } = candidate();
    state.nodes.set('byhand', { ...nodeRecord('byhand', {}), ready: false });
    const d = computeConsolidation(
      stubbed(state, { existing: [{ node: 'byhand', pods: [podRec('a').pod, podRec('b').pod] }] }),
      [facts],
      opts,
    );
    expect(d.kind).toBe('command');
  });

  it('deletes when every pod fits on existing nodes, and replaces with one cheaper node otherwise', () => {
    const { state, facts } = candidate();
    expect(computeConsolidation(stubbed(state, {}), [facts], opts)).toMatchObject({
      kind: 'command',
      command: { replacements: [], savings: 1 },
    });
    const both = { ...plan('a'), pods: [podRec('a').pod, podRec('b').pod] };
    const d = computeConsolidation(stubbed(state, { newNodeClaims: [both] }), [facts], opts);
    expect(d).toMatchObject({ kind: 'command', command: { savings: 0.9 } });
  });

  it('narrows a spot-or-on-demand replacement to spot by a requirement, keeping every cheaper option', () => {
    const { state, facts } = candidate();
    const flexible: NodeClaimPlan = {
      ...plan('a'),
      requirements: Requirements.from([]),
      instanceTypes: [
        fakeInstanceType({
          name: 'od-only',
          offerings: [{ zone: 'test-zone-1', capacityType: 'on-demand', price: 0.1 }],
        }),
        fakeInstanceType({
          name: 'spot-too',
          offerings: [
            { zone: 'test-zone-1', capacityType: 'spot', price: 0.3 },
            { zone: 'test-zone-1', capacityType: 'on-demand', price: 0.5 },
          ],
        }),
      ],
    };
    const d = computeConsolidation(stubbed(state, { newNodeClaims: [flexible] }), [facts], opts);
    if (d.kind !== 'command') throw new Error(`expected a command, got ${d.message}`);
    const [r] = d.command.replacements;
    expect(r?.instanceTypes.map((t) => t.name)).toEqual(['od-only', 'spot-too']);
    expect(r?.requirements.get('karpenter.sh/capacity-type').sortedValues()).toEqual(['spot']);
    expect(d.command.savings).toBeCloseTo(0.7);
  });
});
