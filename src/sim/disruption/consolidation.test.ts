import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, simulateFixture, simulateText } from '../../fidelity/harness.ts';
import { deployment, fakeType } from '../engine/testing.ts';
import {
  applyAt,
  eagerPool,
  eventsOf,
  k8sEvents,
  liveNodes,
  pdb,
  runLab,
  scaleTo,
  sizedTypes,
  threeNodesToOnePodEach,
} from './testing.ts';

const allRunning = (tl: ReturnType<typeof runLab>['timeline']): boolean =>
  [...tl.final.pods.values()].every((p) => p.phase === 'Running');

describe('consolidation › delete vs replace (reference §6.3 cases 50–51)', () => {
  it('replaces a node left with one small pod by a strictly cheaper type, after the replacement is initialized', () => {
    const { timeline: tl, controller } = runLab(
      { until: '20m', actions: [scaleTo('web', 1, '3m')] },
      [eagerPool(), deployment('web', { replicas: 3, cpu: '1' })],
    );
    const replace = controller.actions.find((a) => a.decision === 'replace');
    expect(replace?.nodes[0]?.instanceType).toBe('c-4x');
    expect(replace?.replacements[0]?.instanceTypes).not.toContain('c-4x');
    const created = eventsOf(tl, 'nodeclaim.created');
    expect(created).toHaveLength(2);
    const initialized =
      tl.final.nodeClaims.get(created[1]?.nodeClaim.name ?? '')?.initializedAt ?? Infinity;
    expect(eventsOf(tl, 'nodeclaim.deleting')[0]?.t).toBeGreaterThanOrEqual(initialized);
    expect(liveNodes(tl).map((n) => tl.final.nodes.get(n)?.instanceType)).toEqual(['c-2x']);
    expect(allRunning(tl)).toBe(true);
    expect(k8sEvents(tl, 'Disrupting')[0]?.message).toMatch(/saves \$0\.2000\/h; moves 1 pod/);
  });

  it('acts only after the 15 s validation and taints the candidate karpenter.sh/disrupted:NoSchedule', () => {
    const { timeline: tl } = runLab({ until: '20m', actions: [scaleTo('web', 1, '3m')] }, [
      eagerPool(),
      deployment('web', { replicas: 3, cpu: '1' }),
    ]);
    const acted = k8sEvents(tl, 'Disrupting')[0]?.t ?? 0;
    expect(acted % 10_000).toBe(5_000); // a 10 s poll + 15 s
    const taint = eventsOf(tl, 'node.updated').find((e) =>
      e.patch.taints?.some((t) => t.key === 'karpenter.sh/disrupted'),
    );
    expect(taint?.t).toBe(acted);
  });

  it('deletes a node whose pods fit on another node, with no replacement', () => {
    const { timeline: tl, controller } = runLab(
      { until: '20m', actions: [scaleTo('b', 1, '2m'), scaleTo('a', 2, '5m')] },
      // a: 3 × 1.2 vCPU fill a 4x; b's pod does not fit beside them and gets a 2x; once a is down
      // to 2 pods, b's pod fits on the 4x, and the 4x cannot be replaced by anything cheaper.
      [
        eagerPool(),
        deployment('a', { replicas: 3, cpu: '1200m' }),
        deployment('b', { replicas: 0, cpu: '1' }),
      ],
    );
    const del = controller.actions.find(
      (a) => a.decision === 'delete' && a.reason === 'Underutilized',
    );
    expect(del?.nodes[0]?.instanceType).toBe('c-2x');
    expect(eventsOf(tl, 'nodeclaim.created')).toHaveLength(2);
    expect(liveNodes(tl)).toHaveLength(1);
    expect(allRunning(tl)).toBe(true);
  });

  it('does not replace a node with one that is not strictly cheaper: "Can\'t replace with a cheaper node"', () => {
    const { timeline: tl, controller } = runLab({ until: '10m' }, [
      eagerPool(),
      deployment('web', { replicas: 3, cpu: '1' }),
    ]);
    expect(controller.actions).toHaveLength(0);
    expect(k8sEvents(tl, 'Unconsolidatable').map((e) => e.message)).toContain(
      "Can't replace with a cheaper node",
    );
  });

  it('narrows a replacement that could be spot or on-demand to spot', () => {
    const types = [
      ...sizedTypes(),
      fakeType('c-2x-spot-capable', 2, 8, { price: 0.2, capacityTypes: ['spot', 'on-demand'] }),
    ].filter((t) => t.name !== 'c-2x');
    const { controller } = runLab(
      { until: '20m', instanceTypes: types, actions: [scaleTo('web', 1, '3m')] },
      [eagerPool(), deployment('web', { replicas: 3, cpu: '1' })],
    );
    const replace = controller.actions.find((a) => a.decision === 'replace');
    expect(replace?.nodes[0]?.capacityType).toBe('on-demand');
    expect(replace?.replacements[0]?.capacityTypes).toEqual(['spot']);
  });
});

describe('consolidation › multi-node', () => {
  it('deletes several nodes in one command when their pods fit on the rest, never merging into a same-type node', () => {
    // Three full 2x nodes (4 × 0.5 vCPU each), then every deployment scales to one pod.
    const { timeline: tl, controller } = threeNodesToOnePodEach();
    const multi = controller.actions.find((a) => a.method === 'MultiNodeConsolidation');
    expect(multi).toMatchObject({ decision: 'delete' });
    expect(multi?.nodes).toHaveLength(2);
    expect(eventsOf(tl, 'nodeclaim.created')).toHaveLength(3);
    expect(liveNodes(tl)).toHaveLength(1);
    expect(allRunning(tl)).toBe(true);
  });
});

describe('consolidation › spot-to-spot (reference §3.9 step 6, §6.3 case 55)', () => {
  const spot = (n: number, bigPrice: number) => [
    ...Array.from({ length: n }, (_, i) =>
      fakeType(`s-${i}`, 2, 8, { price: 0.01 * (i + 1), capacityTypes: ['spot'] }),
    ),
    fakeType('big', 8, 32, { price: bigPrice, capacityTypes: ['spot'] }),
  ];
  const run = (n: number, gate: boolean) =>
    runLab(
      {
        until: '20m',
        instanceTypes: spot(n, 1),
        karpenter: { featureGates: { SpotToSpotConsolidation: gate } },
        actions: [scaleTo('web', 1, '3m')],
      },
      [eagerPool(), deployment('web', { replicas: 5, cpu: '1500m' })],
    );

  it('does not replace a spot node with a spot node while the gate is off', () => {
    const { timeline: tl, controller } = run(20, false);
    expect(controller.actions).toHaveLength(0);
    expect(k8sEvents(tl, 'Unconsolidatable').map((e) => e.message)).toContain(
      "SpotToSpotConsolidation is disabled, can't replace a spot node with a spot node",
    );
  });

  it('needs 15 cheaper spot types for a single node', () => {
    const { timeline: tl, controller } = run(5, true);
    expect(controller.actions).toHaveLength(0);
    expect(k8sEvents(tl, 'Unconsolidatable').map((e) => e.message)).toContain(
      'SpotToSpotConsolidation requires 15 cheaper instance type options than the current candidate to consolidate, got 5',
    );
  });

  it('replaces with the 15 cheapest spot types when there are enough', () => {
    const { controller } = run(20, true);
    const replace = controller.actions.find((a) => a.decision === 'replace');
    expect(replace?.replacements[0]?.instanceTypes).toEqual(
      Array.from({ length: 15 }, (_, i) => `s-${i}`),
    );
    expect(replace?.replacements[0]?.capacityTypes).toEqual(['spot']);
  });
});

describe('consolidation › policy and consolidateAfter (reference §3.3, §3.10)', () => {
  it('waits consolidateAfter from the last pod event before acting', () => {
    const { timeline: tl } = runLab({ until: '20m', actions: [scaleTo('web', 1, '3m')] }, [
      eagerPool('default', { consolidateAfter: '5m' }),
      deployment('web', { replicas: 3, cpu: '1' }),
    ]);
    expect(k8sEvents(tl, 'Disrupting')[0]?.t).toBeGreaterThanOrEqual(8 * 60_000);
  });

  it('never consolidates with consolidateAfter: Never, and says why', () => {
    const { timeline: tl, controller } = runLab(
      { until: '15m', actions: [scaleTo('web', 1, '3m')] },
      [
        eagerPool('default', { consolidateAfter: 'Never' }),
        deployment('web', { replicas: 3, cpu: '1' }),
      ],
    );
    expect(controller.actions).toHaveLength(0);
    expect(k8sEvents(tl, 'Unconsolidatable').map((e) => e.message)).toContain(
      'NodePool "default" has consolidation disabled',
    );
  });

  it('WhenEmpty keeps an underutilized node but deletes an empty one', () => {
    const under = runLab({ until: '15m', actions: [scaleTo('web', 1, '3m')] }, [
      eagerPool('default', { consolidationPolicy: 'WhenEmpty' }),
      deployment('web', { replicas: 3, cpu: '1' }),
    ]);
    expect(under.controller.actions).toHaveLength(0);
    expect(k8sEvents(under.timeline, 'Unconsolidatable').map((e) => e.message)).toContain(
      'NodePool "default" has consolidation policy WhenEmpty, but node is not empty',
    );
    const empty = runLab({ until: '15m', actions: [scaleTo('web', 0, '3m')] }, [
      eagerPool('default', { consolidationPolicy: 'WhenEmpty' }),
      deployment('web', { replicas: 3, cpu: '1' }),
    ]);
    expect(empty.controller.actions).toMatchObject([{ method: 'Emptiness', decision: 'delete' }]);
    expect(liveNodes(empty.timeline)).toHaveLength(0);
  });

  it('Balanced rejects a replacement whose saving is small next to the disruption it causes', () => {
    const objects = (policy: 'Balanced' | 'WhenEmptyOrUnderutilized') => [
      eagerPool('default', { consolidationPolicy: policy }),
      deployment('big', { replicas: 1, cpu: '15' }),
      deployment('web', { replicas: 3, cpu: '1200m' }),
    ];
    const balanced = runLab(
      { until: '15m', actions: [scaleTo('web', 1, '3m')] },
      objects('Balanced'),
    );
    expect(balanced.controller.actions).toHaveLength(0);
    // Upstream (balanced.go ApproveCommand) counts a rejection in a metric only: no event. The
    // node's explanation carries the score. web's node (20 % of the pool's cost, half its
    // disruption) cannot pass even as a delete (0.40 < 0.50): single-node skips it without a dry
    // run (CanPassThreshold).
    expect(k8sEvents(balanced.timeline, 'ConsolidationRejected')).toEqual([]);
    expect(k8sEvents(balanced.timeline, 'ConsolidationApproved')).toEqual([]);
    const kept = [...balanced.controller.explanations.values()].find((e) =>
      e.reason.includes('(Balanced)'),
    );
    expect(kept?.reason).toBe(
      'NodePool "default" (Balanced): score 0.40 < threshold 0.50 (k: 2, savings 20.0%, disruption 50.0%)',
    );
    expect(kept?.sentence).toContain('without simulating anything');
    const eager = runLab(
      { until: '15m', actions: [scaleTo('web', 1, '3m')] },
      objects('WhenEmptyOrUnderutilized'),
    );
    expect(eager.controller.actions.map((a) => a.decision)).toContain('replace');
  });
});

// upstream: pkg/controllers/disruption/consolidation.go (computeConsolidation: EmitCandidateEvents on
// every replace command it builds, none on a delete) and consolidation_logging_test.go
// TestConsolidationCandidateEvent (one event on the Node, one on the NodeClaim).
describe('ConsolidationCandidate events', () => {
  it('a replace command is announced on its node and NodeClaim, with its savings', () => {
    const j = simulateFixture(
      'consolidation/replace-an-expensive-on-demand-node-with-a-cheaper-one.yaml',
    );
    const events = j.events.filter((e) => e.reason === 'ConsolidationCandidate');
    expect(events.map((e) => e.object.split('/')[0])).toEqual(['node', 'nodeclaim']);
    for (const e of events)
      expect(e.message).toMatch(
        /^Consolidation candidate: replace: \[node-a\] -> \[1 replacement\] \(savings: \$\d+\.\d\d\)$/,
      );
  });

  // upstream: pkg/controllers/disruption/queue.go (Terminating: on the Node and the NodeClaim)
  it('a disrupted node and its NodeClaim each say Disrupting …: <reason>', () => {
    const j = simulateFixture('consolidation/delete-a-node-whose-pods-fit-elsewhere.yaml');
    const terminating = j.events.filter((e) => e.reason === 'DisruptionTerminating');
    expect(terminating.map((e) => [e.object.split('/')[0], e.message])).toEqual([
      ['node', 'Disrupting Node: Underutilized'],
      ['nodeclaim', 'Disrupting NodeClaim: Underutilized'],
    ]);
  });

  it('a delete command says nothing', () => {
    const j = simulateFixture('consolidation/delete-a-node-whose-pods-fit-elsewhere.yaml');
    expect(j.events.filter((e) => e.reason === 'Disrupting')).not.toEqual([]);
    expect(j.events.filter((e) => e.reason === 'ConsolidationCandidate')).toEqual([]);
  });
});

describe('Balanced events (balanced.go, v1.14)', () => {
  // upstream: pkg/controllers/disruption/balanced_scoring_test.go
  // test: EmitBalancedMultiNodeEvents / should emit approved event for approved pool results
  it('an approved multi-node move is announced once, on the NodePool', () => {
    const j = simulateFixture('consolidation/balanced-approves-a-multi-node-consolidation.yaml');
    const approved = j.events.filter((e) => e.reason === 'ConsolidationApproved');
    expect(approved.map((e) => e.object)).toEqual(['nodepool/default']);
    expect(approved[0]?.message).toMatch(
      /^score \d\.\d\d >= threshold 0\.50 \(k: 2, savings \d+\.\d%, disruption \d+\.\d%\)$/,
    );
  });

  // test: Balanced Consolidation / Single-Node / should approve replacing an oversized node
  it('an approved single-node move is announced on its node and its NodeClaim', () => {
    const j = simulateFixture('consolidation/balanced-approves-replacing-an-oversized-node.yaml');
    const approved = j.events.filter((e) => e.reason === 'ConsolidationApproved');
    expect(approved.map((e) => e.object.split('/')[0])).toEqual(['node', 'nodeclaim']);
  });
});

describe('consolidation › validation (reference §3.11, §6.3 case 61)', () => {
  it('drops the command when a blocking PDB appears during the 15 s wait', () => {
    const base = runLab({ until: '20m', actions: [scaleTo('web', 1, '3m')] }, [
      eagerPool(),
      deployment('web', { replicas: 3, cpu: '1' }),
    ]);
    const chosenAt = (k8sEvents(base.timeline, 'Disrupting')[0]?.t ?? 0) - 15_000;
    const { timeline: tl, controller } = runLab(
      { until: '20m', actions: [scaleTo('web', 1, '3m')] },
      [eagerPool(), deployment('web', { replicas: 3, cpu: '1' })],
      {
        actions: [applyAt(chosenAt + 5_000, pdb('web', 'web', { minAvailable: 1 }))],
      },
    );
    expect(controller.actions).toHaveLength(0);
    // Upstream's text (events.go ConsolidationRejected, Command.StringForNode before the command
    // has an ID), on the node and its NodeClaim; the lab's finer reason goes to the explanation.
    const rejected = k8sEvents(tl, 'ConsolidationRejected');
    expect(rejected.map((e) => e.object.split('/')[0])).toEqual(['node', 'nodeclaim']);
    expect(rejected[0]?.message).toMatch(
      /^Consolidation rejected: (delete|replace): \[ip-[\w.-]+\]( -> \[1 replacement\])?, reason: churn \(savings: \$\d+\.\d\d\)$/,
    );
    const node = rejected[0]?.object.replace('node/', '') ?? '';
    expect(controller.explanations.get(node)?.reason ?? '').toMatch(
      /pdb prevents pod evictions \(PodDisruptionBudget=\[default\/web\]\)/,
    );
  });
});

// upstream: pkg/controllers/disruption/emptiness.go (ComputeCommands: a command validation drops is
// only logged, "abandoning empty node consolidation attempt due to pod churn") and events.go
// (ConsolidationCandidate / ConsolidationRejected, new in v1.9.0).
describe('ConsolidationRejected: single- and multi-node only, from v1.9', () => {
  const fixture =
    'consolidation/empty-node-kept-when-a-do-not-disrupt-pod-lands-during-validation.yaml';
  it('an Emptiness command dropped at validation publishes nothing', () => {
    const j = simulateFixture(fixture);
    expect(j.nodes.find((n) => n.name === 'node-a')?.state).not.toBe('terminated');
    expect(j.events.filter((e) => e.reason === 'ConsolidationRejected')).toEqual([]);
  });

  it('before v1.9 a replace command is not announced', () => {
    const text = readFileSync(
      join(FIXTURES, 'consolidation/replace-an-expensive-on-demand-node-with-a-cheaper-one.yaml'),
      'utf8',
    ).replace(
      "karpenter: { timings: { jitter: '0' } }",
      "karpenter: { version: v1.8, timings: { jitter: '0' } }",
    );
    const j = simulateText(text);
    expect(j.events.filter((e) => e.reason === 'Disrupting')).not.toEqual([]);
    expect(j.events.filter((e) => e.reason === 'ConsolidationCandidate')).toEqual([]);
  });
});

// upstream: pkg/controllers/disruption/controller.go (Reconcile tries the methods in order; one
// whose command fails validation returns none, and the next method runs in the same reconcile).
describe('a command dropped at validation', () => {
  it('hands over to the next method at once', () => {
    const j = simulateFixture(
      'consolidation/single-node-deletes-after-a-spot-merge-fails-validation-on-demand-entry.yaml',
    );
    const rejected = j.events.find((e) => e.reason === 'ConsolidationRejected');
    const next = j.events.find((e) => e.reason === 'Disrupting');
    expect(rejected?.time).toBe(25);
    // Single-node consolidation chose at 25 s and validated for 15 s: not the next 10 s poll.
    expect(next?.time).toBe(40);
    expect(next?.message).toMatch(/^Disrupting via SingleNodeConsolidation/);
  });
});

// upstream: pkg/controllers/provisioning/scheduling/nodeclaim.go
// RemoveInstanceTypeOptionsByPriceAndMinValues, called by computeConsolidation.
describe('minValues after the price filter', () => {
  const fixture = 'consolidation/best-effort-min-values-not-relaxed-to-consolidate.yaml';
  const text = readFileSync(join(FIXTURES, fixture), 'utf8');
  it('a replacement whose cheaper options miss minValues is not made (BestEffort relaxes nothing more)', () => {
    const j = simulateText(text);
    expect(j.nodeClaims).toHaveLength(1);
    expect(j.events.some((e) => e.message.startsWith('Filtering by price: minValues'))).toBe(true);
  });

  it('under Strict too: minValues the dry run met, but only one cheaper type is left', () => {
    const strict = text
      .replace('minValuesPolicy: BestEffort', 'minValuesPolicy: Strict')
      .replace('minValues: 3', 'minValues: 2');
    const j = simulateText(strict);
    expect(j.nodeClaims).toHaveLength(1);
    const loose = simulateText(strict.replace('minValues: 2', 'minValues: 1'));
    expect(loose.nodeClaims).toHaveLength(2);
  });
});

// upstream: pkg/controllers/disruption/helpers.go SimulateScheduling and provisioner.go
// (CurrentlyReschedulablePods → pdb.Limits.IsCurrentlyReschedulable, new in v1.4.0).
describe('pods that cannot be evicted now get no capacity (v1.4+)', () => {
  const fixture =
    'drift/drift-with-grace-period-launches-no-replacement-for-a-pdb-blocked-pod.yaml';
  const text = readFileSync(join(FIXTURES, fixture), 'utf8');
  it('drift deletes the node without a replacement; v1.3 launched one at once', () => {
    const now = simulateText(text);
    expect(now.nodeClaims).toHaveLength(1);
    expect(now.events.find((e) => e.reason === 'Disrupting')?.message).toMatch(/Drifted\/delete/);
    const old = simulateText(
      text.replace(
        "karpenter: { timings: { jitter: '0' } }",
        "karpenter: { version: v1.3, timings: { jitter: '0' } }",
      ),
    );
    expect(old.nodeClaims).toHaveLength(2);
  });
});
