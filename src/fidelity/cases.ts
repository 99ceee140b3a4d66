// The translated upstream cases: every `<area>/<behaviour>.yaml` under src/fidelity. Each fixture
// opens with a header that names its upstream source and states what the CLI's JSON must show:
//
//   # upstream: pkg/controllers/provisioning/scheduling/suite_test.go
//   # test: In-Flight Nodes / should launch a second node if a pod won't fit on the existingNodes node
//   # <why, in plain words>
//   # expect:
//   #   nodes: 2
//
// (`upstream` paths are in kubernetes-sigs/karpenter unless they start with `aws/`.)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { FIXTURES } from './harness.ts';

export interface Case {
  /** "scheduling/in-flight-second-node-when-pod-wont-fit.yaml" */
  path: string;
  area: string;
  upstream: string;
  test: string;
  expect: Record<string, unknown>;
}

/** The areas of docs/fidelity.md, in its order; each is a folder of fixtures. */
export const AREAS: readonly string[] = [
  'scheduling',
  'topology',
  'instance-selection',
  'provisioning',
  'consolidation',
  'emptiness',
  'drift',
  'expiration',
  'budgets',
  'candidates',
  'termination',
  'interruption',
  'events',
  'storage',
];

/** Reads one fixture's header; throws with the file name when it is malformed. */
export function readCase(path: string): Case {
  const text = readFileSync(join(FIXTURES, path), 'utf8');
  const header: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('#')) break;
    header.push(line.replace(/^# ?/, ''));
  }
  const field = (name: string): string => {
    const line = header.find((l) => l.startsWith(`${name}:`));
    if (!line) throw new Error(`${path}: the header has no "# ${name}:" line`);
    return line.slice(name.length + 1).trim();
  };
  const at = header.findIndex((l) => l.trim() === 'expect:');
  if (at < 0) throw new Error(`${path}: the header has no "# expect:" block`);
  const expect = parse(header.slice(at + 1).join('\n')) as Record<string, unknown> | null;
  if (!expect || typeof expect !== 'object')
    throw new Error(`${path}: the "# expect:" block is empty`);
  return {
    path,
    area: path.split('/')[0] ?? '',
    upstream: field('upstream'),
    test: field('test'),
    expect,
  };
}

export function allCases(): Case[] {
  const out: Case[] = [];
  for (const area of AREAS) {
    let files: string[];
    try {
      files = readdirSync(join(FIXTURES, area));
    } catch {
      continue;
    }
    for (const f of files.filter((x) => x.endsWith('.yaml')).sort())
      out.push(readCase(`${area}/${f}`));
  }
  return out;
}
