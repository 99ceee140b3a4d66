// Builds src/sim/storage/data/ebs-attach-limits.json: the EBS CSI driver's per-instance-type attach
// limit (max attachments, shared|dedicated) for the types in the lab's catalogs. Input: a checkout
// of kubernetes-sigs/aws-ebs-csi-driver (Apache-2.0; pkg/cloud/limits/volume_limits_table.go and
// volume_limits.go). Facts only: the table is re-encoded, types at the driver's default (27 shared)
// are left out. Usage: node scripts/build-ebs-limits.mjs <driver checkout> <commit>
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';

const [root, commit = 'unknown'] = process.argv.slice(2);
if (!root) throw new Error('usage: build-ebs-limits.mjs <aws-ebs-csi-driver checkout> <commit>');
const table = readFileSync(`${root}/pkg/cloud/limits/volume_limits_table.go`, 'utf8');
const main = readFileSync(`${root}/pkg/cloud/limits/volume_limits.go`, 'utf8');
const block = (text, name) => {
  const start = text.indexOf(`var ${name} = map`);
  return text.slice(start, text.indexOf('\n}\n', start));
};
const nonNitro = new Set(
  [...block(table, 'nonNitroInstanceTypes').matchAll(/"([^"]+)":/g)].map((m) => m[1]),
);
const dedicated = new Set(
  [...block(main, 'dedicatedInstances').matchAll(/"([^"]+)":/g)].map((m) => m[1]),
);
const limits = new Map();
for (const m of block(table, 'volumeLimits').matchAll(
  /"([^"]+)":\s*\{(\d+), "(shared|dedicated)"\}/g,
))
  limits.set(m[1], [Number(m[2]), dedicated.has(m[1]) ? 'dedicated' : m[3]]);

const types = new Set();
const us = JSON.parse(readFileSync('src/sim/catalog/data/ec2-us-east-1.json', 'utf8'));
for (const t of us.columns.name) types.add(t);
const regional = JSON.parse(readFileSync('src/sim/catalog/data/ec2-regional.json', 'utf8'));
for (const t of Array.isArray(regional.types) ? regional.types : Object.keys(regional.types))
  types.add(typeof t === 'string' ? t : t.name);
const out = {};
for (const t of [...types].sort()) {
  if (nonNitro.has(t)) out[t] = [39, 'd'];
  else if (limits.has(t)) {
    const [n, kind] = limits.get(t);
    if (!(n === 27 && kind === 'shared')) out[t] = [n, kind === 'dedicated' ? 'd' : 's'];
  }
}
mkdirSync('src/sim/storage/data', { recursive: true });
writeFileSync(
  'src/sim/storage/data/ebs-attach-limits.json',
  `${JSON.stringify({ source: `kubernetes-sigs/aws-ebs-csi-driver pkg/cloud/limits (${commit})`, default: [27, 's'], types: out })}\n`,
);
console.log(`catalog types ${types.size}; non-default entries ${Object.keys(out).length}`);
