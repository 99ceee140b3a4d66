import { describe, expect, it } from 'vitest';
import { catalogFromScenario, type Catalog } from '../sim/catalog/index.ts';
import { karpenterDisruption } from '../sim/disruption/controller.ts';
import { disruptionFromController } from './disruption.ts';
import { clock } from './format.ts';
import { explainNode } from './node.ts';
import {
  LARGE,
  SMALL,
  deployment,
  existingNode,
  firstEvent,
  nodePool,
  run,
  threePodsOnOneNode,
  withPodAnnotations,
} from './testing.ts';

function nodeOf(r: ReturnType<typeof run>) {
  const reg = firstEvent(r, 'node.registered');
  const e = explainNode(r.timeline, r.timeline.end, reg.node.name, { catalog: r.catalog });
  if (!e) throw new Error('no explanation');
  return e;
}

describe('explainNode › the NodeClaim funnel', () => {
  it('counts every stage the scheduler recorded, in order, with a sentence each', () => {
    const r = threePodsOnOneNode();
    const claim = firstEvent(r, 'nodeclaim.created').nodeClaim;
    const e = nodeOf(r);
    expect(e.funnel.map((s) => [s.stage, s.count])).toEqual(
      claim.funnel.map((s) => [s.stage, s.count]),
    );
    const [catalog, reqs, fits, limits] = e.funnel;
    expect(catalog?.sentence).toBe(`${catalog?.count} instance types in the catalog`);
    expect(reqs?.sentence).toContain('(kubernetes.io/arch In [amd64])');
    expect(fits?.sentence).toMatch(/^1 fits 3 pods of 1 CPU$/);
    expect(limits?.sentence).toContain('within the limits of NodePool "default" (cpu 10)');
  });

  it('reads as one line ending at the launched offering', () => {
    const r = threePodsOnOneNode();
    const launch = firstEvent(r, 'nodeclaim.launched').launch;
    const e = nodeOf(r);
    expect(e.funnelSentence.split(' → ')).toHaveLength(e.funnel.length + 1);
    expect(e.funnelSentence).toMatch(
      new RegExp(
        `→ launched ${launch.instanceType} \\(${launch.capacityType}\\) in ${launch.zone} at \\$`,
      ),
    );
  });

  it('shows the chosen offering and the runner-up with why it lost', () => {
    const r = threePodsOnOneNode();
    const launch = firstEvent(r, 'nodeclaim.launched').launch;
    const e = nodeOf(r);
    expect(e.chosen).toMatchObject({
      instanceType: launch.instanceType,
      zone: launch.zone,
      capacityType: launch.capacityType,
      pricePerHour: launch.price,
    });
    expect(e.runnerUp?.whyLost).toBe(launch.runnerUp?.whyLost);
    expect(e.runnerUp?.whyLost.length).toBeGreaterThan(0);
    expect(e.launchStages.map((s) => s.count)).toEqual(launch.filtered.map((f) => f.remaining));
  });

  it('flags a spot price as an estimate when the catalog says it is one', () => {
    const base = catalogFromScenario([SMALL, LARGE], ['test-zone-1', 'test-zone-2', 'test-zone-3']);
    const catalog: Catalog = {
      ...base,
      instanceTypes: base.instanceTypes.map((it) => ({
        ...it,
        offerings: it.offerings.map((o) => ({ ...o, priceIsEstimate: o.capacityType === 'spot' })),
      })),
    };
    const r = run([nodePool('default'), deployment('app')], {}, { catalog });
    const e = nodeOf(r);
    expect(e.chosen?.capacityType).toBe('spot');
    expect(e.chosen?.priceIsEstimate).toBe(true);
    expect(e.chosen?.price).toMatch(/\(estimate\)$/);
    expect(e.facts.find((f) => f.label === 'Price')?.note).toMatch(/estimate/);
  });
});

describe('explainNode › what is on it', () => {
  it('lists its pods and compares requested with allocatable', () => {
    const r = threePodsOnOneNode();
    const e = nodeOf(r);
    expect(e.pods).toHaveLength(3);
    const cpu = e.resources.find((x) => x.resource === 'cpu');
    expect(cpu?.requested).toBe(3000);
    expect(cpu?.text).toMatch(/^3 of [\d.]+ CPU \(\d+%\)$/);
    expect(e.facts.map((f) => f.label)).toEqual(
      expect.arrayContaining([
        'Instance type',
        'Capacity type',
        'Zone',
        'Arch',
        'Price',
        'NodePool',
      ]),
    );
  });

  it('orders the NodeClaim lifecycle: created, launched, registered, initialized', () => {
    const e = nodeOf(threePodsOnOneNode());
    expect(e.lifecycle.map((m) => m.label)).toEqual([
      'Created',
      'Launched',
      'Registered',
      'Initialized',
    ]);
  });

  it('adds deleting and deleted once the node is removed', () => {
    // Same input and seed → same names: learn the NodeClaim's name, then delete it in a second run.
    const name = firstEvent(run([nodePool('default'), deployment('app')]), 'nodeclaim.created')
      .nodeClaim.name;
    const r = run([nodePool('default'), deployment('app')], {
      actions: [{ at: '2m', run: `kubectl delete nodeclaim ${name}` }],
    });
    const deleting = r.timeline.events.find((e) => e.type === 'nodeclaim.deleting');
    if (!deleting) return expect.fail('fixture: the action did not delete the NodeClaim');
    const e = explainNode(
      r.timeline,
      r.timeline.end,
      firstEvent(r, 'nodeclaim.created').nodeClaim.name,
    );
    expect(e?.lifecycle.map((m) => m.label)).toEqual(
      expect.arrayContaining(['Deleting', 'Deleted']),
    );
  });

  // A reviewer scrubbed past a node's deletion: Details still gave its allocatable and use, and
  // only the Lifecycle's last line said Deleted.
  it('says a node is gone once scrubbed past its deletion, with no live figures', () => {
    const name = firstEvent(run([nodePool('default'), deployment('app')]), 'nodeclaim.created')
      .nodeClaim.name;
    const r = run([nodePool('default'), deployment('app')], {
      actions: [{ at: '2m', run: `kubectl delete nodeclaim ${name}` }],
    });
    const node = firstEvent(r, 'node.registered').node.name;
    const deleted = r.timeline.events.find((e) => e.type === 'nodeclaim.deleted');
    if (!deleted) return expect.fail('fixture: the node was not deleted');
    const before = explainNode(r.timeline, deleted.t - 1, node);
    expect(before?.gone).toBeUndefined();
    expect(before?.facts.map((f) => f.label)).toContain('Allocatable');
    const after = explainNode(r.timeline, r.timeline.end, node);
    expect(after?.gone).toMatchObject({
      label: 'Deleted',
      at: deleted.t,
      text: `Deleted at ${clock(deleted.t)}`,
    });
    expect(after?.facts.map((f) => f.label)).not.toContain('Allocatable');
    expect(after?.resources).toEqual([]);
  });

  it('explains a NodeClaim still in flight, before its node exists', () => {
    const r = threePodsOnOneNode();
    const created = firstEvent(r, 'nodeclaim.created');
    const e = explainNode(r.timeline, created.t, created.nodeClaim.name);
    expect(e?.node).toBeUndefined();
    expect(e?.state).toBe('Pending');
    expect(e?.pods).toHaveLength(3);
    expect(e?.funnelSentence).toMatch(/not launched yet$/);
  });

  it('explains a workspace node without a funnel, and says why', () => {
    const node = existingNode('ip-10-0-0-1.ec2.internal', {
      'kubernetes.io/arch': 'amd64',
      'node.kubernetes.io/instance-type': 'large',
    });
    const r = run([nodePool('default'), node]);
    const e = explainNode(r.timeline, r.timeline.end, 'ip-10-0-0-1.ec2.internal');
    expect(e?.funnel).toEqual([]);
    expect(e?.notes.join(' ')).toMatch(/workspace/);
    expect(e?.disruption.blockers[0]).toMatch(/not managed by Karpenter/);
  });

  it('returns undefined for an unknown node', () => {
    expect(explainNode(threePodsOnOneNode().timeline, 0, 'nope')).toBeUndefined();
  });
});

describe('explainNode › consolidation status', () => {
  it('is marked as derived and lists the NodePool policy facts', () => {
    const e = nodeOf(threePodsOnOneNode());
    expect(e.disruption.source).toBe('derived');
    expect(e.disruption.facts.find((f) => f.label === 'Consolidation policy')?.value).toBe(
      'WhenEmptyOrUnderutilized',
    );
  });

  it('names a pod with karpenter.sh/do-not-disrupt as a blocker', () => {
    const app = withPodAnnotations(deployment('app'), { 'karpenter.sh/do-not-disrupt': 'true' });
    const e = nodeOf(run([nodePool('default'), app]));
    expect(e.disruption.blockers.some((b) => b.includes('do-not-disrupt'))).toBe(true);
    expect(e.disruption.headline).toMatch(/^Not a consolidation candidate/);
  });

  it('says consolidation is disabled with consolidateAfter: Never', () => {
    const np = nodePool('default', {}, { disruption: { consolidateAfter: 'Never' } });
    const e = nodeOf(run([np, deployment('app')]));
    expect(e.disruption.blockers).toContain(
      'NodePool "default" has consolidation disabled (consolidateAfter: Never)',
    );
  });

  it('uses the disruption simulator’s verdict when one is given', () => {
    const r = threePodsOnOneNode();
    const name = firstEvent(r, 'node.registered').node.name;
    const e = explainNode(r.timeline, r.timeline.end, name, {
      disruption: (_s, node) => ({ headline: `verdict for ${node}`, blockers: [] }),
    });
    expect(e?.disruption).toMatchObject({ source: 'disruption', headline: `verdict for ${name}` });
  });

  // A reviewer saw "Its pods last changed 15s ago; it becomes consolidatable in 15s" beside
  // "Consolidatable: yes, since 1m13s (approximated from bind times…)": a pod had left since.
  it('takes the controller’s countdown for when the node becomes consolidatable, not an estimate', () => {
    const r = threePodsOnOneNode();
    const name = firstEvent(r, 'node.registered').node.name;
    const end = r.timeline.end;
    const e = explainNode(r.timeline, end, name, {
      disruption: () => ({
        headline: `Its pods last changed 15s ago; it becomes consolidatable in 15s (consolidateAfter: 30s).`,
        blockers: [],
        state: 'waiting',
        until: end + 15_000,
      }),
    });
    const facts = e?.disruption.facts ?? [];
    expect(facts.map((f) => f.label)).not.toContain('Consolidatable');
    expect(facts).toContainEqual({ label: 'Countdown ends', value: clock(end + 15_000) });
  });

  it('adds no estimate beside the controller’s word that the node is not consolidated', () => {
    const r = threePodsOnOneNode();
    const name = firstEvent(r, 'node.registered').node.name;
    const e = explainNode(r.timeline, r.timeline.end, name, {
      disruption: () => ({
        headline: 'Its NodePool only removes empty nodes (consolidationPolicy: WhenEmpty).',
        blockers: [],
        state: 'disabled',
      }),
    });
    expect(e?.disruption.facts.map((f) => f.label)).not.toContain('Consolidatable');
  });

  it('shows the disruption controller’s last verdict at the end of the run, derived facts before', () => {
    const ctrl = karpenterDisruption();
    const app = withPodAnnotations(deployment('app'), { 'karpenter.sh/do-not-disrupt': 'true' });
    const r = run([nodePool('default'), app], { until: '5m' }, { disruption: ctrl });
    const name = firstEvent(r, 'node.registered').node.name;
    const verdict = ctrl.explanations.get(name);
    if (!verdict) return expect.fail('fixture: the controller has no verdict for the node');
    const opts = { disruption: disruptionFromController(ctrl.explanations, r.timeline.end) };
    const atEnd = explainNode(r.timeline, r.timeline.end, name, opts);
    expect(atEnd?.disruption).toMatchObject({
      source: 'disruption',
      headline: verdict.sentence,
      state: verdict.state,
    });
    expect(atEnd?.disruption.events.map((e) => e.reason)).toContain('DisruptionBlocked');
    const earlier = explainNode(r.timeline, r.timeline.end - 1, name, opts);
    expect(earlier?.disruption.source).toBe('derived');
  });
});
