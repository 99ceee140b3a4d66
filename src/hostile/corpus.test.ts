// The hostile corpus (issue 15): each file in corpus/ is a workspace named after what it does, with
// its expectation in its header — `# expect: <exit code>`, `# stderr: <regex>`, `# stdout: <regex>`,
// `# args: <CLI flags>` — run through the CLI's code path. Plus generated cases too big to keep as
// files. Every case must end with exit 0 or 1, never throw, and stay inside the run budget.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runCliText, type CliRun } from './cli.ts';
import { RUN_BUDGET_MS } from './budget.ts';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'corpus');

interface Case {
  name: string;
  text: string;
  args: string[];
  code: number;
  stderr?: RegExp;
  stdout?: RegExp;
}

function readCase(file: string): Case {
  const text = readFileSync(join(dir, file), 'utf8');
  const header = (key: string): string | undefined =>
    new RegExp(`^# ${key}: (.*)$`, 'm').exec(text)?.[1]?.trim();
  const code = header('expect');
  if (code === undefined) throw new Error(`${file}: no "# expect:" line`);
  const stderr = header('stderr');
  const stdout = header('stdout');
  return {
    name: file,
    text,
    args: (header('args') ?? '').split(' ').filter(Boolean),
    code: Number(code),
    ...(stderr ? { stderr: new RegExp(stderr) } : {}),
    ...(stdout ? { stdout: new RegExp(stdout) } : {}),
  };
}

const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
const longest: { name: string; ms: number }[] = [];

function check(c: Case): CliRun {
  const r = runCliText(c.text, c.args);
  longest.push({ name: c.name, ms: r.ms });
  expect({ code: r.code, stderr: r.stderr }).toMatchObject({ code: c.code });
  if (c.stderr) expect(r.stderr).toMatch(c.stderr);
  if (c.stdout) expect(r.stdout).toMatch(c.stdout);
  // Every located message is 1-based.
  for (const m of r.stderr.matchAll(/^workspace\.yaml:(\d+):(\d+):/gm)) {
    expect(Number(m[1])).toBeGreaterThanOrEqual(1);
    expect(Number(m[2])).toBeGreaterThanOrEqual(1);
  }
  expect(r.stderr + r.stdout).not.toMatch(/\n\s+at .*\.ts:\d+|\[native code\]/); // no stack traces
  expect(r.ms).toBeLessThan(RUN_BUDGET_MS);
  return r;
}

const np = (name: string): Record<string, unknown> => ({
  apiVersion: 'karpenter.sh/v1',
  kind: 'NodePool',
  metadata: { name },
  spec: {
    template: {
      spec: {
        nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'default' },
        requirements: [],
      },
    },
  },
});
const docs = (...objects: unknown[]): string => objects.map((o) => stringify(o)).join('---\n');
const scenario = (spec: Record<string, unknown>) => ({
  apiVersion: 'lab.karpenter.playground/v1alpha1',
  kind: 'Scenario',
  metadata: { name: 's' },
  spec,
});

/** Cases from the corpus that are too big to keep as files. */
const GENERATED: Case[] = [
  {
    name: '20,000 aliases in one document (linear resolution)',
    text: [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: p',
      '  annotations:',
      '    a0: &v x',
      ...Array.from({ length: 20_000 }, (_, i) => `    k${i}: *v`),
      'spec: {containers: [{name: c, image: pause}]}',
    ].join('\n'),
    args: [],
    code: 0,
  },
  {
    name: '10,000 NodePools',
    text: docs(...Array.from({ length: 10_000 }, (_, i) => np(`p${i}`))),
    args: [],
    code: 1,
    stderr: /the workspace is \d+ bytes; the limit/,
  },
  {
    name: '500 NodePools in a file under the size cap',
    text: docs(...Array.from({ length: 500 }, (_, i) => np(`p${i}`))),
    args: [],
    code: 1,
    stderr: /:\d+:\d+: kind: more than 100 NodePools and Provisioners in one workspace/,
  },
  {
    name: '50,000 Scenario actions',
    text: docs(
      scenario({
        actions: Array.from({ length: 50_000 }, () => ({ at: '1s', run: 'kubectl get pods' })),
      }),
    ),
    args: [],
    code: 1,
    stderr: /the workspace is \d+ bytes; the limit|spec\.actions: Too many/,
  },
  {
    name: '4,000 actions in a compact file',
    text: docs(scenario({ actions: Array.from({ length: 4000 }, () => ({ at: '1s', run: 'x' })) })),
    args: [],
    code: 1,
    stderr: /:\d+:\d+: spec\.actions: Too many: 4000: must have at most 1000 items/,
  },
  {
    name: '40,000 offerings',
    text: docs(
      scenario({
        instanceTypes: Array.from({ length: 400 }, (_, i) => ({
          name: `t${i}`,
          cpu: 2,
          memory: '4Gi',
          pods: 10,
          offerings: Array.from({ length: 100 }, (_, z) => ({
            zone: `z${z}`,
            capacityType: 'spot',
            price: 1,
          })),
        })),
      }),
    ),
    args: [],
    code: 1,
    stderr: /the workspace is \d+ bytes; the limit|offerings: Too many/,
  },
  {
    name: '2,001 documents',
    text: '---\na: 1\n'.repeat(2001),
    args: [],
    code: 1,
    stderr: /^workspace\.yaml:1:1: the workspace has more than 2000 documents/,
  },
];

describe('the hostile corpus through the CLI path', { timeout: 300_000 }, () => {
  it.each(files)('%s', (file) => {
    check(readCase(file));
  });

  it.each(GENERATED.map((c) => [c.name, c] as const))('%s', (_, c) => {
    check(c);
  });

  it('has a case for every kind of failure the issue lists', () => {
    expect(files.length).toBeGreaterThanOrEqual(25);
    const slowest = [...longest].sort((a, b) => b.ms - a.ms)[0];
    // Printed for the closing note (the longest run any corpus input causes, on this machine).
    console.log(
      `corpus: ${longest.length} runs; slowest ${slowest?.name} ${Math.round(slowest?.ms ?? 0)} ms`,
    );
  });
});
