import { describe, expect, it } from 'vitest';
import type { ScenarioInstanceType } from '../k8s.ts';
import { LABEL } from '../labels.ts';
import { MiB } from '../quantity.ts';
import { Requirements } from '../requirements.ts';
import { defaultFakeInstanceTypes } from './fake.ts';
import { catalogFromScenario } from './scenario.ts';
import type { InstanceType } from './types.ts';

// The example from DESIGN.md.
const smallType: ScenarioInstanceType = {
  name: 'small-instance-type',
  cpu: '2',
  memory: '2Gi',
  pods: 5,
  arch: 'amd64',
  os: ['linux'],
  labels: { size: 'small' },
  resources: { 'nvidia.com/gpu': '1' },
  overhead: { cpu: '100m', memory: '10Mi' },
  offerings: [
    { zone: 'test-zone-1', capacityType: 'spot', price: 0.41 },
    { zone: 'test-zone-1', capacityType: 'on-demand', price: 0.41, available: true },
  ],
};

describe('catalogFromScenario', () => {
  it('turns spec.instanceTypes into instance types with allocatable = capacity − overhead', () => {
    const [it] = catalogFromScenario([smallType], ['test-zone-1', 'test-zone-2']).instanceTypes;
    expect(it?.capacity).toEqual({ cpu: 2000, memory: 2048 * MiB, pods: 5, 'nvidia.com/gpu': 1 });
    expect(it?.allocatable).toEqual({
      cpu: 1900,
      memory: 2038 * MiB,
      pods: 5,
      'nvidia.com/gpu': 1,
    });
    expect(it?.requirements.labels()).toMatchObject({
      [LABEL.instanceType]: 'small-instance-type',
      [LABEL.arch]: 'amd64',
      [LABEL.os]: 'linux',
      [LABEL.zone]: 'test-zone-1',
      size: 'small',
    });
    expect(it?.requirements.get(LABEL.capacityType).sortedValues()).toEqual(['on-demand', 'spot']);
    expect(it?.exotic).toBe(true);
  });

  it('offers spot and on-demand in every zone at the fake price when no offerings are given', () => {
    const c = catalogFromScenario([{ name: 't', cpu: 4, memory: '4Gi', pods: 5 }]);
    expect(c.zones).toEqual(['test-zone-1', 'test-zone-2', 'test-zone-3']);
    expect(c.instanceTypes[0]?.offerings).toHaveLength(6);
    expect(c.instanceTypes[0]?.offerings[0]?.price).toBeCloseTo(0.8295, 4);
  });

  it('throws a QuantityError naming the resource for a bad quantity', () => {
    expect(() => catalogFromScenario([{ name: 't', cpu: '2', memory: '2GB', pods: 1 }])).toThrow(
      /memory/,
    );
  });

  it('gives a type DoesNotExist for a label only other types of the scenario carry', () => {
    const c = catalogFromScenario([
      { name: 'plain', cpu: 1, memory: '1Gi', pods: 5 },
      { name: 'fancy', cpu: 1, memory: '1Gi', pods: 5, labels: { special: 'optional' } },
    ]);
    const wantsSpecial = Requirements.from([
      { key: 'special', operator: 'In', values: ['optional'] },
    ]);
    const names = c.instanceTypes.filter(
      (it) => it.requirements.intersects(wantsSpecial) === undefined,
    );
    expect(names.map((it) => it.name)).toEqual(['fancy']);
  });

  it("reproduces Karpenter's default fake catalog from a scenario document", () => {
    const asScenario = (it: InstanceType): ScenarioInstanceType => {
      const { cpu = 0, memory = 0, pods = 0, ...rest } = it.capacity;
      const labels = it.requirements.labels();
      return {
        name: it.name,
        cpu: `${cpu}m`,
        memory: String(memory),
        pods,
        arch: labels[LABEL.arch] ?? 'amd64',
        os: it.requirements.get(LABEL.os).sortedValues(),
        labels: Object.fromEntries(
          ['size', 'special', 'integer'].flatMap((k) => (labels[k] ? [[k, labels[k]]] : [])),
        ),
        resources: Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, String(v)])),
        overhead: { cpu: '100m', memory: '10Mi' },
        offerings: it.offerings.map((o) => ({
          zone: o.zone,
          capacityType: o.capacityType,
          price: o.price,
        })),
      };
    };
    const fake = defaultFakeInstanceTypes();
    const fromScenario = catalogFromScenario(fake.map(asScenario)).instanceTypes;
    fake.forEach((f, i) => {
      const s = fromScenario[i];
      expect(s?.requirements.toString()).toBe(f.requirements.toString());
      expect(s?.allocatable).toEqual(f.allocatable);
      expect(s?.offerings.map((o) => o.price)).toEqual(f.offerings.map((o) => o.price));
    });
  });
});
