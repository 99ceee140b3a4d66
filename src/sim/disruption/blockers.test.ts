import { describe, expect, it } from 'vitest';
import { deployment } from '../engine/testing.ts';
import { toJSON } from '../engine/json.ts';
import type { KubeObject } from '../k8s.ts';
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
import { vocabulary } from './annotations.ts';
import {
  blockedMessage,
  missingLabelBlocker,
  missingLabelUnconsolidatable,
  missingPoolLabelBlocker,
  nodeAnnotationReason,
  nodeReasons,
  pdbReason,
  podAnnotationReason,
  poolNotFoundReason,
  publishesBlocker,
  unresolvedTypeBlocker,
  whenEmptyReason,
  wordingOf,
} from './wording.ts';
import { karpenterVersion } from '../version.ts';

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
    // disruption/suite_test.go "should not consider candidates that have do-not-disrupt pods
    // scheduled and no terminationGracePeriod": the event is the error as a sentence.
    expect(
      blockedMessages(tl).some((m) =>
        /^Pod has "karpenter\.sh\/do-not-disrupt" annotation \(Pod=default\/web-\S+\)$/.test(m),
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
    // disruption/suite_test.go "should not consider candidates that have fully blocking PDBs".
    expect(blockedMessages(one.timeline)).toContain(
      'Pdb prevents pod evictions (PodDisruptionBudget=[default/web])',
    );
    const two = runLab(shrink, [
      eagerPool(),
      web(),
      pdb('a', 'web', { maxUnavailable: 1 }),
      pdb('b', 'web', { maxUnavailable: 1 }),
    ]);
    expect(two.controller.actions).toHaveLength(0);
    expect(blockedMessages(two.timeline)).toContain(
      'Eviction does not support multiple PDBs (PodDisruptionBudget(s)=[default/a default/b])',
    );
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
      'Disruption is blocked through the "karpenter.sh/do-not-disrupt" annotation',
    );
  });

  it('says a node that is still starting is not initialized', () => {
    const { timeline: tl } = runLab(shrink, [eagerPool(), web()]);
    expect(blockedMessages(tl)).toContain("Node isn't initialized");
  });

  it('publishes on the NodeClaim too, each object deduped on its own', () => {
    const { timeline: tl } = runLab(shrink, [eagerPool(), web()]);
    const blocked = k8sEvents(tl, 'DisruptionBlocked');
    const claims = blocked.filter((e) => e.object.startsWith('nodeclaim/'));
    const nodes = blocked.filter((e) => e.object.startsWith('node/'));
    // Launched but not registered, a NodeClaim is a state node without a Node (suite_test.go
    // "should not consider candidate that has just a NodeClaim representation").
    expect(claims[0]?.message).toBe('Nodeclaim does not have an associated node');
    expect(nodes.map((e) => e.message)).toContain("Node isn't initialized");
    // Each object has its own 2-minute window: the NodeClaim's "isn't initialized" a poll or two
    // later falls inside the window its first event opened; its Node's opens its own.
    for (const object of new Set(blocked.map((e) => e.object))) {
      const at = blocked.filter((e) => e.object === object).map((e) => e.t);
      for (let i = 1; i < at.length; i++)
        expect((at[i] ?? 0) - (at[i - 1] ?? 0)).toBeGreaterThanOrEqual(120_000);
    }
  });
});

describe('blockers › each version in its own words (wording.ts)', () => {
  const messages = (version: string, objects: KubeObject[] = [eagerPool(), web()]) =>
    runLab({ ...shrink, karpenter: { version } }, objects).timeline;

  it('v1.0–v1.1: "Cannot disrupt Node: state node …", and "… NodeClaim: …" on the NodeClaim', () => {
    const tl = messages('v1.1');
    const blocked = k8sEvents(tl, 'DisruptionBlocked');
    expect(blocked.map((e) => e.message)).toContain(
      "Cannot disrupt Node: state node isn't initialized",
    );
    // The NodeClaim's first word, while its Node registers, is v1.1's own (v1.0: "state node
    // doesn't contain both a node and a nodeclaim"), and its 2-minute window holds the next back.
    expect(
      blocked.filter((e) => e.object.startsWith('nodeclaim/')).map((e) => e.message),
    ).toContain('Cannot disrupt NodeClaim: nodeclaim does not have an associated node');
  });

  it('v1.2–v1.4: the error as a sentence, pods and PDBs named inside it', () => {
    const pod = messages('v1.3', [eagerPool(), web({ 'karpenter.sh/do-not-disrupt': 'true' })]);
    expect(
      blockedMessages(pod).some((m) =>
        /^Pod "default\/web-\S+" has "karpenter\.sh\/do-not-disrupt" annotation$/.test(m),
      ),
    ).toBe(true);
    const budget = messages('v1.3', [eagerPool(), web(), pdb('web', 'web', { minAvailable: 1 })]);
    expect(blockedMessages(budget)).toContain('Pdb "default/web" prevents pod evictions');
  });

  it('before v1.7 a pod two PDBs select does not block its node when both allow a disruption', () => {
    // pdb.go isEvictable at v1.6.0: only a matching PDB with no disruption allowed blocks; the
    // multiple-PDB refusal (suite_test.go "should not consider candidates that have multiple
    // PDBs on the same pod") came with v1.7.
    const two = (version: string) =>
      runLab({ ...shrink, karpenter: { version } }, [
        eagerPool(),
        web(),
        pdb('a', 'web', { maxUnavailable: 1 }),
        pdb('b', 'web', { maxUnavailable: 1 }),
      ]).controller.actions.length;
    expect(two('v1.7')).toBe(0);
    expect(two('v1.6')).toBeGreaterThan(0);
  });

  it('v1.5–v1.6: structured errors, one PDB named without brackets', () => {
    const budget = messages('v1.6', [eagerPool(), web(), pdb('web', 'web', { minAvailable: 1 })]);
    expect(blockedMessages(budget)).toContain(
      'Pdb prevents pod evictions (PodDisruptionBudget=default/web)',
    );
  });
});

describe('blockers › a node missing a label Karpenter prices it by (wording.ts)', () => {
  // The shrink fixture's node loses its zone label before Karpenter would replace it.
  const unlabeled = (version: string, label = 'topology.kubernetes.io/zone') => {
    const base = runLab(shrink, [eagerPool(), web()]);
    const node = toJSON(base.timeline).nodes[0]?.name ?? '';
    return runLab(
      {
        ...shrink,
        karpenter: { version },
        actions: [...shrink.actions, { at: '2m', run: `kubectl label node ${node} ${label}-` }],
      },
      [eagerPool(), web()],
    );
  };

  it('v1.1+: a candidate that single- and multi-node consolidation refuse (consolidation.go ShouldDisrupt)', () => {
    const { timeline: tl, controller } = unlabeled('v1.14');
    expect(controller.actions).toHaveLength(0);
    const un = k8sEvents(tl, 'Unconsolidatable');
    expect(un.map((e) => e.message)).toContain(
      'Node does not have label "topology.kubernetes.io/zone"',
    );
    expect(un.some((e) => e.object.startsWith('nodeclaim/'))).toBe(true);
    expect(blockedMessages(tl).filter((m) => m.includes('label'))).toEqual([]);
    // The instance type is looked up by its label: without one, none is found.
    const it = unlabeled('v1.14', 'node.kubernetes.io/instance-type');
    expect(it.controller.actions).toHaveLength(0);
    expect(k8sEvents(it.timeline, 'Unconsolidatable').map((e) => e.message)).toContain(
      'Instance Type "" not found',
    );
  });

  it('v1.0: no candidate for any method (statenode.go ValidateNodeDisruptable)', () => {
    const { timeline: tl, controller } = unlabeled('v1.0');
    expect(controller.actions).toHaveLength(0);
    expect(blockedMessages(tl)).toContain(
      'Cannot disrupt Node: state node doesn\'t have required label "topology.kubernetes.io/zone"',
    );
  });

  it("v0.31–v0.37: capacity type and zone only, in NewCandidate's words", () => {
    expect(missingLabelBlocker('v0.3x', { 'karpenter.sh/capacity-type': 'spot' })).toBe(
      'Required label "topology.kubernetes.io/zone" doesn\'t exist',
    );
    const zoned = { 'karpenter.sh/capacity-type': 'spot', 'topology.kubernetes.io/zone': 'a' };
    expect(missingLabelBlocker('v0.3x', zoned)).toBeUndefined();
    expect(missingLabelBlocker('v1.0', zoned)).toBe(
      'state node doesn\'t have required label "node.kubernetes.io/instance-type"',
    );
    expect(missingLabelBlocker('v1.1', {})).toBeUndefined();
  });
});

describe("blockers › v0.32–v0.37 in NewCandidate's words (types.go, helpers.go)", () => {
  const w = (v: string) => wordingOf(karpenterVersion(v));
  const dnd = 'karpenter.sh/do-not-disrupt';

  it('words each reason as v0.32–v0.37 published it, v1.0 as its own', () => {
    expect([w('v0.32.0'), w('v0.33.0'), w('v0.34.0'), w('v0.37.0'), w('v1.0.0')]).toEqual([
      'v0.32',
      'v0.32',
      'v0.34',
      'v0.34',
      'v1.0',
    ]);
    expect(podAnnotationReason('v0.32', 'default/a', dnd)).toBe(
      'Pod "default/a" has do not evict annotation',
    );
    expect(podAnnotationReason('v0.34', 'default/a', dnd)).toBe(
      'Pod "default/a" has "karpenter.sh/do-not-disrupt" annotation',
    );
    expect(pdbReason('v0.34', 'default/b')).toBe('PDB "default/b" prevents pod evictions');
    expect(poolNotFoundReason('v0.34', 'x')).toBe('Owning nodepool "x" not found');
    expect(nodeReasons('v0.34').nominated).toBe('Nominated for a pending pod');
    expect(blockedMessage('v0.34', 'NodeClaim', 'Nominated for a pending pod')).toBe(
      'Cannot disrupt NodeClaim: Nominated for a pending pod',
    );
    // Not initialized or deleting: an error only, no event.
    expect(publishesBlocker('v0.34', nodeReasons('v0.34').notInitialized)).toBe(false);
    expect(publishesBlocker('v1.0', nodeReasons('v1.0').notInitialized)).toBe(true);
  });

  it('a node without the karpenter.sh/nodepool label, by era (ValidateNodeDisruptable)', () => {
    const none = {};
    expect(missingPoolLabelBlocker('v1.7', none)).toBe(
      "node doesn't have required label (label=karpenter.sh/nodepool)",
    );
    expect(missingPoolLabelBlocker('v1.2', none)).toBe(
      'node doesn\'t have required label "karpenter.sh/nodepool"',
    );
    expect(missingPoolLabelBlocker('v1.0', none)).toBe(
      'state node doesn\'t have required label "karpenter.sh/nodepool"',
    );
    // v0.32–v0.37: an error only (no event); v0.32 still owned Machines by their Provisioner.
    const owner = missingPoolLabelBlocker('v0.34', none) ?? '';
    expect(owner).toBe("state node doesn't have the Karpenter owner label");
    expect(publishesBlocker('v0.34', owner)).toBe(false);
    expect(
      missingPoolLabelBlocker('v0.32', { 'karpenter.sh/provisioner-name': 'p' }),
    ).toBeUndefined();
    expect(missingPoolLabelBlocker('v1.7', { 'karpenter.sh/nodepool': 'x' })).toBeUndefined();
  });

  it('before v1.0 the node annotation blocks whatever its value', () => {
    expect(nodeAnnotationReason('v0.34', { [dnd]: 'false' }, dnd)).toBe(
      'Disruption is blocked with the "karpenter.sh/do-not-disrupt" annotation',
    );
    expect(nodeAnnotationReason('v1.0', { [dnd]: 'false' }, dnd)).toBeUndefined();
    expect(nodeAnnotationReason('v1.0', { [dnd]: 'true' }, dnd)).toBe(
      'disruption is blocked through the "karpenter.sh/do-not-disrupt" annotation',
    );
  });
});

describe('blockers › a node of an instance type Karpenter cannot resolve, by era (wording.ts)', () => {
  // suite_test.go "should [not] consider candidates that have an instance type that cannot be
  // resolved" (v0.34–v0.37, v1.0, v1.1+) and, at v0.37, "… do not have the … instance-type label".
  const labels = {
    'karpenter.sh/capacity-type': 'spot',
    'topology.kubernetes.io/zone': 'a',
    'node.kubernetes.io/instance-type': 'gone',
  };
  const gone = { labels, instanceType: 'gone', unknownType: true as const };
  const known = { labels, instanceType: 'gone' };
  const { 'node.kubernetes.io/instance-type': _t, ...untyped } = labels;
  const unlabeled = { labels: untyped, instanceType: 'm5.large' };

  it('v0.3x and v1.0 refuse the node; v1.1+ only consolidation does', () => {
    expect(unresolvedTypeBlocker('v0.3x', gone)).toBe('Instance type "gone" not found');
    expect(unresolvedTypeBlocker('v1.0', gone)).toBe('Instance Type "gone" not found');
    expect(unresolvedTypeBlocker('v1.1', gone)).toBeUndefined();
    expect(missingLabelUnconsolidatable('v1.1', gone)).toBe('Instance Type "gone" not found');
    expect(missingLabelUnconsolidatable('v1.0', gone)).toBeUndefined();
  });

  it('a resolvable type is no reason; a missing label is type "" (v0.3x do not require it)', () => {
    expect(unresolvedTypeBlocker('v0.3x', known)).toBeUndefined();
    expect(missingLabelUnconsolidatable('v1.1', known)).toBeUndefined();
    expect(missingLabelBlocker('v0.3x', untyped)).toBeUndefined();
    expect(unresolvedTypeBlocker('v0.3x', unlabeled)).toBe('Instance type "" not found');
  });
});

describe('blockers › a busy node of a WhenEmpty NodePool, by version (wording.ts)', () => {
  // consolidation_test.go "should fire an event for ConsolidationDisabled when the NodePool has
  // consolidation set to WhenEmpty": single- and multi-node consolidation refuse the node before
  // its consolidateAfter (1m here) is looked at.
  const refusal = (version: string) => {
    const { timeline: tl, controller } = runLab({ until: '50s', karpenter: { version } }, [
      eagerPool('default', { consolidationPolicy: 'WhenEmpty', consolidateAfter: '1m' }),
      web(),
    ]);
    expect(controller.actions).toHaveLength(0);
    const un = k8sEvents(tl, 'Unconsolidatable');
    return [...new Set(un.map((e) => `${e.object.split('/')[0] ?? ''}: ${e.message}`))];
  };

  it('v1.0–v1.13: "has non-empty consolidation disabled"; v1.14: "… but node is not empty"', () => {
    for (const v of ['v1.0', 'v1.13'])
      expect(refusal(v)).toEqual([
        'node: NodePool "default" has non-empty consolidation disabled',
        'nodeclaim: NodePool "default" has non-empty consolidation disabled',
      ]);
    expect(refusal('v1.14')).toEqual([
      'node: NodePool "default" has consolidation policy WhenEmpty, but node is not empty',
      'nodeclaim: NodePool "default" has consolidation policy WhenEmpty, but node is not empty',
    ]);
  });

  it('v0.32–v0.33: "has consolidation disabled"; v0.34–v0.37: nothing (#862)', () => {
    const words = (version: string) =>
      whenEmptyReason(vocabulary({ semantics: 'v1', version }).whenEmpty, 'default');
    expect(words('v0.33')).toEqual({
      reason: 'NodePool "default" has consolidation disabled',
      published: true,
    });
    expect(words('v0.34').published).toBe(false);
    expect(words('v0.37').published).toBe(false);
    expect(words('v1.0').reason).toBe('NodePool "default" has non-empty consolidation disabled');
  });
});

describe('blockers › an empty node of a WhenEmpty NodePool waiting for consolidateAfter', () => {
  // consolidation.go ShouldDisrupt: before v1.14 single- and multi-node consolidation refuse every
  // node of a WhenEmpty pool, an empty one Emptiness has not taken yet too; v1.14 leaves an empty
  // node to Emptiness first (#2962). The web pods go at 2s, while their node boots: it comes up
  // empty, waits for its consolidateAfter (1m), and Emptiness then deletes it under every version.
  const emptied = (version: string) => {
    const { timeline: tl, controller } = runLab(
      { until: '4m', karpenter: { version }, actions: [scaleTo('web', 0, '2s')] },
      [eagerPool('default', { consolidationPolicy: 'WhenEmpty', consolidateAfter: '1m' }), web()],
    );
    expect(controller.actions).toHaveLength(1);
    expect(liveNodes(tl)).toHaveLength(0);
    const deleted = k8sEvents(tl, 'Disrupting')[0]?.t ?? -1;
    const un = k8sEvents(tl, 'Unconsolidatable');
    // Published while the empty node waits, never after Emptiness took it.
    expect(un.every((e) => e.t < deleted)).toBe(true);
    return [...new Set(un.map((e) => `${e.object.split('/')[0] ?? ''}: ${e.message}`))];
  };

  it('v1.0–v1.13 say "has non-empty consolidation disabled" of it; v1.14 says nothing', () => {
    for (const v of ['v1.0', 'v1.13']) {
      const words = emptied(v);
      expect(words).toEqual([
        'node: NodePool "default" has non-empty consolidation disabled',
        'nodeclaim: NodePool "default" has non-empty consolidation disabled',
      ]);
    }
    expect(emptied('v1.14')).toEqual([]);
  });

  it('v0.33 says "has consolidation disabled"; v0.34–v0.37 nothing', () => {
    expect(emptied('v0.33')).toEqual([
      'node: NodePool "default" has consolidation disabled',
      'nodeclaim: NodePool "default" has consolidation disabled',
    ]);
    expect(emptied('v0.37')).toEqual([]);
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
