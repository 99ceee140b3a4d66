// The EC2 catalog: 1,345 real instance types with Karpenter's labels, AL2023 allocatable (§2) and
// us-east-1 prices. Simplifications the UI must name: every type is offered in every configured
// zone; spot prices are estimates (on-demand × (1 − Spot Advisor savings)), equal in every zone;
// us-east-1 has 2026 prices, 22 other regions November 2022 prices (ec2-regional.ts), and any other
// region gets an empty catalog with a reason — never us-east-1's prices.

import type { KubeletConfiguration } from '../k8s.ts';
import { LABEL } from '../labels.ts';
import type { Resources } from '../quantity.ts';
import { Requirement, Requirements } from '../requirements.ts';
import { awsResources } from './allocatable.ts';
import { EC2_DATA_REGION, ec2Rows } from './ec2-data.ts';
import type { Ec2Row } from './ec2-data.ts';
import { PRICED_REGIONS, REGIONAL_PRICES_AS_OF, regionalRows } from './ec2-regional.ts';
import type { Catalog, InstanceType, Offering } from './types.ts';
import { makeInstanceType, makeOffering } from './types.ts';

export const DEFAULT_REGION = 'us-east-1';
export const DEFAULT_ZONES: Readonly<Record<string, readonly string[]>> = {
  'us-east-1': ['us-east-1a', 'us-east-1b', 'us-east-1c'],
  'us-west-2': ['us-west-2a', 'us-west-2b', 'us-west-2c'],
  'eu-west-1': ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
};

// NeuronCores per Neuron device, by family (EC2 NeuronInfo); Karpenter exposes devices × cores.
const NEURON_CORES_PER_DEVICE: Readonly<Record<string, number>> = {
  inf1: 4,
  inf2: 2,
  trn1: 2,
  trn1n: 2,
};

// Requirement objects are immutable, and the 1,345 types share few (key, value) pairs, so one
// object per pair serves them all: building each afresh was most of the catalog's cost (a Set per
// label per type) in every CLI run.
const labelRequirements = new Map<string, Map<string | null, Requirement>>();

function isIn(key: string, v: string | number | null | undefined): Requirement {
  const value = v === null || v === undefined ? null : String(v);
  let byValue = labelRequirements.get(key);
  if (!byValue) labelRequirements.set(key, (byValue = new Map()));
  let r = byValue.get(value);
  if (!r) {
    r =
      value === null
        ? Requirement.of({ key, operator: 'DoesNotExist' })
        : Requirement.of({ key, operator: 'In', values: [value] });
    byValue.set(value, r);
  }
  return r;
}

/** The well-known AWS labels of a type; absent facts are DoesNotExist, as upstream, so a pod that
 *  requires e.g. instance-gpu-count Exists never lands on a CPU-only type. */
export function ec2Requirements(row: Ec2Row, region: string): Requirements {
  const gpu = row.gpuName !== null;
  const accel = row.acceleratorName !== null;
  const r = new Requirements();
  r.add(
    isIn(LABEL.arch, row.arch),
    isIn(LABEL.os, 'linux'),
    isIn(LABEL.region, region),
    isIn(LABEL.windowsBuild, null),
    isIn(LABEL.instanceCategory, row.category),
    isIn(LABEL.instanceFamily, row.family),
    isIn(LABEL.instanceGeneration, row.generation),
    isIn(LABEL.instanceSize, row.size),
    isIn(LABEL.instanceCpu, row.vcpu),
    isIn(LABEL.instanceCpuManufacturer, row.cpuManufacturer),
    isIn(LABEL.instanceCpuSustainedClockSpeedMhz, row.cpuClockMHz),
    isIn(LABEL.instanceMemory, row.memoryMiB),
    isIn(LABEL.instanceNetworkBandwidth, row.networkBandwidthMbps),
    isIn(LABEL.instanceEbsBandwidth, row.ebsBandwidthMbps),
    // Bare metal has no hypervisor; upstream labels it with the empty string.
    isIn(LABEL.instanceHypervisor, row.hypervisor ?? ''),
    isIn(LABEL.instanceLocalNvme, row.localNvmeGiB),
    isIn(LABEL.instanceGpuName, row.gpuName),
    isIn(LABEL.instanceGpuManufacturer, row.gpuManufacturer),
    isIn(LABEL.instanceGpuCount, gpu ? row.gpuCount : null),
    isIn(LABEL.instanceGpuMemory, row.gpuMemoryMiB),
    isIn(LABEL.instanceAcceleratorName, row.acceleratorName),
    isIn(LABEL.instanceAcceleratorManufacturer, accel ? 'aws' : null),
    isIn(LABEL.instanceAcceleratorCount, accel ? row.acceleratorCount : null),
  );
  return r;
}

/** GPUs, Neuron devices, EFA and branch ENIs, as Kubernetes extended resources. */
export function ec2ExtendedResources(row: Ec2Row): Resources {
  const out: Record<string, number> = {};
  if (row.gpuCount > 0 && row.gpuManufacturer === 'nvidia') out['nvidia.com/gpu'] = row.gpuCount;
  if (row.gpuCount > 0 && row.gpuManufacturer === 'amd') out['amd.com/gpu'] = row.gpuCount;
  if (row.acceleratorCount > 0) {
    out['aws.amazon.com/neuron'] = row.acceleratorCount;
    const cores = NEURON_CORES_PER_DEVICE[row.family];
    if (cores) out['aws.amazon.com/neuroncore'] = cores * row.acceleratorCount;
  }
  if (row.efaCount > 0) out['vpc.amazonaws.com/efa'] = row.efaCount;
  if (row.branchENIs > 0) out['vpc.amazonaws.com/pod-eni'] = row.branchENIs;
  return out;
}

/** Metal, GPU (including fractional GPU) and Neuron types, which Karpenter avoids when it can. */
export function isExoticRow(row: Ec2Row): boolean {
  return (
    row.bareMetal || row.size.includes('metal') || row.gpuName !== null || row.acceleratorCount > 0
  );
}

function roundUsd(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

function offerings(row: Ec2Row, zones: readonly string[]): Offering[] {
  const od = row.onDemandUsd;
  if (od === null) return [];
  const out: Offering[] = [];
  const savings = row.spotSavingsPct ?? 0;
  for (const zone of zones) {
    out.push(makeOffering({ zone, capacityType: 'on-demand', price: od }));
    if (savings > 0) {
      const price = roundUsd(od * (1 - savings / 100));
      out.push(makeOffering({ zone, capacityType: 'spot', price, priceIsEstimate: true }));
    }
  }
  return out;
}

export function ec2InstanceType(
  row: Ec2Row,
  region: string,
  zones: readonly string[],
  kubelet?: KubeletConfiguration,
): InstanceType {
  const { capacity, overhead } = awsResources(row, kubelet);
  return makeInstanceType({
    name: row.name,
    requirements: ec2Requirements(row, region),
    capacity: { ...capacity, ...ec2ExtendedResources(row) },
    overhead,
    offerings: offerings(row, zones),
    exotic: isExoticRow(row),
    ...(row.spotInterruptionBucket === null
      ? {}
      : { interruptionBucket: row.spotInterruptionBucket }),
  });
}

const cache = new Map<string, Catalog>();

export function ec2Catalog(opts?: {
  region?: string;
  zones?: string[];
  kubelet?: KubeletConfiguration;
}): Catalog {
  const region = opts?.region ?? DEFAULT_REGION;
  const zones = opts?.zones ?? [
    ...(DEFAULT_ZONES[region] ?? [`${region}a`, `${region}b`, `${region}c`]),
  ];
  const key = JSON.stringify([region, zones, opts?.kubelet ?? null]);
  const hit = cache.get(key);
  if (hit) return hit;
  let catalog: Catalog;
  const rows = region === EC2_DATA_REGION ? ec2Rows() : regionalRows(region);
  if (!rows) {
    catalog = {
      region,
      zones,
      instanceTypes: [],
      source: 'EC2 catalog',
      emptyReason: `no EC2 prices for region ${region}: the lab has prices for ${EC2_DATA_REGION} and ${PRICED_REGIONS.join(', ')}; set spec.region to one of them or give spec.instanceTypes in the Scenario`,
    };
  } else {
    const types = rows
      .filter((row) => row.onDemandUsd !== null)
      .map((row) => ec2InstanceType(row, region, zones, opts?.kubelet));
    catalog = {
      region,
      zones,
      instanceTypes: types,
      source:
        region === EC2_DATA_REGION
          ? `EC2 ${region} (AL2023 allocatable)`
          : `EC2 ${region} (AL2023 allocatable; on-demand prices from ${REGIONAL_PRICES_AS_OF}, ${types.length} types priced there)`,
      ...(region === EC2_DATA_REGION
        ? {}
        : {
            priceNote: `${region} on-demand prices are from ${REGIONAL_PRICES_AS_OF} (the newest licensed source); families launched since are not offered here`,
          }),
    };
  }
  cache.set(key, catalog);
  return catalog;
}
