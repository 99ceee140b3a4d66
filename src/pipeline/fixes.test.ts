import { describe, expect, it } from 'vitest';
import { applyFix, fixSteps, suggestFixes } from './fixes.ts';
import { simulateWorkspace } from './run.ts';
import { NODE_CLASS_YAML } from '../sim/storage/testing.ts';

const CLASS = `---\n${NODE_CLASS_YAML}`;
const pool = (spec: string, ref = 'default') => `apiVersion: karpenter.sh/v1
kind: NodePool
metadata: { name: default }
spec:
${spec}  template:
    spec:
      nodeClassRef: { group: karpenter.k8s.aws, kind: EC2NodeClass, name: ${ref} }
      requirements:
        - { key: karpenter.sh/capacity-type, operator: In, values: [on-demand] }
        - { key: topology.kubernetes.io/zone, operator: In, values: [us-east-1a] }
`;
const web = (podSpec = '', replicas = 3) => `---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: ${replicas}
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
${podSpec}      containers: [{ name: c, image: pause, resources: { requests: { cpu: '1' } } }]
`;
const OPTS = { file: 'workspace.yaml', seed: 1 };

/** A Pending pod of the workspace's run, by key. */
function pendingPod(text: string): string {
  const tl = simulateWorkspace(text, OPTS).session.timeline;
  const p = [...tl.final.pods.values()].find((q) => q.phase === 'Pending');
  if (!p) throw new Error('no pending pod');
  return p.key;
}
const titles = (text: string) =>
  suggestFixes(text, pendingPod(text), OPTS).fixes.map((f) => f.title);

describe('what would fix a Pending pod, each edit checked by a run', () => {
  it('a taint it does not tolerate: a toleration in its Deployment', () => {
    const text =
      pool('').replace(
        '      requirements:',
        '      taints: [{ key: dedicated, value: batch, effect: NoSchedule }]\n      requirements:',
      ) +
      web() +
      CLASS;
    expect(titles(text)).toEqual(['Tolerate the taint dedicated:NoSchedule in Deployment "web"']);
  });

  it('a zone the pool rules out: the selector goes, or the pool’s requirement does', () => {
    const text =
      pool('') + web('      nodeSelector: { topology.kubernetes.io/zone: us-east-1b }\n') + CLASS;
    const r = suggestFixes(text, pendingPod(text), OPTS);
    expect(r.pending).toBe(true);
    expect(r.fixes.map((f) => f.title).sort()).toEqual([
      'Drop NodePool "default"\'s requirement on topology.kubernetes.io/zone (the pod asks for a value it rules out)',
      'Remove the nodeSelector topology.kubernetes.io/zone=us-east-1b from Deployment "web"',
    ]);
    for (const f of r.fixes) {
      expect(f.running).toBe(3);
      expect(f.of).toBe(3);
      expect(f.costPerHour).toBeGreaterThan(0);
      expect(f.baseCostPerHour).toBe(0);
    }
  });

  it('limits the pods need more than: the limits go', () => {
    const text = pool("  limits: { cpu: '2' }\n") + web('', 6) + CLASS;
    expect(titles(text)).toEqual(['Remove NodePool "default"\'s limits']);
  });

  it('a NodePool naming a node class that does not exist: point it at the one that does', () => {
    const text = pool('', 'defualt') + web() + CLASS;
    expect(titles(text)).toEqual([
      'Point NodePool "default" at the EC2NodeClass "default" (it names "defualt", which does not exist)',
    ]);
  });

  it('minValues the pool cannot meet: the minValues goes', () => {
    const text =
      pool('').replace(
        '        - { key: topology.kubernetes.io/zone, operator: In, values: [us-east-1a] }\n',
        '        - { key: karpenter.k8s.aws/instance-family, operator: In, values: [m5, t3], minValues: 2 }\n' +
          '        - { key: karpenter.k8s.aws/instance-size, operator: In, values: [24xlarge] }\n',
      ) +
      web() +
      CLASS;
    expect(text).toContain('minValues: 2');
    // Only m5 has a 24xlarge, so two families cannot be had: the pool is left with no type.
    // Dropping the minValues, or the size, or the family requirement each lets the pods run.
    expect(titles(text).sort()).toEqual([
      'Drop NodePool "default"\'s requirement on karpenter.k8s.aws/instance-family (it leaves no instance type)',
      'Drop NodePool "default"\'s requirement on karpenter.k8s.aws/instance-size (it leaves no instance type)',
      'Drop minValues 2 from NodePool "default"\'s requirement on karpenter.k8s.aws/instance-family',
    ]);
  });

  it('a zonal spread over three domains in a one-zone pool: ScheduleAnyway (without its minDomains), no minDomains, or a wider pool', () => {
    const spread =
      '      topologySpreadConstraints:\n' +
      '        - { maxSkew: 1, minDomains: 3, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: { matchLabels: { app: web } } }\n';
    const text = pool('') + web(spread) + CLASS;
    const r = suggestFixes(text, pendingPod(text), OPTS);
    expect(r.fixes.map((f) => f.title).sort()).toEqual([
      'Drop NodePool "default"\'s requirement on topology.kubernetes.io/zone (the spread needs more domains than it allows)',
      'Drop minDomains 3 from Deployment "web"\'s spread over topology.kubernetes.io/zone',
      'Let Deployment "web"\'s spread over topology.kubernetes.io/zone be skewed when it cannot be met (whenUnsatisfiable: ScheduleAnyway)',
    ]);
    expect(r.failed).toEqual([]);
  });

  it('two problems: no edit alone is enough, so each that moved the pod on is followed by a second', () => {
    const text =
      pool('').replace(
        '      requirements:',
        '      taints: [{ key: dedicated, value: batch, effect: NoSchedule }]\n      requirements:',
      ) +
      web('      nodeSelector: { topology.kubernetes.io/zone: us-east-1b }\n') +
      CLASS;
    const r = suggestFixes(text, pendingPod(text), OPTS);
    const tolerate = 'Tolerate the taint dedicated:NoSchedule in Deployment "web"';
    expect(r.fixes.map((f) => f.title).sort()).toEqual([
      `${tolerate}, and drop NodePool "default"'s requirement on topology.kubernetes.io/zone (the pod asks for a value it rules out)`,
      `${tolerate}, and remove the nodeSelector topology.kubernetes.io/zone=us-east-1b from Deployment "web"`,
    ]);
    // What the first edit left to do is said: the pool's zone still rules the pod out.
    expect(r.failed).toEqual([
      { title: tolerate, running: 0, of: 3, still: 'default: requirements the pod does not match' },
    ]);
    expect(r.tried).toBe(3);
    // Applied as the page applies it (both edits), every pod runs.
    for (const f of r.fixes) {
      expect(fixSteps(f).map((s) => s.title)[0]).toBe(tolerate);
      const edited = applyFix(text, f);
      if (!edited.ok) throw new Error(edited.error);
      const tl = simulateWorkspace(edited.text, OPTS).session.timeline;
      expect([...tl.final.pods.values()].map((p) => p.phase)).toEqual([
        'Running',
        'Running',
        'Running',
      ]);
    }
  });

  it('a pod bigger than what the limits leave: the limits go (Karpenter drops the types over them first)', () => {
    const text =
      pool("  limits: { cpu: '4' }\n") + web('', 2).replace("cpu: '1'", "cpu: '6'") + CLASS;
    expect(titles(text)).toEqual(['Remove NodePool "default"\'s limits']);
  });

  it('the same two edits are one pair, whichever came first', () => {
    // Two pools, each tainted; the pod asks for a zone neither allows. Tolerating either taint
    // alone moves it on to the zone; both tolerations are one pair, tried once.
    const tainted = (name: string, key: string) =>
      pool('')
        .replace('metadata: { name: default }', `metadata: { name: ${name} }`)
        .replace(
          '      requirements:',
          `      taints: [{ key: ${key}, effect: NoSchedule }]\n      requirements:`,
        );
    const text =
      tainted('a', 'dedicated') +
      '---\n' +
      tainted('b', 'team') +
      web('      nodeSelector: { topology.kubernetes.io/zone: us-east-1b }\n') +
      CLASS;
    const r = suggestFixes(text, pendingPod(text), OPTS);
    const both = [...r.fixes, ...r.failed].filter(
      (f) => f.title.includes('dedicated') && f.title.includes('team'),
    );
    expect(both).toHaveLength(1);
    expect(r.pairs).toBe(r.tried - 2);
  });

  it('a pool that is not Ready is not in the reasons, but pointing it at the class that exists is tried', () => {
    // Pool "a" is Ready but tainted; pool "b" names a class that does not exist. Karpenter's
    // reasons speak of "a" only.
    const a = pool('')
      .replace(
        '      requirements:',
        '      taints: [{ key: dedicated, value: batch, effect: NoSchedule }]\n      requirements:',
      )
      .replace('metadata: { name: default }', 'metadata: { name: a }');
    const b = pool('', 'defualt').replace('metadata: { name: default }', 'metadata: { name: b }');
    const text = `${a}---\n${b}${web()}${CLASS}`;
    expect(titles(text).sort()).toEqual([
      'Point NodePool "b" at the EC2NodeClass "default" (it names "defualt", which does not exist)',
      'Tolerate the taint dedicated:NoSchedule in Deployment "web"',
    ]);
  });

  it('names a workload outside "default" with its namespace', () => {
    const text =
      pool('').replace(
        '      requirements:',
        '      taints: [{ key: dedicated, value: batch, effect: NoSchedule }]\n      requirements:',
      ) +
      web().replace('metadata: { name: web }', 'metadata: { name: web, namespace: team-a }') +
      CLASS;
    expect(titles(text)).toEqual([
      'Tolerate the taint dedicated:NoSchedule in Deployment "team-a/web"',
    ]);
  });

  it('offers nothing for a pod that runs, and no edit that does not help', () => {
    const text = pool('') + web() + CLASS;
    const tl = simulateWorkspace(text, OPTS).session.timeline;
    const running = [...tl.final.pods.values()][0]?.key ?? '';
    expect(suggestFixes(text, running, OPTS)).toEqual({
      pending: false,
      tried: 0,
      fixes: [],
      failed: [],
    });
    expect(suggestFixes(text, 'default/gone', OPTS)).toMatchObject({ pending: false, gone: true });
    // A 2,000-CPU pod: no instance type is that big, so no edit among those tried helps.
    const huge = pool('') + web('', 1).replace("cpu: '1'", "cpu: '2000'") + CLASS;
    const r = suggestFixes(huge, pendingPod(huge), OPTS);
    expect(r.pending).toBe(true);
    expect(r.fixes).toEqual([]);
  });
});
