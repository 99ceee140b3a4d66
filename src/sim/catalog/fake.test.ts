import { describe, expect, it } from 'vitest';
import { LABEL } from '../labels.ts';
import { GiB } from '../quantity.ts';
import { Requirement } from '../requirements.ts';
import {
  FAKE_LABEL,
  defaultFakeCatalog,
  fakeInstanceType,
  fakeInstanceTypes,
  instanceTypesAssorted,
} from './fake.ts';

const price = (name: string) =>
  defaultFakeCatalog().instanceTypes.find((it) => it.name === name)?.offerings[0]?.price;

describe("Karpenter's fake catalog (§6.2)", () => {
  it('prices types at $0.1/vCPU + $0.1/GB (+ $1 for a fake GPU)', () => {
    expect(price('default-instance-type')).toBeCloseTo(0.8295, 4);
    expect(price('small-instance-type')).toBeCloseTo(0.4147, 4);
    expect(price('gpu-vendor-instance-type')).toBeCloseTo(1.8295, 4);
    expect(price('gpu-vendor-b-instance-type')).toBeCloseTo(1.8295, 4);
    expect(price('arm-instance-type')).toBeCloseTo(15.344, 3);
    expect(price('single-pod-instance-type')).toBeCloseTo(0.8295, 4);
  });

  it('defaults to 4 cpu, 4Gi, 5 pods, amd64 and five offerings with 100m/10Mi overhead', () => {
    const it = fakeInstanceType({ name: 'x' });
    expect(it.capacity).toEqual({ cpu: 4000, memory: 4 * GiB, pods: 5 });
    expect(it.allocatable).toEqual({ cpu: 3900, memory: 4 * GiB - 10 * 1024 * 1024, pods: 5 });
    expect(it.offerings.map((o) => `${o.capacityType}/${o.zone}`)).toEqual([
      'spot/test-zone-1',
      'spot/test-zone-2',
      'on-demand/test-zone-1',
      'on-demand/test-zone-2',
      'on-demand/test-zone-3',
    ]);
    expect(it.requirements.get(LABEL.os).sortedValues()).toEqual(['darwin', 'linux', 'windows']);
  });

  it('labels size=large and special=optional only above 4 cpu and 8Gi', () => {
    const arm = defaultFakeCatalog().instanceTypes.find((it) => it.name === 'arm-instance-type');
    expect(arm?.requirements.labels()).toMatchObject({
      size: 'large',
      special: 'optional',
      integer: '16',
    });
    const small = fakeInstanceType({ name: 's', resources: { cpu: '8', memory: '8Gi' } });
    expect(small.requirements.get(FAKE_LABEL.size).sortedValues()).toEqual(['small']);
    expect(small.requirements.get(FAKE_LABEL.special).operator()).toBe('DoesNotExist');
  });

  it('takes zone and capacity-type labels from available offerings only', () => {
    const it = fakeInstanceType({
      name: 'x',
      offerings: [
        { zone: 'test-zone-1', capacityType: 'spot', available: false },
        { zone: 'test-zone-2', capacityType: 'on-demand' },
      ],
    });
    expect(it.requirements.get(LABEL.zone).sortedValues()).toEqual(['test-zone-2']);
    expect(it.requirements.get(LABEL.capacityType).sortedValues()).toEqual(['on-demand']);
  });

  it('adds a custom requirement', () => {
    const it = fakeInstanceType({
      name: 'x',
      customRequirement: Requirement.of({ key: 'team', operator: 'In', values: ['a'] }),
    });
    expect(it.requirements.labels()['team']).toBe('a');
  });

  it('builds fake-it-i with i+1 cpu, 2(i+1)Gi and 10(i+1) pods at ≈ 0.3147·(i+1)', () => {
    const its = fakeInstanceTypes(4);
    expect(its.map((it) => it.name)).toEqual(['fake-it-0', 'fake-it-1', 'fake-it-2', 'fake-it-3']);
    expect(its[2]?.capacity).toEqual({ cpu: 3000, memory: 6 * GiB, pods: 30 });
    its.forEach((it, i) => expect(it.offerings[0]?.price).toBeCloseTo(0.3147 * (i + 1), 3));
  });

  it('builds 1344 assorted types with unique names and one offering each', () => {
    const its = instanceTypesAssorted();
    expect(its).toHaveLength(1344);
    expect(new Set(its.map((it) => it.name)).size).toBe(1344);
    expect(its.every((it) => it.offerings.length === 1)).toBe(true);
    expect(its[0]?.name).toBe('1-cpu-1-mem-amd64-linux-test-zone-1-spot');
  });
});
