// On-demand prices for 22 regions besides us-east-1, as published in November 2022 (data file built
// by scripts/build-regional.mjs; credits in data/NOTICE.md), with each region's Spot Advisor savings
// and interruption bucket. Types launched since (m7g, c7i, the *8g families, …) have no price there
// and are not offered in those regions; nothing is scaled from us-east-1.
import raw from './data/ec2-regional.json';
import { ec2Rows, type Ec2Row } from './ec2-data.ts';

interface RegionalFile {
  pricesAsOf: string;
  regions: string[];
  types: string[];
  onDemand: Record<string, (number | null)[]>;
  spotSavingsPct: Record<string, (number | null)[]>;
  spotInterruptionBucket: Record<string, (number | null)[]>;
}

const file = raw as unknown as RegionalFile;

/** The date the regional prices are from ("2022-11-22"), to show wherever they appear. */
export const REGIONAL_PRICES_AS_OF: string = file.pricesAsOf;
export const PRICED_REGIONS: readonly string[] = file.regions;

const cache = new Map<string, readonly Ec2Row[]>();

/** The catalog rows with the region's prices; undefined when the lab has no prices for it. */
export function regionalRows(region: string): readonly Ec2Row[] | undefined {
  const od = file.onDemand[region];
  if (!od) return undefined;
  const hit = cache.get(region);
  if (hit) return hit;
  const index = new Map(file.types.map((t, i) => [t, i]));
  const savings = file.spotSavingsPct[region] ?? [];
  const buckets = file.spotInterruptionBucket[region] ?? [];
  const rows: Ec2Row[] = [];
  for (const row of ec2Rows()) {
    const i = index.get(row.name);
    const price = i === undefined ? null : (od[i] ?? null);
    if (i === undefined || price === null) continue;
    rows.push({
      ...row,
      onDemandUsd: price,
      spotSavingsPct: savings[i] ?? null,
      spotInterruptionBucket: buckets[i] ?? null,
    });
  }
  cache.set(region, rows);
  return rows;
}
