// `--fixes` through the whole CLI path: the inputs as files on disk, the edits checked by runs of
// the edited files, and each fix's diff applied back to its file and run again.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs } from './args.ts';
import type { CliFixes } from './fixes.ts';
import { runCli } from './run.ts';
import { applyUnifiedDiff, cliRun as cli, ROOT } from './testing.ts';

const POOL = `apiVersion: karpenter.sh/v1
kind: NodePool
metadata:
  name: default
spec:
  template:
    spec:
      nodeClassRef:
        group: karpenter.k8s.aws
        kind: EC2NodeClass
        name: default
      taints:
        - key: dedicated
          value: batch
          effect: NoSchedule
      requirements:
        - key: karpenter.sh/capacity-type
          operator: In
          values: ["on-demand"]
---
apiVersion: karpenter.k8s.aws/v1
kind: EC2NodeClass
metadata:
  name: default
spec:
  role: KarpenterNodeRole
  amiSelectorTerms: [{ alias: al2023@latest }]
  subnetSelectorTerms: [{ tags: { karpenter.sh/discovery: lab } }]
  securityGroupSelectorTerms: [{ tags: { karpenter.sh/discovery: lab } }]
`;
const APP = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: c
          image: pause
          resources:
            requests:
              cpu: "1"
`;

/** A directory of two files: the pool (tainted) and the workload (no toleration). */
function inputs(app = APP): { dir: string; app: string } {
  const dir = mkdtempSync(join(tmpdir(), 'karpenter-lab-fixes-'));
  writeFileSync(join(dir, 'pool.yaml'), POOL);
  writeFileSync(join(dir, 'web.yaml'), app);
  return { dir, app: join(dir, 'web.yaml') };
}

describe('simulate --fixes', { timeout: 60_000 }, () => {
  it('offers the toleration as a diff of the file that defines the workload; applied, every pod runs', () => {
    const { dir, app } = inputs();
    const r = cli([dir, '--fixes']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'What would fix it (each edit checked by running the inputs again, seed 1):',
    );
    expect(r.stdout).toContain('  Deployment/default/web: 3 pods Pending');
    expect(r.stdout).toMatch(
      /✓ Tolerate the taint dedicated:NoSchedule in Deployment "web": all 3 pods Running, \$\d+\.\d{4}\/h \(now \$0\.0000\/h\)/,
    );

    // Markdown (a pull-request comment): each fix with its diff in a diff code block.
    expect(cli([dir, '--fixes', '-o', 'markdown']).stdout).toContain(
      `- ✓ Tolerate the taint dedicated:NoSchedule in Deployment "web": all 3 pods Running`,
    );
    expect(cli([dir, '--fixes', '-o', 'markdown']).stdout).toContain(
      `  \`\`\`diff\n  --- ${app}\n  +++ ${app}\n  @@ `,
    );
    const j = JSON.parse(cli([dir, '--fixes', '--json']).stdout) as { fixes: CliFixes };
    const [w] = j.fixes.workloads;
    expect(w).toMatchObject({ workload: 'Deployment/default/web', pending: 3, tried: 1 });
    const [fix] = w?.fixes ?? [];
    expect(fix).toMatchObject({
      files: [app],
      targets: [{ kind: 'Deployment', name: 'web' }],
      running: 3,
      of: 3,
    });
    expect(fix?.diff).toContain(`--- ${app}\n+++ ${app}\n`);
    writeFileSync(app, applyUnifiedDiff(readFileSync(app, 'utf8'), fix?.diff ?? ''));
    expect(readFileSync(app, 'utf8')).toBe(
      `${APP}      tolerations:\n        - key: dedicated\n          operator: Exists\n          effect: NoSchedule\n`,
    );
    const after = JSON.parse(cli([dir, '--json']).stdout) as {
      pods: { phase: string }[];
      cost: { perHour: number };
    };
    expect(after.pods.map((p) => p.phase)).toEqual(['Running', 'Running', 'Running']);
    expect(after.cost.perHour).toBeCloseTo(fix?.costPerHour ?? -1, 6);
  });

  it('two problems: the toleration alone is not enough, so it is followed by a second edit', () => {
    const { dir } = inputs(
      APP.replace(
        '    spec:\n      containers',
        '    spec:\n      nodeSelector:\n        topology.kubernetes.io/zone: mars-1a\n      containers',
      ),
    );
    const r = cli([dir, '--fixes']);
    const tolerate = 'Tolerate the taint dedicated:NoSchedule in Deployment "web"';
    expect(r.stdout).toContain(`✗ ${tolerate}: 0 of 3 pods Running`);
    expect(r.stdout).toMatch(
      new RegExp(
        `✓ ${tolerate}, and remove the nodeSelector topology.kubernetes.io/zone=mars-1a from Deployment "web": all 3 pods Running`,
      ),
    );
  });

  it('says so when every pod runs, in Markdown too', () => {
    const { dir } = inputs(
      APP.replace(
        '      containers:',
        '      tolerations: [{ key: dedicated, operator: Exists }]\n      containers:',
      ),
    );
    expect(cli([dir, '--fixes']).stdout).toContain('  nothing: every pod is Running at the end');
    expect(cli([dir, '--fixes', '-o', 'markdown']).stdout).toContain(
      '**What would fix it** (each edit checked by running the inputs again, seed 1)\n\nNothing: every pod is Running at the end.',
    );
  });

  it('is an option of simulate alone, and not with --compare-ca', () => {
    expect(parseArgs(['plan', 'a', 'b', '--fixes'])).toMatchObject({
      error: '--fixes is not an option of plan',
    });
    expect(parseArgs(['a', '--fixes', '--compare-ca'])).toMatchObject({
      error: '--fixes and --compare-ca cannot be used together',
    });
    expect(parseArgs(['a', '--fixes=yes'])).toMatchObject({ error: '--fixes takes no value' });
    expect(parseArgs(['a', '--fixes'])).toMatchObject({ fixes: true });
  });
});

describe('examples/pending (the README and docs/cli.md example)', { timeout: 60_000 }, () => {
  it('is stuck twice over, and each fix offered is a pair that makes all 4 pods run', () => {
    const j = JSON.parse(cli(['examples/pending', '--fixes', '--json']).stdout) as {
      pods: { phase: string }[];
      fixes: CliFixes;
    };
    expect(j.pods.map((p) => p.phase)).toEqual(['Pending', 'Pending', 'Pending', 'Pending']);
    const [w] = j.fixes.workloads;
    expect(w?.fixes.length).toBe(2);
    for (const f of w?.fixes ?? []) {
      expect(f.targets).toHaveLength(2);
      expect(f).toMatchObject({ running: 4, of: 4 });
    }
    // Each fix's diffs, applied to a copy of the two files, make a workspace whose pods all run.
    for (const f of w?.fixes ?? []) {
      const dir = mkdtempSync(join(tmpdir(), 'karpenter-lab-pending-'));
      for (const name of ['nodepool.yaml', 'report.yaml'])
        writeFileSync(join(dir, name), readFileSync(join(ROOT, 'examples/pending', name), 'utf8'));
      const perFile = f.diff.split(/^(?=--- )/m).filter((d) => d !== '');
      expect(perFile.map((d) => d.slice(4, d.indexOf('\n')))).toEqual(f.files);
      for (const d of perFile) {
        const file = join(dir, d.slice(4, d.indexOf('\n')).split('/').pop() ?? '');
        writeFileSync(file, applyUnifiedDiff(readFileSync(file, 'utf8'), d));
      }
      const after = JSON.parse(cli([dir, '--json']).stdout) as { pods: { phase: string }[] };
      expect(after.pods.map((p) => p.phase)).toEqual(['Running', 'Running', 'Running', 'Running']);
    }
    expect(w?.failed).toEqual([
      {
        title: 'Tolerate the taint dedicated:NoSchedule in Deployment "report"',
        running: 0,
        of: 4,
        still: 'batch: requirements the pod does not match',
      },
    ]);
  });
});

describe('simulate --fixes, nodes Karpenter keeps', { timeout: 60_000 }, () => {
  it('offers the edit that lets a kept node go, as a diff that makes the run end cheaper', () => {
    const dir = mkdtempSync(join(tmpdir(), 'karpenter-lab-kept-'));
    const pool = POOL.replace(/ {6}taints:\n(.*\n){3}/, '').replace(
      '---\napiVersion: karpenter.k8s.aws/v1',
      '  disruption:\n    consolidationPolicy: WhenEmpty\n    consolidateAfter: 30s\n---\napiVersion: karpenter.k8s.aws/v1',
    );
    writeFileSync(join(dir, 'pool.yaml'), pool);
    writeFileSync(
      join(dir, 'web.yaml'),
      `apiVersion: lab.karpenter.playground/v1alpha1
kind: Scenario
metadata:
  name: s
spec:
  until: 30m
  actions:
    - { at: 5m, run: kubectl scale deployment web --replicas=1 }
---
${APP.replace('replicas: 3', 'replicas: 10')}`,
    );
    const r = cli([dir, '--fixes']);
    expect(r.stdout).toContain(
      'What would let Karpenter consolidate the nodes it keeps (checked the same way):',
    );
    const j = JSON.parse(cli([dir, '--fixes', '--json']).stdout) as { fixes: CliFixes };
    const [kept] = j.fixes.nodes;
    expect(kept?.reason).toBe(
      'NodePool "default" has consolidation policy WhenEmpty, but node is not empty',
    );
    const [fix] = kept?.fixes ?? [];
    expect(fix?.title).toBe(
      'Let NodePool "default" consolidate nodes that are not empty (consolidationPolicy: WhenEmptyOrUnderutilized)',
    );
    expect(fix?.costPerHour).toBeLessThan(fix?.baseCostPerHour ?? 0);
    const file = join(dir, 'pool.yaml');
    expect(fix?.files).toEqual([file]);
    writeFileSync(file, applyUnifiedDiff(readFileSync(file, 'utf8'), fix?.diff ?? ''));
    const after = JSON.parse(cli([dir, '--json']).stdout) as { cost: { perHour: number } };
    expect(after.cost.perHour).toBeCloseTo(fix?.costPerHour ?? -1, 6);
  });
});

describe('simulate --fixes, progress', { timeout: 60_000 }, () => {
  it('says which edit is being tried while its run goes', () => {
    // Enough pods for the engine to report progress (every 256 of its steps).
    const { dir } = inputs(APP.replace('replicas: 3', 'replicas: 300'));
    const phases = new Set<string>();
    runCli([dir, '--fixes'], {
      stdout: () => undefined,
      stderr: () => undefined,
      readFile: (p) => readFileSync(p, 'utf8'),
      listDir: (p) => (p === dir ? readdirSync(p) : undefined),
      onProgress: (p) => phases.add(p.phase),
    });
    expect([...phases]).toContain(
      '--fixes: Tolerate the taint dedicated:NoSchedule in Deployment "web"',
    );
  });
});
