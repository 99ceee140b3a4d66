#!/usr/bin/env node
// Builds the lab's compact EC2 catalog (src/sim/catalog/data/ec2-us-east-1.json) from the
// assembled source data (see data/NOTICE.md for where every value comes from).
//
//   node scripts/build-catalog.mjs [sourceDir] [outFile]
//
// sourceDir defaults to ../shared/data beside the repository and must hold ec2-catalog.json, ec2-catalog-extra.json
// and spot.json. The output is columnar ({columns: {field: [value per type]}}) because one array
// per field gzips far better than one object per type, and it keeps only the fields the lab uses.
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REGION = 'us-east-1';
const here = dirname(fileURLToPath(import.meta.url));
const sourceDir = resolve(process.argv[2] ?? join(here, '../../shared/data'));
const outFile = resolve(
  process.argv[3] ?? join(here, '../src/sim/catalog/data/ec2-us-east-1.json'),
);

const read = (f) => JSON.parse(readFileSync(join(sourceDir, f), 'utf8'));
const catalog = read('ec2-catalog.json');
const extra = read('ec2-catalog-extra.json');
const spot = read('spot.json');

const extraIndex = Object.fromEntries(extra.fields.map((f, i) => [f, i]));
const spotIndex = Object.fromEntries(spot.fields.map((f, i) => [f, i]));
const spotRegion = spot.regions[REGION] ?? {};

// Field name in the output → how to get it from a source row.
const FIELDS = {
  name: (r) => r.name,
  family: (r) => r.family,
  category: (r) => r.category,
  generation: (r) => r.generation,
  size: (r) => r.size,
  arch: (r) => r.arch,
  vcpu: (r) => r.vcpu,
  memoryMiB: (r) => r.memoryMiB,
  gpuCount: (r) => r.gpuCount,
  gpuName: (r) => r.gpuName,
  gpuManufacturer: (r) => r.gpuManufacturer,
  gpuMemoryMiB: (r) => r.gpuMemoryMiB,
  acceleratorCount: (r) => r.acceleratorCount,
  acceleratorName: (r) => r.acceleratorName,
  networkBandwidthMbps: (r) => r.networkBandwidthMbps,
  hypervisor: (r) => r.hypervisor,
  bareMetal: (r) => r.bareMetal,
  currentGeneration: (r) => r.currentGeneration,
  maxENIs: (r) => r.maxENIs,
  ipv4PerENI: (r) => r.ipv4PerENI,
  maxPods: (r) => r.maxPods,
  allocatableCpuMilli: (r) => r.allocatableCpuMilli,
  allocatableMemoryMiB: (r) => r.allocatableMemoryMiB,
  onDemandUsd: (r) => r.onDemand?.[REGION] ?? null,
  spotSavingsPct: (r) => spotRegion[r.name]?.[spotIndex.savingsPct] ?? null,
  spotInterruptionBucket: (r) => spotRegion[r.name]?.[spotIndex.interruptionRangeIndex] ?? null,
  cpuManufacturer: (r) => ex(r, 'cpuManufacturer'),
  cpuClockMHz: (r) => ex(r, 'cpuClockMHz') || null,
  localNvmeGiB: (r) => ex(r, 'localNvmeGiB'),
  ebsBandwidthMbps: (r) => ex(r, 'ebsBandwidthMbps'),
  efaCount: (r) => ex(r, 'efaCount'),
  branchENIs: (r) => (ex(r, 'trunkingCompatible') ? ex(r, 'branchENIs') : 0),
};

function ex(row, field) {
  const values = extra.types[row.name];
  if (!values) throw new Error(`${row.name} has no entry in ec2-catalog-extra.json`);
  return values[extraIndex[field]] ?? null;
}

const rows = [...catalog].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
const columns = Object.fromEntries(
  Object.entries(FIELDS).map(([field, get]) => [field, rows.map((r) => get(r))]),
);

const out = {
  format: 'karpenter-lab/ec2-catalog@1',
  region: REGION,
  count: rows.length,
  sources: {
    specs:
      'aws/karpenter-provider-aws website/content/en/docs/reference/instance-types.md (AL2023 allocatable)',
    onDemand:
      'aws/karpenter-provider-aws pkg/providers/pricing/zz_generated.pricing_aws.go (us-east-1, 2026-07-20)',
    limits:
      'aws/karpenter-provider-aws pkg/providers/instancetype/zz_generated.vpclimits.go (2026-08-06)',
    spot: `AWS Spot Instance Advisor feed via alexei-led/spotinfo (${spot.source?.snapshotDate ?? 'unknown date'}): savings % and interruption bucket, not prices`,
    currentGeneration: 'nrollr/EC2-timeline public/timeline.json v2.3.0',
  },
  interruptionRanges: spot.interruptionRanges.map((r) => r.label),
  columns,
};

const json = JSON.stringify(out);
writeFileSync(outFile, json + '\n');
const gz = gzipSync(json, { level: 9 }).length;
console.log(`wrote ${outFile}: ${rows.length} types, ${json.length} bytes raw, ${gz} bytes gzip`);
