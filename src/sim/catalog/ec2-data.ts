// Decodes the committed columnar catalog file (format in ./CONTEXT.md) into one record per type.

import raw from './data/ec2-us-east-1.json';

export interface Ec2Row {
  name: string;
  family: string;
  category: string;
  generation: number;
  size: string;
  arch: string;
  vcpu: number;
  memoryMiB: number;
  gpuCount: number;
  gpuName: string | null;
  gpuManufacturer: string | null;
  gpuMemoryMiB: number | null;
  acceleratorCount: number;
  acceleratorName: string | null;
  networkBandwidthMbps: number | null;
  hypervisor: string | null;
  bareMetal: boolean;
  currentGeneration: boolean | null;
  maxENIs: number;
  ipv4PerENI: number;
  maxPods: number;
  /** Karpenter's published allocatable (docs page, AL2023): kept to cross-check our formulas. */
  allocatableCpuMilli: number;
  allocatableMemoryMiB: number;
  onDemandUsd: number | null;
  spotSavingsPct: number | null;
  spotInterruptionBucket: number | null;
  cpuManufacturer: string | null;
  cpuClockMHz: number | null;
  localNvmeGiB: number | null;
  ebsBandwidthMbps: number | null;
  efaCount: number;
  branchENIs: number;
}

interface CatalogFile {
  format: string;
  region: string;
  count: number;
  interruptionRanges: string[];
  columns: { [K in keyof Ec2Row]: Ec2Row[K][] };
}

const file = raw as unknown as CatalogFile;

export const EC2_DATA_REGION: string = file.region;
/** Spot Advisor interruption-frequency labels by bucket index ("<5%", "5-10%", …). */
export const INTERRUPTION_RANGES: readonly string[] = file.interruptionRanges;

let rows: Ec2Row[] | undefined;

/** The catalog rows, decoded once. */
export function ec2Rows(): readonly Ec2Row[] {
  if (rows) return rows;
  const cols = file.columns;
  const fields = Object.keys(cols) as (keyof Ec2Row)[];
  rows = Array.from({ length: file.count }, (_, i) => {
    const row: Record<string, unknown> = {};
    for (const f of fields) row[f] = cols[f][i];
    return row as unknown as Ec2Row;
  });
  return rows;
}
