// `karpenter-lab anonymise`: a real cluster's export in, a shareable workspace out, which the CLI
// then simulates as it simulates the export itself.
import { describe, expect, it } from 'vitest';
import { cliRun as cli, costShape, type WorkloadCostJSON } from './testing.ts';

const EXPORT = 'examples/exports/eks-eu-west-1-managed-node-group.yaml';

/** A JSON report with the names taken out: what happened, when, and at what cost. */
function shape(stdout: string): unknown {
  const j = JSON.parse(stdout) as {
    time: number;
    cost: WorkloadCostJSON;
    pods: { phase: string }[];
    nodes: { instanceType?: string; state: string }[];
    events: { time: number; reason: string }[];
  };
  return {
    time: j.time,
    cost: costShape(j.cost),
    pods: j.pods.map((p) => p.phase).sort(),
    nodes: j.nodes.map((n) => `${n.instanceType}/${n.state}`).sort(),
    events: j.events.map((e) => `${e.time}:${e.reason}`),
  };
}

describe('karpenter-lab anonymise', { timeout: 60_000 }, () => {
  it('prints the export with its names replaced, says what on stderr, and it simulates the same', () => {
    const r = cli(['anonymise', EXPORT]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(
      /ip-10-|i-0[0-9a-f]{6}|shop|web-6d8f|602401143452|ami-0c1e|general/,
    );
    expect(r.stdout).toContain('name: node-1');
    expect(r.stderr).toMatch(
      /^# Anonymised: 1 namespace\(s\), 2 workload name\(s\), 2 node name\(s\)/m,
    );
    const original = cli([EXPORT, '--json', '--until', '10m']);
    const anonymised = cli(['-', '--json', '--until', '10m'], r.stdout);
    expect(anonymised.code).toBe(0);
    expect(shape(anonymised.stdout)).toEqual(shape(original.stdout));
  });

  it('reads stdin, and spells anonymize too', () => {
    const r = cli(
      ['anonymize', '-'],
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: billing, namespace: finance}\nspec: {selector: {matchLabels: {app: billing}}, template: {metadata: {labels: {app: billing}}, spec: {containers: [{name: c}]}}}\n',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('name: app-1');
    expect(r.stdout).not.toMatch(/billing|finance/);
  });

  it('answers --help, and refuses options and a missing input with its own usage', () => {
    expect(cli(['anonymise', '--help']).stdout).toMatch(/^usage: karpenter-lab anonymise/);
    const flag = cli(['anonymise', EXPORT, '--json']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(
      /unknown option --json \(anonymise takes only inputs\)[\s\S]*usage: karpenter-lab anonymise/,
    );
    expect(cli(['anonymise']).code).toBe(2);
    const bad = cli(['anonymise', '-'], 'a: [1,\n');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^<stdin>:\d+:\d+: /);
  });

  it('locates a YAML error as simulate does, without the page’s “Your workspace was not changed”', () => {
    const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n spec:\n';
    const r = cli(['anonymise', '-'], text);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      '<stdin>:5:2: All mapping items must start at the same column: expected this key in the same column as the keys above it (YAML nests by indentation)\n',
    );
    expect(cli(['-'], text).stderr).toBe(r.stderr);
  });
});
