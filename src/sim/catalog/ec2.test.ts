import { describe, expect, it } from 'vitest';
import { LABEL, WELL_KNOWN_LABELS } from '../labels.ts';
import { GiB, MiB, formatQuantity } from '../quantity.ts';
import { Requirements } from '../requirements.ts';
import { ec2Rows } from './ec2-data.ts';
import { ec2Catalog } from './ec2.ts';
import type { InstanceType } from './types.ts';

const catalog = ec2Catalog();
const byName = new Map(catalog.instanceTypes.map((it) => [it.name, it]));
const type = (name: string): InstanceType => {
  const it = byName.get(name);
  if (!it) throw new Error(`no ${name} in the catalog`);
  return it;
};
const alloc = (name: string, r: string) => formatQuantity(r, type(name).allocatable[r] ?? 0);

describe('ec2Catalog', () => {
  it('holds every priced us-east-1 type in three default zones', () => {
    expect(catalog.instanceTypes).toHaveLength(1345);
    expect(catalog.zones).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
  });

  it("computes allocatable cpu, memory and pods equal to Karpenter's published values for every type", () => {
    const mismatches = ec2Rows()
      .filter((row) => {
        const a = type(row.name).allocatable;
        return (
          a.cpu !== row.allocatableCpuMilli ||
          a.memory !== row.allocatableMemoryMiB * MiB ||
          a.pods !== row.maxPods
        );
      })
      .map((row) => row.name);
    expect(mismatches).toEqual([]);
  });

  describe('worked examples (§2)', () => {
    it('m5.large: 29 pods, 1930m cpu, 6903Mi memory, 17Gi storage', () => {
      expect(alloc('m5.large', 'pods')).toBe('29');
      expect(alloc('m5.large', 'cpu')).toBe('1930m');
      expect(alloc('m5.large', 'memory')).toBe('6903Mi');
      expect(alloc('m5.large', 'ephemeral-storage')).toBe('17Gi');
      expect(type('m5.large').capacity.memory).toBe(7577 * MiB);
    });

    it('m6g.large (Graviton) loses 64 MiB of CMA memory first: 6844Mi', () => {
      expect(type('m6g.large').capacity.memory).toBe(7518 * MiB);
      expect(alloc('m6g.large', 'memory')).toBe('6844Mi');
    });

    it('m5.xlarge reserves 80m cpu and 893Mi memory for the kubelet (plus 100Mi eviction)', () => {
      const o = type('m5.xlarge').overhead;
      expect(o.cpu).toBe(80);
      expect(o.memory).toBe((893 + 100) * MiB);
    });

    it('c5.4xlarge: 234 pods, 15890m cpu, 27381Mi memory', () => {
      expect(alloc('c5.4xlarge', 'pods')).toBe('234');
      expect(alloc('c5.4xlarge', 'cpu')).toBe('15890m');
      expect(alloc('c5.4xlarge', 'memory')).toBe('27381Mi');
    });

    it('t3.large defaults to 35 pods from its network interfaces', () => {
      expect(type('t3.large').capacity.pods).toBe(35);
    });
  });

  it('applies kubelet maxPods and podsPerCore to pods but keeps ENI-based kube-reserved memory (AL2023)', () => {
    const it = ec2Catalog({ kubelet: { maxPods: 110 } }).instanceTypes.find(
      (t) => t.name === 'm5.large',
    );
    expect(it?.capacity.pods).toBe(110);
    expect(it?.overhead.memory).toBe(type('m5.large').overhead.memory);
    const ppc = ec2Catalog({ kubelet: { podsPerCore: 4 } }).instanceTypes.find(
      (t) => t.name === 'm5.large',
    );
    expect(ppc?.capacity.pods).toBe(8);
  });

  it('honours kubeReserved, systemReserved and evictionHard overrides', () => {
    const it = ec2Catalog({
      kubelet: {
        kubeReserved: { cpu: '200m' },
        systemReserved: { memory: '1Gi' },
        evictionHard: { 'memory.available': '5%', 'nodefs.available': '100%' },
      },
    }).instanceTypes.find((t) => t.name === 'm5.large');
    expect(it?.overhead.cpu).toBe(200);
    expect(it?.overhead.memory).toBe(574 * MiB + GiB + Math.ceil(7577 * MiB * 0.05));
    expect(it?.overhead['ephemeral-storage']).toBe(GiB);
  });

  it("labels each type with Karpenter's well-known AWS labels", () => {
    const labels = type('m5.large').requirements.labels();
    expect(labels).toMatchObject({
      [LABEL.instanceType]: 'm5.large',
      [LABEL.arch]: 'amd64',
      [LABEL.os]: 'linux',
      [LABEL.region]: 'us-east-1',
      [LABEL.instanceCategory]: 'm',
      [LABEL.instanceFamily]: 'm5',
      [LABEL.instanceGeneration]: '5',
      [LABEL.instanceSize]: 'large',
      [LABEL.instanceCpu]: '2',
      [LABEL.instanceMemory]: '8192',
      [LABEL.instanceCpuManufacturer]: 'intel',
      [LABEL.instanceHypervisor]: 'nitro',
      [LABEL.instanceNetworkBandwidth]: '750',
    });
    expect(type('m5.large').requirements.get(LABEL.zone).sortedValues()).toEqual(catalog.zones);
    expect(type('m5.large').requirements.get(LABEL.instanceGpuCount).operator()).toBe(
      'DoesNotExist',
    );
  });

  it('lets a NodePool select by generation bounds and GPU labels', () => {
    const gt5 = Requirements.from([
      { key: LABEL.instanceGeneration, operator: 'Gt', values: ['5'] },
    ]);
    const fits = (name: string, r: Requirements) =>
      type(name).requirements.compatible(r, WELL_KNOWN_LABELS) === undefined;
    expect(fits('m6i.large', gt5)).toBe(true);
    expect(fits('m5.large', gt5)).toBe(false);
    const gpu = Requirements.from([{ key: LABEL.instanceGpuCount, operator: 'Exists' }]);
    expect(fits('g5.xlarge', gpu)).toBe(true);
    expect(fits('m5.large', gpu)).toBe(false);
    expect(type('g5.xlarge').capacity['nvidia.com/gpu']).toBe(1);
    expect(type('p4d.24xlarge').capacity['nvidia.com/gpu']).toBe(8);
    expect(type('inf2.xlarge').capacity['aws.amazon.com/neuron']).toBe(1);
  });

  it('marks metal, GPU and accelerator types exotic', () => {
    expect(type('m5.metal').exotic).toBe(true);
    expect(type('g5.xlarge').exotic).toBe(true);
    expect(type('inf2.xlarge').exotic).toBe(true);
    expect(type('m5.large').exotic).toBe(false);
  });

  it('offers on-demand at the us-east-1 price and spot at an estimated discount in every zone', () => {
    const offers = type('m5.large').offerings;
    expect(offers).toHaveLength(6);
    const od = offers.find((o) => o.capacityType === 'on-demand' && o.zone === 'us-east-1b');
    const spot = offers.find((o) => o.capacityType === 'spot' && o.zone === 'us-east-1b');
    expect(od).toMatchObject({ price: 0.096, priceIsEstimate: false, available: true });
    // Spot Advisor: 66 % savings for m5.large.
    expect(spot?.price).toBeCloseTo(0.096 * 0.34, 6);
    expect(spot?.priceIsEstimate).toBe(true);
    expect(type('m5.large').interruptionBucket).toBe(3);
  });

  it('offers no spot where the Spot Advisor shows no saving', () => {
    expect(type('a1.medium').offerings.every((o) => o.capacityType === 'on-demand')).toBe(true);
    expect(type('a1.medium').requirements.get(LABEL.capacityType).sortedValues()).toEqual([
      'on-demand',
    ]);
  });

  it('prices other regions from the November 2022 regional file, never from us-east-1', () => {
    const eu = ec2Catalog({ region: 'eu-west-1' });
    const m5 = eu.instanceTypes.find((t) => t.name === 'm5.large');
    expect(m5?.offerings.find((o) => o.capacityType === 'on-demand')?.price).toBe(0.107);
    expect(m5?.offerings.map((o) => o.zone)).toContain('eu-west-1b');
    expect(m5?.requirements.get(LABEL.region).sortedValues()).toEqual(['eu-west-1']);
    // Families launched after November 2022 have no eu-west-1 price: not offered, not estimated.
    expect(eu.instanceTypes.some((t) => t.name.startsWith('m7i.'))).toBe(false);
    expect(catalog.instanceTypes.some((t) => t.name.startsWith('m7i.'))).toBe(true);
    expect(eu.priceNote).toMatch(/eu-west-1 on-demand prices are from 2022-11-22/);
    expect(eu.instanceTypes.length).toBeGreaterThan(500);
  });

  it('returns an empty catalog with a reason for a region without prices', () => {
    const mx = ec2Catalog({ region: 'mx-central-1' });
    expect(mx.instanceTypes).toEqual([]);
    expect(mx.emptyReason).toMatch(
      /no EC2 prices for region mx-central-1: the lab has prices for us-east-1 and .*eu-west-1/,
    );
  });

  it('uses the configured zones and memoizes per configuration', () => {
    const two = ec2Catalog({ zones: ['us-east-1a', 'us-east-1d'] });
    expect(two.instanceTypes[0]?.offerings.map((o) => o.zone)).toContain('us-east-1d');
    expect(ec2Catalog()).toBe(catalog);
  });
});
