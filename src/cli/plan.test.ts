// `karpenter-lab plan` through runCli: the formats, stdin, and --fail-on exit codes.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { cliRun as cli, ROOT } from './testing.ts';

const ex = (name: string): string => join('examples', 'plan', name);

describe('karpenter-lab plan', { timeout: 120_000 }, () => {
  it('prints the report as a table, with the drift field, the order and the cost', () => {
    const r = cli(['plan', ex('before.yaml'), ex('after-categories.yaml')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^Plan: examples\/plan\/before\.yaml → examples\/plan\/after-categories\.yaml$/m,
    );
    expect(r.stdout).toMatch(
      /NodePool\/default configured: spec\.template\.spec\.requirements\[2\]\.values: \["c","m","r"\] → \["m"\]/,
    );
    expect(r.stdout).toMatch(/^Drifted NodeClaims: 3$/m);
    expect(r.stdout).toMatch(
      /^ {2}1 +default-\w+ +Drifted +\+0s +\+\d+s +\+1m\d+s +m5a\.large on-demand ready \+\d+s$/m,
    );
    expect(r.stdout).toMatch(/Cost: \$0\.2295\/h before → \$0\.2580\/h after \(\+\$0\.0285\/h\)/);
  });

  it('JSON and YAML carry apiVersion and kind Plan with the same fields; Markdown has tables', () => {
    const j = JSON.parse(
      cli(['plan', ex('before.yaml'), ex('after-ami.yaml'), '-o', 'json']).stdout,
    ) as Record<string, unknown>;
    expect(j).toMatchObject({ apiVersion: 'cli.karpenter.playground/v1', kind: 'Plan' });
    for (const k of [
      'appliedAt',
      'changes',
      'drifted',
      'replacements',
      'blocked',
      'pods',
      'timeToConverge',
      'cost',
      'pending',
    ])
      expect(j).toHaveProperty(k);
    const y = parseYaml(
      cli(['plan', ex('before.yaml'), ex('after-ami.yaml'), '-o', 'yaml']).stdout,
    ) as unknown;
    expect(y).toEqual(j);
    const md = cli(['plan', ex('before.yaml'), ex('after-ami.yaml'), '-o', 'markdown']).stdout;
    expect(md).toMatch(/^### Plan: /);
    expect(md).toMatch(
      /^\| # \| NODECLAIM \| REASON \| DECIDED \| DRAIN \| GONE \| REPLACED BY \|$/m,
    );
  });

  it('a change the API server refuses (an immutable selector) is reported, and exits 1', () => {
    const text = readFileSync(join(ROOT, ex('before.yaml')), 'utf8');
    const after = text.replaceAll('app: web', 'app: web2');
    expect(after).not.toBe(text);
    const r = cli(['plan', ex('before.yaml'), '-'], after);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /kubectl apply failed: The Deployment "web" is invalid: spec\.selector: Invalid value: \{"matchLabels":\{"app":"web2"\}\}: field is immutable/,
    );
    expect(r.stderr).toMatch(/^karpenter-lab plan: kubectl apply failed: The Deployment "web"/m);
  });

  it('an AFTER holding only the changed NodePool: no false warnings about what BEFORE has', () => {
    const text = readFileSync(join(ROOT, ex('after-categories.yaml')), 'utf8');
    const pool = text.split(/^---$/m).find((d) => /^kind: NodePool$/m.test(d)) ?? '';
    expect(pool).toMatch(/nodeClassRef/);
    const r = cli(['plan', ex('before.yaml'), '-'], pool);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/is not in the workspace/);
    expect(r.stdout).not.toMatch(/Scenario differs/);
    expect(r.stdout).toMatch(/^Drifted NodeClaims: 3$/m);
  });

  it('a drifted NodeClaim Karpenter does not replace is named with its blocker, not hidden in “Converged”', () => {
    // The PDB allows no eviction: drift is blocked for good. Karpenter said so before the apply
    // (its DisruptionBlocked events are deduplicated, so nothing new follows the apply).
    const before = readFileSync(join(ROOT, ex('before.yaml')), 'utf8').replace(
      'maxUnavailable: 1',
      'maxUnavailable: 0',
    );
    const text = readFileSync(join(ROOT, ex('after-categories.yaml')), 'utf8');
    const pool = join(mkdtempSync(join(tmpdir(), 'karpenter-lab-plan-')), 'pool.yaml');
    writeFileSync(pool, text.split(/^---$/m).find((d) => /^kind: NodePool$/m.test(d)) ?? '');
    const r = cli(['plan', '-', pool], before);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Drifted NodeClaims: 3$/m);
    expect(r.stdout).toMatch(
      /^Still drifted once converged: 3 of 3 \(Karpenter did not replace them\)$/m,
    );
    expect(r.stdout).toMatch(
      /^ {2}default-\w+ \(ip-[\d-]+\.ec2\.internal\): Pdb prevents pod evictions \(PodDisruptionBudget=\[default\/web\]\) — A PodDisruptionBudget currently allows no more disruptions/m,
    );
    expect(r.stdout).toMatch(
      /Converged 0s after the apply \(at \d+m\), with 3 drifted NodeClaim\(s\) not replaced;/,
    );
    const j = JSON.parse(cli(['plan', '-', pool, '--json'], before).stdout) as {
      drifted: { replacedAt: number | null; kept?: { reason: string | null } }[];
    };
    expect(j.drifted.map((d) => d.kept?.reason)).toEqual(
      Array(3).fill('Pdb prevents pod evictions (PodDisruptionBudget=[default/web])'),
    );
    // A CI gate sees it: nothing was disrupted, so only still-drifted holds.
    const gate = cli(['plan', '-', pool, '--fail-on', 'still-drifted,disruption'], before);
    expect(gate.code).toBe(3);
    expect(gate.stderr).toMatch(
      /^karpenter-lab plan: --fail-on still-drifted: 3 of 3 drifted NodeClaim\(s\) not replaced once converged \(first: default-\w+: Pdb prevents pod evictions \(PodDisruptionBudget=\[default\/web\]\)\)$/m,
    );
    expect(gate.stderr).not.toMatch(/--fail-on disruption/);
    // A drift that goes through has no `kept`.
    const done = JSON.parse(
      cli(['plan', ex('before.yaml'), ex('after-categories.yaml'), '--json']).stdout,
    ) as { drifted: Record<string, unknown>[] };
    for (const d of done.drifted) expect(d).not.toHaveProperty('kept');
  });

  it('an evicted pod is paired with the pod made after it, not with one a scale-up made before', () => {
    // 6 → 8 replicas with bigger requests (a rollout that also scales up) and a category change
    // (drift): the two scale-up pods are not the replacements of pods the drift evicts later.
    const after = readFileSync(join(ROOT, ex('after-requests.yaml')), 'utf8')
      .replace('replicas: 6', 'replicas: 8')
      .replace('values: [c, m, r]', 'values: [m]');
    const r = cli(['plan', ex('before.yaml'), '-', '--json'], after);
    expect(r.code).toBe(0);
    const pods = (JSON.parse(r.stdout) as { pods: Record<string, unknown>[] }).pods;
    const evicted = pods.filter((p) => p.by === 'eviction');
    expect(evicted.length).toBeGreaterThan(0);
    for (const p of evicted) {
      // A new pod needs at least its image pull (2 s) to run; an older one was Running already.
      expect(p.notRunningSeconds).toBeGreaterThanOrEqual(2);
      expect(p.toNode).not.toBe(p.fromNode);
    }
  });

  it('keeps the outcome readable: a pending pod’s reason is cut to its first clause', () => {
    const text = readFileSync(join(ROOT, ex('before.yaml')), 'utf8');
    const huge = text.replace(
      'requests: { cpu: 500m, memory: 512Mi }',
      "requests: { cpu: '500', memory: 512Mi }",
    );
    const r = cli(['plan', ex('before.yaml'), '-'], huge);
    const line = r.stdout.split('\n').find((l) => l.includes('not Running once converged')) ?? '';
    expect(line).toMatch(/^ {2}3 pod\(s\) not Running once converged: default\/web-/);
    expect(line.length).toBeLessThan(450); // three whole reasons made ~1,200
  });

  it('reads BEFORE from stdin', () => {
    const text = readFileSync(join(ROOT, ex('before.yaml')), 'utf8');
    const r = cli(['plan', '-', ex('after-budget.yaml'), '--json'], text);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      before: '<stdin>',
      drifted: [],
      replacements: [],
    });
  });

  it('--fail-on exits 3 only for a condition that holds, and says which', () => {
    const args = ['plan', ex('before.yaml'), ex('after-categories.yaml')];
    const cost = cli([...args, '--fail-on', 'cost-increase']);
    expect(cost.code).toBe(3);
    expect(cost.stderr).toMatch(/--fail-on cost-increase: \$\/h rises from \$0\.2295 to \$0\.2580/);
    const d = cli([...args, '--fail-on=disruption,pending']);
    expect(d.code).toBe(3);
    expect(d.stderr).toMatch(/--fail-on disruption: 3 NodeClaim\(s\) disrupted, 6 pod\(s\) moved/);
    expect(d.stderr).not.toMatch(/--fail-on pending/);
    expect(cli([...args, '--fail-on', 'pending,still-drifted']).code).toBe(0);
    const budget = ['plan', ex('before.yaml'), ex('after-budget.yaml')];
    expect(cli([...budget, '--fail-on', 'disruption,cost-increase']).code).toBe(0);
  });

  it('usage errors exit 2; invalid AFTER exits 1 with a located error', () => {
    expect(cli(['plan', ex('before.yaml')]).code).toBe(2);
    expect(cli(['plan', ex('before.yaml'), ex('after-ami.yaml'), '--until', '5m']).code).toBe(2);
    expect(cli(['plan', ex('before.yaml'), ex('after-ami.yaml'), '--compare-ca']).code).toBe(2);
    const bad = cli(['plan', ex('before.yaml'), 'src/cli/fixtures/invalid-operator.yaml']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/invalid-operator\.yaml:\d+:\d+: /);
  });
});
