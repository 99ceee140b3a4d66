// Spot interruptions through the real engine (issue 4 item 8, reference §4.2–4.3): the console /
// timeline `interrupt` action and the optional seeded model.
import { describe, expect, it } from 'vitest';
import { ec2Catalog } from '../catalog/index.ts';
import { LABEL } from '../labels.ts';
import { hourlyHazard, HOURS_PER_MONTH, INTERRUPTION_MODEL_NOTE } from './interruptionModel.ts';
import { simulate } from './simulate.ts';
import { deployment, fakeType, nodePool, scenario } from './testing.ts';
import type { Timeline } from './timeline.ts';

const S = 1000;
const spotOnly = [
  fakeType('small', 2, 4, { capacityTypes: ['spot'] }),
  fakeType('large', 8, 32, { capacityTypes: ['spot'] }),
];

const k8s = (tl: Timeline, reason: string) =>
  tl.events.flatMap((e) =>
    e.type === 'k8s' && e.event.reason === reason
      ? [{ t: e.t, object: e.event.object, message: e.event.message }]
      : [],
  );

describe('spot interruption › the interrupt action', () => {
  const objects = (actions: { at: string; interrupt: { node: string } }[]) => [
    scenario({ instanceTypes: spotOnly, actions }),
    nodePool('default'),
    deployment('inflate', { replicas: 1 }),
  ];
  const node = [...simulate({ objects: objects([]) }).final.nodes.keys()][0] ?? '';
  const tl = simulate({ objects: objects([{ at: '2m', interrupt: { node } }]) });
  const before = [...simulate({ objects: objects([]) }).final.nodes.values()][0];

  it('gives a 2-minute notice and reclaims the instance when it runs out', () => {
    // interruption/events.go: the warning on the NodeClaim and the Node, then the deletion.
    expect(k8s(tl, 'SpotInterrupted').map((e) => [e.t, e.object.split('/')[0]])).toEqual([
      [120 * S, 'nodeclaim'],
      [120 * S, 'node'],
    ]);
    expect(k8s(tl, 'TerminatingOnInterruption').map((e) => e.message)).toEqual([
      'Interruption triggered termination for the NodeClaim',
      'Interruption triggered termination for the Node',
    ]);
    expect(k8s(tl, 'DisruptionTerminating')).toHaveLength(0);
    const rec = tl.final.nodes.get(node);
    expect(rec?.reclaimAt).toBe(240 * S);
    expect(rec?.terminatedAt).toBeLessThanOrEqual(240 * S);
  });

  it('marks (spot, type, zone) unavailable for 3 minutes', () => {
    const marked = tl.events.find((e) => e.type === 'offering.unavailable');
    expect(marked).toMatchObject({
      t: 120 * S,
      offering: `spot:${before?.instanceType ?? ''}:${before?.zone ?? ''}`,
      until: 300 * S,
    });
    expect(tl.events.some((e) => e.type === 'offering.available' && e.t === 300 * S)).toBe(true);
  });

  it('cordons (disrupted taint) and drains the node at once', () => {
    const tainted = tl.events.find(
      (e) =>
        e.type === 'node.updated' &&
        e.node === node &&
        (e.patch.taints ?? []).some((t) => t.key === 'karpenter.sh/disrupted'),
    );
    expect(tainted?.t).toBe(120 * S);
    expect(k8s(tl, 'Evicted')[0]?.t).toBe(120 * S);
  });

  it('provisions a replacement for the evicted pod on another offering before the notice runs out', () => {
    const replacement = tl.events.find((e) => e.type === 'nodeclaim.created' && e.t >= 120 * S);
    expect(replacement?.t).toBeLessThan(240 * S);
    const launched = tl.events.find(
      (e) =>
        e.type === 'nodeclaim.launched' &&
        replacement?.type === 'nodeclaim.created' &&
        e.nodeClaim === replacement.nodeClaim.name,
    );
    const l = launched?.type === 'nodeclaim.launched' ? launched.launch : undefined;
    expect(`${l?.instanceType ?? ''}:${l?.zone ?? ''}`).not.toBe(
      `${before?.instanceType ?? ''}:${before?.zone ?? ''}`,
    );
    const pods = [...tl.final.pods.values()];
    expect(pods).toHaveLength(1);
    expect(pods[0]?.phase).toBe('Running');
    expect(pods[0]?.nodeName).not.toBe(node);
  });
});

describe('spot interruption › the optional seeded model', () => {
  it('turns the Spot Advisor bucket midpoint into an hourly hazard that compounds back to the monthly rate', () => {
    const monthly = [0.025, 0.075, 0.125, 0.175, 0.25];
    monthly.forEach((p, bucket) => {
      const h = hourlyHazard(bucket) ?? NaN;
      expect(1 - (1 - h) ** HOURS_PER_MONTH).toBeCloseTo(p, 12);
    });
    expect(hourlyHazard(undefined)).toBeUndefined();
    expect(hourlyHazard(9)).toBeUndefined();
  });

  // A 2-vCPU spot type in the worst bucket (">20%"), one replica per node.
  const risky = ec2Catalog().instanceTypes.find(
    (t) =>
      t.interruptionBucket === 4 &&
      t.capacity['cpu'] === 2000 &&
      !t.exotic &&
      t.offerings.some((o) => o.capacityType === 'spot' && o.available),
  );
  const run = (interruptionModel: boolean) =>
    simulate({
      objects: [
        scenario({ karpenter: { interruptionModel }, until: '96h' }),
        nodePool('default', {
          requirements: [
            { key: LABEL.instanceType, operator: 'In', values: [risky?.name ?? ''] },
            { key: LABEL.capacityType, operator: 'In', values: ['spot'] },
          ],
        }),
        deployment('inflate', { replicas: 100, cpu: '1500m' }),
      ],
    });

  it('is off by default: no interruption ever happens on its own', () => {
    const tl = run(false);
    expect(k8s(tl, 'SpotInterrupted')).toHaveLength(0);
    expect(tl.assumptions).not.toContain(INTERRUPTION_MODEL_NOTE);
  });

  it('when enabled, interrupts spot nodes at the modelled rate, labelled as a model, and every pod survives', () => {
    const tl = run(true);
    const hits = k8s(tl, 'SpotInterruptionModelled');
    // 100 nodes × ~95 h × 0.039 %/h ≈ 3.7 expected; the seed fixes the draws.
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.length).toBeLessThan(10);
    expect(k8s(tl, 'SpotInterrupted').filter((e) => e.object.startsWith('node/'))).toHaveLength(
      hits.length,
    );
    expect(hits.every((e) => e.t % 3_600_000 === 0)).toBe(true);
    expect(tl.assumptions).toContain(INTERRUPTION_MODEL_NOTE);
    const pods = [...tl.final.pods.values()];
    expect(pods.filter((p) => p.phase === 'Running')).toHaveLength(100);
    expect(JSON.stringify(run(true).events)).toBe(JSON.stringify(tl.events));
  });
});
