// The whole CLI path (runCli: arguments → files → engine → report → exit code) on fixture files
// named after the behaviour they show. bin.test.ts runs the bundled program itself.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parseArgs } from './args.ts';
import { cliRun as cli, ROOT } from './testing.ts';

const fixture = (name: string): string => join('src', 'cli', 'fixtures', name);

describe('simulate CLI', { timeout: 60_000 }, () => {
  it('prints the JSON contract for the seed lab: one spot node, no pre-binding, cost', () => {
    const r = cli([fixture('seed-lab-scale-up.yaml'), '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as Record<string, unknown> & {
      apiVersion: string;
      kind: string;
      time: number;
      nodes: { capacityType: string; state: string; readyAt: number }[];
      pods: { phase: string; nodeName: string | null }[];
      cost: { perHour: number; total: number };
      events: { time: number; reason: string }[];
    };
    expect(j.apiVersion).toBe('cli.karpenter.playground/v1');
    expect(j.kind).toBe('Simulation');
    for (const key of ['time', 'nodes', 'nodeClaims', 'pods', 'cost', 'events'])
      expect(j).toHaveProperty(key);
    expect(j.time).toBe(300);
    expect(j.nodes[0]).toMatchObject({ capacityType: 'spot', state: 'ready' });
    expect(j.pods).toHaveLength(1);
    expect(j.cost.perHour).toBeGreaterThan(0);
    const firstScheduled = j.events.find((e) => e.reason === 'Scheduled')?.time ?? 0;
    expect(firstScheduled).toBeGreaterThanOrEqual(j.nodes[0]?.readyAt ?? Infinity);
  });

  it('gives the same JSON for the same --seed and honours --until', () => {
    const a = cli([fixture('seed-lab-scale-up.yaml'), '--json', '--seed', '7', '--until', '2m']);
    const b = cli([fixture('seed-lab-scale-up.yaml'), '-o', 'json', '--seed=7', '--until=2m']);
    expect(a.stdout).toBe(b.stdout);
    expect((JSON.parse(a.stdout) as { time: number }).time).toBe(120);
  });

  it('prints YAML with the same fields as JSON, and Markdown for a PR comment', () => {
    const json = JSON.parse(cli([fixture('seed-lab-scale-up.yaml'), '--json']).stdout) as object;
    const yaml = parseYaml(cli([fixture('seed-lab-scale-up.yaml'), '-o', 'yaml']).stdout) as object;
    expect(yaml).toEqual(json);
    const md = cli([fixture('seed-lab-scale-up.yaml'), '--output=markdown']).stdout;
    expect(md).toMatch(/^### Karpenter Lab simulation/);
    expect(md).toMatch(/^\| NAME \| STATUS \| AGE \| CAPACITY-TYPE \|/m);
    expect(md).toMatch(/^\| --- \| --- \|/m);
    // The table's "why" sections are in the Markdown too: a reviewer reads them in the PR.
    expect(md).toMatch(/^\*\*Why these instances\*\* \(per NodeClaim\):\n\n- /m);
    // A NodeClaim's funnel and runner-up are nested under it, not items of their own.
    expect(md).toMatch(
      /^- default-\w+: \d+ pods? → .*\n {2}- funnel: catalog \d+ → .*\n {2}- runner-up: /m,
    );
    expect(md).not.toMatch(/^- +(funnel|runner-up):/m);
    const down = cli(['examples/seed-lab-scale-up-and-down.yaml', '-o', 'markdown']).stdout;
    expect(down).toMatch(
      /^\*\*Why these nodes were not consolidated\*\* \(Karpenter’s last word on each\):\n\n- ip-[\d-]+\.ec2\.internal: Unconsolidatable at /m,
    );
    const pending = cli([fixture('request-no-type-can-hold.yaml'), '-o', 'markdown']).stdout;
    expect(pending).toMatch(/^- `default\/\S+` \(Pending\): .*\n {2}- \S/m);
  });

  it('prints a kubectl-like nodes table and pending pods with reasons by default', () => {
    const r = cli([fixture('request-no-type-can-hold.yaml')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Pods: 0 Running, 1 not Running/);
    expect(r.stdout).toMatch(/no instance type has enough resources/);
    const lab = cli([fixture('seed-lab-scale-up.yaml')]);
    expect(lab.stdout).toMatch(/NAME\s+STATUS\s+AGE\s+CAPACITY-TYPE\s+INSTANCE-TYPE/);
    // A node consolidation kept says why, in Karpenter's last event on it.
    const down = cli(['examples/seed-lab-scale-up-and-down.yaml']);
    expect(down.stdout).toMatch(
      /^Why these nodes were not consolidated \(Karpenter’s last word on each\):\n {2}ip-[\d-]+\.ec2\.internal: Unconsolidatable at \d+m\d+s: Can't replace with a cheaper node$/m,
    );
  });

  it("a node's last word 'isn't initialized' is called stale once the node initialized", () => {
    // Stopped at 2m30s, before Karpenter's 5-minute re-check looks at the nodes again.
    const r = cli([fixture('blocked-before-initialized.yaml'), '--until', '2m30s']);
    expect(r.code).toBe(0);
    const kept = r.stdout.split('\n').filter((l) => /^ {2}ip-.*: /.test(l));
    const stale = kept.filter((l) => l.includes("initialized after Karpenter's last word on it"));
    expect(stale.length).toBeGreaterThan(0);
    for (const l of stale)
      expect(l).toMatch(
        /\(DisruptionBlocked at \d+m(\d+s)?: Node isn't initialized\); no verdict on it by the end of the run/,
      );
    // No line still gives the stale block as the reason the node is kept.
    expect(
      kept.filter((l) => /: DisruptionBlocked at [^:]+: Node isn't initialized$/.test(l)),
    ).toEqual([]);
    // Until quiet, the run goes on to that re-check: every node then has Karpenter's verdict.
    const quiet = cli([fixture('blocked-before-initialized.yaml')]);
    expect(quiet.stdout).toMatch(/^Simulated 6m30s \(until quiet\)/);
    expect(quiet.stdout).not.toMatch(/initialized after Karpenter's last word/);
  });

  it('--fail-on pending exits 3 and names the pod; without it the same run exits 0', () => {
    const r = cli([fixture('request-no-type-can-hold.yaml'), '--fail-on', 'pending']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(
      /--fail-on pending: 1 pod\(s\) not Running at the end \(first: default\/\S+ Pending/,
    );
    expect(r.stdout).toMatch(/Pods: 0 Running/);
    expect(cli([fixture('seed-lab-scale-up.yaml'), '--fail-on=pending']).code).toBe(0);
    // With --compare-ca the gate still holds, on Karpenter's run (it used to exit 0).
    const ca = cli([
      fixture('request-no-type-can-hold.yaml'),
      '--compare-ca',
      '--fail-on',
      'pending',
    ]);
    expect(ca.code).toBe(3);
    expect(ca.stderr).toMatch(
      /--fail-on pending: 1 pod\(s\) not Running at the end under Karpenter \(first: default\/\S+ Pending/,
    );
    expect(ca.stdout).toMatch(/Cluster Autoscaler/);
  });

  it('a v0.31 pod Pending under a Provisioner is explained as the Provisioner’s, not a NodePool’s', () => {
    const text = readFileSync(join(ROOT, fixture('seed-lab-scale-up.yaml')), 'utf8').replace(
      'cpu: 1\n',
      'cpu: 900\n',
    );
    const r = cli(['-', '--until', '1m'], text);
    expect(r.stdout).toMatch(
      /^ {4}Provisioner default: no instance type the pool allows is big enough/m,
    );
    expect(r.stdout).not.toMatch(/NodePool default:/);
  });

  it('reads stdin (-) and several files as one workspace, with errors located per file', () => {
    const text = readFileSync(join(ROOT, fixture('seed-lab-scale-up.yaml')), 'utf8');
    const fromStdin = cli(['-', '--json'], text);
    expect(fromStdin.code).toBe(0);
    expect(fromStdin.stdout).toBe(cli([fixture('seed-lab-scale-up.yaml'), '--json']).stdout);
    // The same documents split over two files give the same run.
    const [scenario, ...rest] = text.split(/^---$/m);
    const split = cli(['-', fixture('split/objects.yaml'), '--json'], scenario ?? '');
    expect(rest.join('---').trim()).toBe(
      readFileSync(join(ROOT, fixture('split/objects.yaml')), 'utf8').trim(),
    );
    expect(split.stdout).toBe(fromStdin.stdout);
    // A NodePool in one file may name the EC2NodeClass of another: no "not in the workspace".
    const docs = readFileSync(join(ROOT, 'examples/plan/before.yaml'), 'utf8').split(/^---$/m);
    const nodeClass = docs.find((d) => /^kind: EC2NodeClass$/m.test(d)) ?? '';
    const dir = mkdtempSync(join(tmpdir(), 'karpenter-lab-'));
    writeFileSync(join(dir, 'pool.yaml'), docs.filter((d) => d !== nodeClass).join('---'));
    writeFileSync(join(dir, 'class.yaml'), nodeClass);
    const alone = cli([join(dir, 'pool.yaml')]);
    expect(alone.stderr).toContain('EC2NodeClass "default" is not in the workspace');
    const both = cli([join(dir, 'pool.yaml'), join(dir, 'class.yaml')]);
    expect(both.code).toBe(0);
    expect(both.stderr).not.toContain('is not in the workspace');
    const v1 =
      'apiVersion: lab.karpenter.playground/v1alpha1\nkind: Scenario\nmetadata: {name: x}\nspec: {karpenter: {version: v1}}\n';
    const bad = cli(['-', fixture('invalid-operator.yaml')], v1);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^src\/cli\/fixtures\/invalid-operator\.yaml:\d+:\d+: .*operator/m);
  });

  const v1Scenario =
    'apiVersion: lab.karpenter.playground/v1alpha1\nkind: Scenario\nmetadata: {name: x}\nspec: {karpenter: {version: v1}}\n';

  it('reads a directory as its *.yaml files and refuses an object defined in two files', () => {
    const dir = cli([fixture('split'), fixture('seed-lab-scale-up.yaml')]);
    expect(dir.code).toBe(1);
    expect(dir.stderr).toMatch(
      /seed-lab-scale-up\.yaml:\d+:1: Provisioner "default" is defined twice \(first at src\/cli\/fixtures\/split\/objects\.yaml:\d+:1\)/,
    );
    // A second Scenario is located like any other problem, and says where the first is.
    const scenarios = cli(['-', fixture('seed-lab-scale-up.yaml')], v1Scenario);
    expect(scenarios.code).toBe(1);
    expect(scenarios.stderr).toMatch(
      /^src\/cli\/fixtures\/seed-lab-scale-up\.yaml:3:7: kind: only one Scenario document is allowed across the inputs \(the first is at <stdin>:2:7\)$/m,
    );
    // Located input warnings travel in the JSON's warnings too (stderr has them as well).
    const warned = cli(
      ['-', '--json'],
      readFileSync(join(ROOT, fixture('seed-lab-scale-up.yaml')), 'utf8').replace(
        'kind: Deployment\n',
        'kind: Deployment\nbogus: 1\n',
      ),
    );
    expect((JSON.parse(warned.stdout) as { warnings: string[] }).warnings[0]).toMatch(
      /^<stdin>:\d+:\d+: warning: bogus: unknown field/,
    );
    const empty = cli(['-'], '# nothing here\n');
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/^<stdin>: no Kubernetes objects in the input/m);
    expect(cli([fixture('invalid-operator.yaml'), 'src/cli']).stderr).toMatch(
      /src\/cli holds no \.yaml/,
    );
  });

  it('runs an export from another region there, as the page’s Import does', () => {
    const r = cli(['examples/exports/eks-eu-west-1-managed-node-group.yaml']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /^note: Region eu-west-1 and zones eu-west-1a, eu-west-1b come from the nodes' labels/m,
    );
    // m5.xlarge at eu-west-1's price (0.214), not us-east-1's (0.192).
    expect(r.stdout).toMatch(/m5\.xlarge\s+eu-west-1a\s+\$0\.2140/);
    // The prices' date is said once, by the run's warnings (it was also an import note).
    expect(`${r.stderr}${r.stdout}`.match(/prices are from 2022-11-22/g)).toHaveLength(1);
  });

  it('exits 1 with file:line:column errors on invalid input', () => {
    const r = cli([fixture('invalid-operator.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/invalid-operator\.yaml:\d+:\d+: .*operator/);
    expect(r.stdout).toBe('');
  });

  it('exits 1 with a clear limit for 100,000 replicas', () => {
    const r = cli([fixture('hundred-thousand-replicas.yaml'), '--json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/at most 20,000/);
  });

  it('--compare-ca prints Karpenter beside a Cluster Autoscaler node group', () => {
    const r = cli([fixture('seed-lab-scale-up.yaml'), '--compare-ca']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\s+Karpenter v0\.31\s+Cluster Autoscaler$/m);
    expect(r.stdout).toMatch(/^Instances\s+1 × \S+ spot\s+5 × m5\.large on-demand$/m);
    expect(r.stdout).toMatch(/^Time until all pods run\s+\d+s ✓\s+1m\d+s$/m);
    expect(r.stdout).toContain('asgLaunchDelay: 30s (assumed');
    const j = JSON.parse(
      cli([fixture('seed-lab-scale-up.yaml'), '--compare-ca', '--json']).stdout,
    ) as {
      kind: string;
      clusterAutoscaler: {
        metrics: { nodes: { launched: number }; timeToAllRunning: number };
        config: { instanceType: string; scanInterval: number };
      };
    };
    expect(j.kind).toBe('Comparison');
    expect(j.clusterAutoscaler.metrics.nodes.launched).toBe(5);
    // Times in seconds, as in the Simulation and Plan documents.
    expect(j.clusterAutoscaler.config.scanInterval).toBe(10);
    expect(j.clusterAutoscaler.metrics.timeToAllRunning).toBeGreaterThan(60);
    expect(j.clusterAutoscaler.metrics.timeToAllRunning).toBeLessThan(120);
    expect(j.clusterAutoscaler.config.instanceType).toBe('m5.large');
  });

  it('--compare-ca in Markdown is headed like the other reports, its warnings a list', () => {
    const text = readFileSync(join(ROOT, fixture('seed-lab-scale-up.yaml')), 'utf8').replace(
      /^spec:$/m,
      'spec:\n  clusterAutoscaler: { scanInterval: 0s }',
    );
    const md = cli(['-', '--compare-ca', '-o', 'markdown'], text).stdout;
    expect(md).toMatch(
      /^### Karpenter Lab comparison: Karpenter v0\.31 beside Cluster Autoscaler\n\n\| {2}\| Karpenter v0\.31 \| Cluster Autoscaler \|$/m,
    );
    expect(md.startsWith('### ')).toBe(true);
    expect(md).toMatch(
      /\n\n\*\*Warnings \(Cluster Autoscaler\):\*\*\n\n- clusterAutoscaler\.scanInterval: 0s is out of range; using 10s\n$/,
    );
  });

  it('exits 2 on usage errors: no input, unknown flags, bad values, unreadable files', () => {
    for (const argv of [
      [],
      [fixture('seed-lab-scale-up.yaml'), '--frobnicate'],
      [fixture('seed-lab-scale-up.yaml'), '-x'],
      [fixture('seed-lab-scale-up.yaml'), '--output', 'html'],
      [fixture('seed-lab-scale-up.yaml'), '--json=yes'],
      [fixture('seed-lab-scale-up.yaml'), '--fail-on', 'disruption'],
      ['does-not-exist.yaml'],
      ['-', '-'],
    ]) {
      const r = cli(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr, argv.join(' ')).toMatch(/^karpenter-lab: /);
    }
    // A command the CLI does not have reads as a missing file: the message says which it has.
    const convert = cli(['convert', fixture('seed-lab-scale-up.yaml')]);
    expect(convert.code).toBe(2);
    expect(convert.stderr).toMatch(
      /^karpenter-lab: cannot read convert: ENOENT.*\(karpenter-lab has no command "convert": .*plan BEFORE AFTER, or anonymise INPUT; --compare-ca/,
    );
    expect(cli(['does-not-exist.yaml']).stderr).not.toMatch(/no command/);
    expect(cli(['plan', 'before', 'after']).stderr).not.toMatch(/no command/);
  });

  it('says when the Scenario names a Karpenter newer than the lab models, and what runs instead', () => {
    const text = readFileSync(join(ROOT, 'examples/seed-lab-scale-up-and-down.yaml'), 'utf8');
    const at = (v: string) =>
      cli(['-', '--json'], text.replace(/^spec:$/m, `spec:\n  karpenter: {version: '${v}'}`));
    const newer = JSON.parse(at('v1.99').stdout) as { warnings: string[] };
    expect(newer.warnings).toContain(
      "Karpenter v1.99 is newer than the newest version the lab models: it runs with v1.14's behaviour",
    );
    const table = cli(['-'], text.replace(/^spec:$/m, "spec:\n  karpenter: {version: 'v2'}"));
    expect(table.stdout).toMatch(/^Warnings:\n {2}Karpenter v2 is newer than the newest version/m);
    expect((JSON.parse(at('v1.14').stdout) as { warnings: string[] }).warnings).toEqual([]);
  });

  it('--help and --version print and exit 0', () => {
    expect(cli(['--help']).stdout).toMatch(/^usage: karpenter-lab \[simulate\]/);
    expect(cli(['plan', '--help']).stdout).toMatch(/^usage: karpenter-lab plan <before> <after>/);
    expect(cli(['--version']).stdout).toMatch(/^karpenter-lab \d+\.\d+\.\d+\n$/);
  });

  it('reports when consolidation ran out of its modelled computation time, and only then', () => {
    const r = cli([fixture('consolidation-timeout.yaml'), '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { consolidationTimeouts?: Record<string, number> };
    // 1 min a dry run: 4 of 5 nodes in 3 min; the first pass at 50 s, then every 4 min 10 s.
    expect(j.consolidationTimeouts).toEqual({ singleNode: 5, multiNode: 0, first: 50, last: 1050 });
    const table = cli([fixture('consolidation-timeout.yaml')]).stdout;
    expect(table).toContain(
      'Consolidation ran out of time between 50s and 17m30s: single-node gave up 5 time(s) after 3 min, multi-node 0 time(s) after 1 min',
    );
    expect(table).toMatch(/^Timing assumptions:\n( {2}.*\n)* {2}dryRunPerPod: 1m \(assumed\)$/m);
    const seed = cli([fixture('seed-lab-scale-up.yaml'), '--json']).stdout;
    expect(seed).not.toContain('consolidationTimeouts');
  });
});

describe('CLI arguments', () => {
  it('parses flags in both --flag value and --flag=value forms', () => {
    expect(parseArgs(['w.yaml', '--json', '--until', '10m', '--seed=3'])).toEqual({
      command: 'simulate',
      inputs: ['w.yaml'],
      output: 'json',
      failOn: [],
      compareCa: false,
      fixes: false,
      until: 600_000,
      seed: 3,
    });
    expect(parseArgs(['plan', 'a', 'b', '--fail-on', 'pending,cost-increase'])).toMatchObject({
      command: 'plan',
      inputs: ['a', 'b'],
      failOn: ['pending', 'cost-increase'],
    });
    expect(parseArgs(['--until', 'soon', 'w.yaml'])).toMatchObject({
      error: expect.stringContaining('--until'),
    });
    expect(parseArgs(['--until', '90', 'w.yaml'])).toMatchObject({
      error: '--until needs a duration with a unit such as 90s, 10m or 1h, got "90"',
    });
    expect(parseArgs(['--until', '0s', 'w.yaml'])).toMatchObject({
      error: '--until must be longer than 0, got "0s"',
    });
    expect(parseArgs(['--until', '200h', 'w.yaml'])).toMatchObject({
      error: '--until 200h is longer than the lab simulates (at most 168h, one week)',
    });
    expect(parseArgs(['--until', '1m', '--until', '2m', 'w.yaml'])).toMatchObject({
      error: expect.stringContaining('twice'),
    });
    expect(parseArgs(['--seed', '4294967296', 'w.yaml'])).toMatchObject({
      error: expect.stringContaining('0 to 4294967295'),
    });
    expect(parseArgs(['plan', 'a'])).toMatchObject({
      error: expect.stringContaining('two'),
      command: 'plan',
    });
    expect(parseArgs(['w.yaml', '-ojson'])).toMatchObject({ output: 'json' });
    expect(parseArgs(['w.yaml', '-o=yaml'])).toMatchObject({ output: 'yaml' });
    expect(parseArgs(['--help=x'])).toMatchObject({ error: '--help takes no value' });
    expect(cli(['plan', '--bogus']).stderr).toMatch(/usage: karpenter-lab plan/);
    expect(parseArgs(['w.yaml', '--json', '-o', 'yaml'])).toMatchObject({
      error: expect.stringContaining('twice'),
    });
    expect(parseArgs(['--', '--odd-file-name.yaml'])).toMatchObject({
      inputs: ['--odd-file-name.yaml'],
    });
    expect(parseArgs(['--help'])).toEqual({ help: 'simulate' });
  });
});

describe('the report headline', () => {
  it('says which version a bare "v1" runs as, and a named one as written', () => {
    const bare = cli(['examples/seed-lab-scale-up-and-down.yaml', '--until', '1m']);
    expect(bare.stdout.split('\n')[0]).toMatch(
      /· Karpenter v1 \(as v1\.14, the newest the lab models; v1 semantics\)$/,
    );
    const named = cli(
      ['-', '--until', '1m'],
      'apiVersion: lab.karpenter.playground/v1alpha1\nkind: Scenario\nmetadata: {name: s}\nspec: {karpenter: {version: v1.5}}\n',
    );
    expect(named.stdout.split('\n')[0]).toMatch(/· Karpenter v1\.5 \(v1 semantics\)$/);
  });
});
