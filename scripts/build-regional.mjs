#!/usr/bin/env node
// Builds the lab's regional price file (src/sim/catalog/data/ec2-regional.json) from
// ../shared/data/regional/: Linux on-demand prices for 22 regions besides us-east-1 as published in
// November 2022 (tedivm/ec2details, MIT), and the Spot Advisor savings % and interruption bucket for
// those regions (the same 2025-06 feed snapshot as spot.json). Credits in data/NOTICE.md.
//
//   node scripts/build-regional.mjs [sourceDir] [outFile]
//
// Only types that are also in the main catalog are kept (the specs come from there). Columnar: one
// array per region aligned with `types`, null where the region had no price for the type.
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const sourceDir = resolve(process.argv[2] ?? join(here, '../../shared/data'));
const outFile = resolve(process.argv[3] ?? join(here, '../src/sim/catalog/data/ec2-regional.json'));
const read = (f) => JSON.parse(readFileSync(join(sourceDir, f), 'utf8'));

const prices = read('regional/on-demand-by-region-2022-11.json');
const spot = read('regional/spot-advisor-all-regions.json');
const main = JSON.parse(
  readFileSync(join(here, '../src/sim/catalog/data/ec2-us-east-1.json'), 'utf8'),
);
const known = new Set(main.columns.name);
// us-east-1 keeps its current (2026-07) prices from the main file.
const regions = prices.regions.filter((r) => r !== main.region);
const types = Object.keys(prices.types)
  .filter((t) => known.has(t))
  .sort();
const si = Object.fromEntries(spot.fields.map((f, i) => [f, i]));
const column = (get) => Object.fromEntries(regions.map((r) => [r, types.map((t) => get(r, t))]));

const out = {
  format: 'karpenter-lab/ec2-regional@1',
  pricesAsOf: '2022-11-22',
  sources: {
    onDemand: `${prices.source}; Linux, shared tenancy, USD/h`,
    spot: `AWS Spot Instance Advisor feed via alexei-led/spotinfo (${spot.source?.snapshotDate ?? spot.source?.viaCommit ?? ''}): savings % and interruption bucket, not prices`,
  },
  regions,
  types,
  onDemand: column((r, t) => prices.types[t]?.[r] ?? null),
  spotSavingsPct: column((r, t) => spot.regions[r]?.[t]?.[si.savingsPct] ?? null),
  spotInterruptionBucket: column(
    (r, t) => spot.regions[r]?.[t]?.[si.interruptionRangeIndex] ?? null,
  ),
};
const json = JSON.stringify(out);
writeFileSync(outFile, json + '\n');
const gz = gzipSync(json, { level: 9 }).length;
console.log(
  `wrote ${outFile}: ${types.length} types × ${regions.length} regions, ${json.length} bytes raw, ${gz} bytes gzip`,
);
