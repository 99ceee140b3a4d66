// End-to-end: spawn the CLI the way `npm run -s simulate` does, on fixture files named after the
// behaviour they show.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs } from './args.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, 'main.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const fixture = (name: string): string => join('src', 'cli', 'fixtures', name);

describe('simulate CLI', { timeout: 60_000 }, () => {
  it('prints the JSON contract for the seed lab: one spot node, no pre-binding, cost', () => {
    const r = cli(fixture('seed-lab-scale-up.yaml'), '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as Record<string, unknown> & {
      time: number;
      nodes: {
        name: string;
        capacityType: string;
        state: string;
        readyAt: number;
        pods: string[];
      }[];
      nodeClaims: { name: string; instanceTypes: string[]; state: string }[];
      pods: { phase: string; nodeName: string | null }[];
      cost: { perHour: number; total: number };
      events: { time: number; reason: string }[];
    };
    for (const key of ['time', 'nodes', 'nodeClaims', 'pods', 'cost', 'events'])
      expect(j).toHaveProperty(key);
    expect(j.time).toBe(300);
    expect(j.nodes.length).toBeGreaterThan(0);
    expect(j.nodes[0]).toMatchObject({ capacityType: 'spot', state: 'ready' });
    expect(j.pods).toHaveLength(1);
    expect(j.cost.perHour).toBeGreaterThan(0);
    expect(j.cost.total).toBeGreaterThan(0);
    const firstScheduled = j.events.find((e) => e.reason === 'Scheduled')?.time ?? 0;
    expect(firstScheduled).toBeGreaterThanOrEqual(j.nodes[0]?.readyAt ?? Infinity);
  });

  it('gives the same JSON for the same --seed and honours --until', () => {
    const a = cli(fixture('seed-lab-scale-up.yaml'), '--json', '--seed', '7', '--until', '2m');
    const b = cli(fixture('seed-lab-scale-up.yaml'), '--json', '--seed=7', '--until=2m');
    expect(a.stdout).toBe(b.stdout);
    expect((JSON.parse(a.stdout) as { time: number }).time).toBe(120);
  });

  it('prints a kubectl-like nodes table and pending pods with reasons without --json', () => {
    const r = cli(fixture('request-no-type-can-hold.yaml'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Pods: 0 Running, 1 not Running/);
    expect(r.stdout).toMatch(/no instance type has enough resources/);
    const lab = cli(fixture('seed-lab-scale-up.yaml'));
    expect(lab.stdout).toMatch(/NAME\s+STATUS\s+AGE\s+CAPACITY-TYPE\s+INSTANCE-TYPE/);
  });

  it('exits 1 with file:line:column errors on invalid input', () => {
    const r = cli(fixture('invalid-operator.yaml'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/invalid-operator\.yaml:\d+:\d+: .*operator/);
    expect(r.stdout).toBe('');
  });

  it('exits 1 with a clear limit for 100,000 replicas', () => {
    const r = cli(fixture('hundred-thousand-replicas.yaml'), '--json');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/at most 20,000/);
  });

  it('--compare-ca prints Karpenter beside a Cluster Autoscaler node group', () => {
    const r = cli(fixture('seed-lab-scale-up.yaml'), '--compare-ca');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\s+Karpenter v0\.31\s+Cluster Autoscaler$/m);
    expect(r.stdout).toMatch(/^Instances\s+1 × \S+ spot\s+5 × m5\.large on-demand$/m);
    expect(r.stdout).toMatch(/^Time until all pods run\s+\d+s ✓\s+1m\d+s$/m);
    expect(r.stdout).toContain('asgLaunchDelay: 30s (assumed');
    const j = JSON.parse(
      cli(fixture('seed-lab-scale-up.yaml'), '--compare-ca', '--json').stdout,
    ) as {
      clusterAutoscaler: {
        metrics: { nodes: { launched: number } };
        config: { instanceType: string };
      };
    };
    expect(j.clusterAutoscaler.metrics.nodes.launched).toBe(5);
    expect(j.clusterAutoscaler.config.instanceType).toBe('m5.large');
  });

  it('exits 2 on usage errors', () => {
    expect(cli().code).toBe(2);
    expect(cli(fixture('seed-lab-scale-up.yaml'), '--frobnicate').code).toBe(2);
    expect(cli('does-not-exist.yaml').code).toBe(2);
  });
});

describe('CLI arguments', () => {
  it('parses flags in both --flag value and --flag=value forms', () => {
    expect(parseArgs(['w.yaml', '--json', '--until', '10m', '--seed=3'])).toEqual({
      file: 'w.yaml',
      json: true,
      compareCa: false,
      until: 600_000,
      seed: 3,
    });
    expect(parseArgs(['--until', 'soon', 'w.yaml'])).toMatchObject({
      error: expect.stringContaining('--until'),
    });
    expect(parseArgs(['a.yaml', 'b.yaml'])).toMatchObject({
      error: expect.stringContaining('one workspace'),
    });
    expect(parseArgs(['--help'])).toEqual({ help: true });
  });
});
