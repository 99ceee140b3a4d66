// Builders mirroring Karpenter's fake cloud provider (§6.2; kubernetes-sigs/karpenter
// pkg/cloudprovider/fake), so upstream test cases can be replayed with the same catalog, the same
// labels and the same prices. Test-only in spirit, but pure and cheap, so labs may use them too.

import { LABEL, WELL_KNOWN_LABELS } from '../labels.ts';
import { GiB, parseResourceList } from '../quantity.ts';
import type { Resources } from '../quantity.ts';
import type { Requirement } from '../requirements.ts';
import { Requirements } from '../requirements.ts';
import { TEST_ZONES, fakePrice } from './scenario.ts';
import type { Catalog, CapacityType, InstanceType, OfferingSpec } from './types.ts';
import { makeInstanceType, makeOffering } from './types.ts';

/** The fake provider's own labels. */
export const FAKE_LABEL = { size: 'size', special: 'special', integer: 'integer' } as const;
export const FAKE_GPU_A = 'fake.com/vendor-a';
export const FAKE_GPU_B = 'fake.com/vendor-b';

/** Upstream registers the fake labels as well known while its tests run; pass this set instead of
 *  WELL_KNOWN_LABELS to compatible() when replaying those tests. */
export const FAKE_WELL_KNOWN_LABELS: ReadonlySet<string> = new Set([
  ...WELL_KNOWN_LABELS,
  ...Object.values(FAKE_LABEL),
]);

export interface FakeInstanceTypeOptions {
  name: string;
  /** Quantities as in a pod spec; defaults cpu "4", memory "4Gi", pods 5 (when absent or zero). */
  resources?: Record<string, string | number>;
  arch?: string;
  os?: string[];
  /** Defaults to spot in test-zone-1/2 and on-demand in test-zone-1/2/3, all at the fake price. */
  offerings?: (Omit<OfferingSpec, 'price'> & { price?: number })[];
  /** An extra requirement added to the type's own (NewInstanceTypeWithCustomRequirement). */
  customRequirement?: Requirement;
}

const DEFAULTS: Resources = { cpu: 4000, memory: 4 * GiB, pods: 5 };

export function fakeInstanceType(opts: FakeInstanceTypeOptions): InstanceType {
  const given = parseResourceList(opts.resources);
  const capacity: Record<string, number> = { ...given };
  for (const [k, v] of Object.entries(DEFAULTS)) if (!capacity[k]) capacity[k] = v;
  const price = fakePrice(capacity);
  const specs: OfferingSpec[] = opts.offerings?.map((o) => ({ ...o, price: o.price ?? price })) ?? [
    { zone: 'test-zone-1', capacityType: 'spot', price },
    { zone: 'test-zone-2', capacityType: 'spot', price },
    { zone: 'test-zone-1', capacityType: 'on-demand', price },
    { zone: 'test-zone-2', capacityType: 'on-demand', price },
    { zone: 'test-zone-3', capacityType: 'on-demand', price },
  ];
  const cpu = capacity.cpu ?? 0;
  const large = cpu > 4000 && (capacity.memory ?? 0) > 8 * GiB;
  const requirements = Requirements.from([
    { key: LABEL.arch, operator: 'In', values: [opts.arch ?? 'amd64'] },
    {
      key: LABEL.os,
      operator: 'In',
      values: [...(opts.os ?? ['linux', 'windows', 'darwin'])].sort(),
    },
    { key: FAKE_LABEL.size, operator: 'In', values: [large ? 'large' : 'small'] },
    large
      ? { key: FAKE_LABEL.special, operator: 'In', values: ['optional'] }
      : { key: FAKE_LABEL.special, operator: 'DoesNotExist' },
    // Upstream prints cpu.Value(), i.e. whole cores rounded up.
    { key: FAKE_LABEL.integer, operator: 'In', values: [String(Math.ceil(cpu / 1000))] },
  ]);
  if (opts.customRequirement) requirements.add(opts.customRequirement);
  return makeInstanceType({
    name: opts.name,
    requirements,
    capacity,
    overhead: { cpu: 100, memory: 10 * 1024 * 1024 },
    offerings: specs.map(makeOffering),
  });
}

function fakeCatalog(instanceTypes: InstanceType[], source: string): Catalog {
  return { region: 'fake', zones: [...TEST_ZONES], instanceTypes, source };
}

/** The six types the fake provider returns when a test sets none. */
export function defaultFakeInstanceTypes(): InstanceType[] {
  return [
    fakeInstanceType({ name: 'default-instance-type' }),
    fakeInstanceType({ name: 'small-instance-type', resources: { cpu: '2', memory: '2Gi' } }),
    fakeInstanceType({ name: 'gpu-vendor-instance-type', resources: { [FAKE_GPU_A]: '2' } }),
    fakeInstanceType({ name: 'gpu-vendor-b-instance-type', resources: { [FAKE_GPU_B]: '2' } }),
    fakeInstanceType({
      name: 'arm-instance-type',
      arch: 'arm64',
      os: ['ios', 'linux', 'windows', 'darwin'],
      resources: { cpu: '16', memory: '128Gi' },
    }),
    fakeInstanceType({ name: 'single-pod-instance-type', resources: { pods: '1' } }),
  ];
}

export function defaultFakeCatalog(): Catalog {
  return fakeCatalog(defaultFakeInstanceTypes(), 'Karpenter fake cloud provider (default types)');
}

/** fake-it-0 … fake-it-(n−1): i+1 vCPU, 2(i+1) Gi, 10(i+1) pods. */
export function fakeInstanceTypes(n: number): InstanceType[] {
  return Array.from({ length: n }, (_, i) =>
    fakeInstanceType({
      name: `fake-it-${i}`,
      resources: { cpu: String(i + 1), memory: `${(i + 1) * 2}Gi`, pods: String((i + 1) * 10) },
    }),
  );
}

/** 7 cpu × 8 memory × 3 zones × 2 capacity types × 2 OS × 2 arch = 1344 types, one offering each. */
export function instanceTypesAssorted(): InstanceType[] {
  const out: InstanceType[] = [];
  for (const cpu of [1, 2, 4, 8, 16, 32, 64]) {
    for (const mem of [1, 2, 4, 8, 16, 32, 64, 128]) {
      for (const zone of TEST_ZONES) {
        for (const capacityType of ['spot', 'on-demand'] as CapacityType[]) {
          for (const os of ['linux', 'windows']) {
            for (const arch of ['amd64', 'arm64']) {
              out.push(
                fakeInstanceType({
                  name: `${cpu}-cpu-${mem}-mem-${arch}-${os}-${zone}-${capacityType}`,
                  arch,
                  os: [os],
                  resources: { cpu: String(cpu), memory: `${mem}Gi` },
                  offerings: [{ zone, capacityType }],
                }),
              );
            }
          }
        }
      }
    }
  }
  return out;
}
