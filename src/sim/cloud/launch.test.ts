import { describe, expect, it } from 'vitest';
import type { NodeSelectorRequirementWithMinValues } from '../k8s.ts';
import { ec2Catalog } from '../catalog/ec2.ts';
import { fakeInstanceType } from '../catalog/fake.ts';
import type { FakeInstanceTypeOptions } from '../catalog/fake.ts';
import type { CapacityType, InstanceType } from '../catalog/types.ts';
import { makeInstanceType } from '../catalog/types.ts';
import { LABEL } from '../labels.ts';
import { mulberry32 } from '../random.ts';
import { Requirements } from '../requirements.ts';
import { UnavailableOfferings } from './ice.ts';
import { INSUFFICIENT_CAPACITY, launch } from './launch.ts';
import type { LaunchContext, LaunchRequest } from './launch.ts';

const ZONES = ['test-zone-1', 'test-zone-2', 'test-zone-3'];
const both: NodeSelectorRequirementWithMinValues = {
  key: LABEL.capacityType,
  operator: 'In',
  values: ['spot', 'on-demand'],
};

/** A type offered in every test zone at the given prices per capacity type. */
function priced(
  name: string,
  prices: Partial<Record<CapacityType, number>>,
  extra: Partial<FakeInstanceTypeOptions> = {},
) {
  return fakeInstanceType({
    name,
    offerings: Object.entries(prices).flatMap(([ct, price]) =>
      ZONES.map((zone) => ({ zone, capacityType: ct as CapacityType, price })),
    ),
    ...extra,
  });
}

function exotic(it: InstanceType, interruptionBucket?: number): InstanceType {
  return makeInstanceType({
    name: it.name,
    requirements: it.requirements,
    capacity: it.capacity,
    overhead: it.overhead,
    offerings: it.offerings,
    exotic: true,
    ...(interruptionBucket === undefined ? {} : { interruptionBucket }),
  });
}

function withBucket(it: InstanceType, interruptionBucket: number): InstanceType {
  return { ...it, interruptionBucket };
}

function request(
  instanceTypes: InstanceType[],
  reqs: NodeSelectorRequirementWithMinValues[] = [both],
  extra: Partial<LaunchRequest> = {},
): LaunchRequest {
  return {
    requirements: Requirements.from(reqs),
    instanceTypes,
    requests: { cpu: 1000 },
    minValuesUsed: false,
    ...extra,
  };
}

function context(extra: Partial<LaunchContext> = {}): LaunchContext {
  return {
    ice: new UnavailableOfferings(),
    now: 0,
    rng: mulberry32(1),
    spotStrategy: 'lowest-price',
    ...extra,
  };
}

function chosen(req: LaunchRequest, ctx = context()) {
  const r = launch(req, ctx);
  if (!r.ok) throw new Error(r.error);
  return r.decision;
}

describe('launch (AWS CreateFleet decision, §1.14)', () => {
  it('launches spot when both capacity types are allowed and spot is offered', () => {
    const d = chosen(request([priced('a', { spot: 0.3, 'on-demand': 0.5 })]));
    expect(d.offering.capacityType).toBe('spot');
  });

  it('launches reserved before spot', () => {
    const resv = priced('a', { reserved: 0.4, spot: 0.3, 'on-demand': 0.5 });
    const d = chosen(request([resv], [{ key: LABEL.capacityType, operator: 'Exists' }]));
    expect(d.offering.capacityType).toBe('reserved');
    expect(d.runnerUp?.whyLost).toMatch(/reserved is preferred over spot/);
  });

  it('launches the cheapest on-demand type when only on-demand is allowed', () => {
    const od: NodeSelectorRequirementWithMinValues = {
      key: LABEL.capacityType,
      operator: 'In',
      values: ['on-demand'],
    };
    const d = chosen(
      request(
        [priced('b', { spot: 0.1, 'on-demand': 0.6 }), priced('a', { 'on-demand': 0.5 })],
        [od],
      ),
    );
    expect(d.instanceType.name).toBe('a');
    expect(d.runnerUp).toMatchObject({ instanceType: { name: 'b' }, whyLost: '$0.6/h vs $0.5/h' });
  });

  it('drops types that are incompatible or too small', () => {
    const arm = priced('arm', { 'on-demand': 0.1 }, { arch: 'arm64' });
    const tiny = priced('tiny', { 'on-demand': 0.1 }, { resources: { cpu: '1' } });
    const ok = priced('ok', { 'on-demand': 0.9 });
    const d = chosen(
      request([arm, tiny, ok], [both, { key: LABEL.arch, operator: 'In', values: ['amd64'] }]),
    );
    expect(d.instanceType.name).toBe('ok');
    expect(d.filtered[1]).toEqual({ stage: 'compatible + available', remaining: 1 });
  });

  describe('exotic filter', () => {
    const metal = exotic(priced('cheap.metal', { 'on-demand': 0.1 }));
    const plain = priced('plain', { 'on-demand': 0.5 });

    it('avoids metal/GPU types while a plain type remains', () => {
      expect(chosen(request([metal, plain])).instanceType.name).toBe('plain');
    });

    it('uses exotic types when nothing else fits', () => {
      expect(chosen(request([metal])).instanceType.name).toBe('cheap.metal');
    });

    it('is skipped when the requirements carry minValues', () => {
      const d = chosen(request([metal, plain], [{ ...both, minValues: 1 }]));
      expect(d.instanceType.name).toBe('cheap.metal');
      expect(d.filtered.map((f) => f.stage)).toContain('exotic filter (skipped: minValues)');
    });
  });

  describe('spot price filter', () => {
    const dearSpot = priced('big', { spot: 0.5, 'on-demand': 1.2 });
    const cheapOd = priced('small', { 'on-demand': 0.3 });

    it('drops spot offerings dearer than the cheapest on-demand offering, so on-demand launches', () => {
      const d = chosen(request([dearSpot, cheapOd]));
      expect(d.instanceType.name).toBe('small');
      expect(d.offering.capacityType).toBe('on-demand');
      // big keeps its on-demand offerings, so it stays in the funnel.
      expect(d.filtered.find((f) => f.stage === 'spot price filter')?.remaining).toBe(2);
    });

    it('keeps spot offerings no dearer than the cheapest on-demand one, so spot launches', () => {
      const cheapSpot = priced('mid', { spot: 0.25, 'on-demand': 0.9 });
      const d = chosen(request([dearSpot, cheapSpot, cheapOd]));
      expect(d.offering).toMatchObject({ capacityType: 'spot', price: 0.25 });
      expect(d.instanceType.name).toBe('mid');
    });

    it('drops a type whose every offering is a spot offering dearer than on-demand', () => {
      const spotOnly = priced('spot-only', { spot: 0.6 });
      const d = chosen(request([spotOnly, dearSpot, cheapOd]));
      expect(d.filtered.find((f) => f.stage === 'compatible + available')?.remaining).toBe(3);
      expect(d.filtered.find((f) => f.stage === 'spot price filter')?.remaining).toBe(2);
      expect(d.instanceType.name).toBe('small');
    });

    it('is skipped when minValues is used', () => {
      const d = chosen(request([dearSpot, cheapOd], [both], { minValuesUsed: true }));
      expect(d.offering).toMatchObject({ capacityType: 'spot', price: 0.5 });
    });
  });

  it('sends at most 60 types, the cheapest, and reports the funnel', () => {
    const types = Array.from({ length: 100 }, (_, i) =>
      priced(`t${String(i).padStart(3, '0')}`, { 'on-demand': 1 + i / 100 }),
    );
    const d = chosen(request(types));
    expect(d.filtered).toEqual([
      { stage: 'instance types', remaining: 100 },
      { stage: 'compatible + available', remaining: 100 },
      { stage: 'exotic filter', remaining: 100 },
      { stage: 'spot price filter', remaining: 100 },
      { stage: 'truncate to 60 by price', remaining: 60 },
      { stage: 'capacity type on-demand', remaining: 60 },
    ]);
    expect(d.instanceType.name).toBe('t000');
  });

  describe('unavailable offerings', () => {
    const single = priced('a', { spot: 0.3 });

    it('skips ICE-marked zones and expires them after 3 minutes', () => {
      const ice = new UnavailableOfferings();
      ice.mark('spot', 'a', 'test-zone-1', 0);
      for (let seed = 0; seed < 20; seed++) {
        expect(
          chosen(request([single]), context({ ice, rng: mulberry32(seed) })).offering.zone,
        ).not.toBe('test-zone-1');
      }
      const zonesLater = new Set(
        Array.from(
          { length: 30 },
          (_, seed) =>
            chosen(request([single]), context({ ice, now: 180_000, rng: mulberry32(seed) }))
              .offering.zone,
        ),
      );
      expect(zonesLater.has('test-zone-1')).toBe(true);
    });

    it('fails with an insufficient-capacity error when every offering is unavailable', () => {
      const ice = new UnavailableOfferings();
      for (const z of ['test-zone-1', 'test-zone-2']) ice.mark('spot', 'a', z, 0);
      const one = priced('a', { spot: 0.3 }, {});
      const r = launch(
        request([{ ...one, offerings: one.offerings.filter((o) => o.zone !== 'test-zone-3') }]),
        context({ ice }),
      );
      expect(r).toEqual({ ok: false, error: INSUFFICIENT_CAPACITY });
    });
  });

  it('decides the same with one Requirements object reused across launches (kept per-type work)', () => {
    // The engine shares one Requirements object between NodeClaims with the same requirements,
    // and launch keeps per-type work on it: requests, ICE entries and prices of other launches
    // must not leak from one launch into the next.
    const types = [
      priced('small', { spot: 0.2, 'on-demand': 0.3 }, { resources: { cpu: '2' } }),
      priced('mid', { spot: 0.25, 'on-demand': 0.5 }, { resources: { cpu: '4' } }),
      priced('big', { spot: 0.45, 'on-demand': 0.9 }, { resources: { cpu: '8' } }),
      priced('arm', { 'on-demand': 0.1 }, { arch: 'arm64' }),
    ];
    const selectors = [both, { key: LABEL.arch, operator: 'In' as const, values: ['amd64'] }];
    const shared = Requirements.from(selectors);
    const ice = new UnavailableOfferings();
    const steps: [cpu: number, mark?: [string, string]][] = [
      [1000],
      [3000],
      [1000, ['small', 'test-zone-1']],
      [6000],
      [1000, ['small', 'test-zone-2']],
      [1000],
    ];
    steps.forEach(([cpu, mark], i) => {
      if (mark) ice.mark('spot', mark[0], mark[1], i);
      const run = (requirements: Requirements) =>
        launch(
          { requirements, instanceTypes: types, requests: { cpu }, minValuesUsed: false },
          context({ ice: ice.clone(), now: i, rng: mulberry32(i) }),
        );
      expect(run(shared), `launch ${i}`).toEqual(run(Requirements.from(selectors)));
    });
  });

  it('breaks zone ties with the seeded rng: same seed, same zone; seeds spread over zones', () => {
    const single = priced('a', { spot: 0.3 });
    const zoneFor = (seed: number) =>
      chosen(request([single]), context({ rng: mulberry32(seed) })).offering.zone;
    expect(zoneFor(7)).toBe(zoneFor(7));
    expect(new Set(Array.from({ length: 30 }, (_, s) => zoneFor(s))).size).toBe(3);
  });

  describe('spot strategy', () => {
    const cheapRisky = withBucket(priced('cheap-risky', { spot: 0.3, 'on-demand': 1 }), 4);
    const calm = withBucket(priced('calm', { spot: 0.33, 'on-demand': 1 }), 0);
    const farCalm = withBucket(priced('far-calm', { spot: 0.5, 'on-demand': 1 }), 0);

    it('lowest-price takes the cheapest spot pool', () => {
      const d = chosen(request([cheapRisky, calm]));
      expect(d.instanceType.name).toBe('cheap-risky');
      expect(d.runnerUp?.whyLost).toBe('$0.33/h vs $0.3/h');
    });

    it('the price-capacity-optimized model prefers a calmer pool priced near the cheapest', () => {
      const d = chosen(
        request([cheapRisky, calm, farCalm]),
        context({ spotStrategy: 'price-capacity-optimized' }),
      );
      expect(d.instanceType.name).toBe('calm');
      expect(d.runnerUp?.instanceType.name).toBe('cheap-risky');
      expect(d.runnerUp?.whyLost).toMatch(/interruption frequency >20% vs <5%/);
    });

    it('the price-capacity-optimized model ignores calm pools far above the cheapest', () => {
      const d = chosen(
        request([cheapRisky, farCalm]),
        context({ spotStrategy: 'price-capacity-optimized' }),
      );
      expect(d.instanceType.name).toBe('cheap-risky');
      expect(d.runnerUp?.whyLost).toMatch(/more than 25% above/);
    });
  });

  it('on the EC2 catalog picks the cheaper spot pool of m5.large and c5.large', () => {
    const types = ec2Catalog().instanceTypes.filter(
      (t) => t.name === 'm5.large' || t.name === 'c5.large',
    );
    const d = chosen(request(types, [both]));
    const spot = (name: string) =>
      types.find((t) => t.name === name)?.offerings.find((o) => o.capacityType === 'spot')?.price ??
      0;
    const cheaper = spot('m5.large') <= spot('c5.large') ? 'm5.large' : 'c5.large';
    expect(d.offering.capacityType).toBe('spot');
    expect(d.instanceType.name).toBe(cheaper);
    expect(d.offering.priceIsEstimate).toBe(true);
  });
});
