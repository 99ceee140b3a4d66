import { describe, expect, it } from 'vitest';
import { explainPod } from '../../explain/index.ts';
import { simulateText, timelineOf } from '../../fidelity/harness.ts';
import { runCommand } from '../../kubectl/run.ts';
import { at } from '../../kubectl/testing.ts';
import { NODE_CLASS_YAML } from '../storage/testing.ts';

// provisioner.go NewScheduler drops a NodePool that is not Ready ("ignoring nodepool, not ready");
// NodeClassReady=False makes it so when the class its nodeClassRef names does not exist.
const CLASS = (name: string, heldBack = false) =>
  `---\n${NODE_CLASS_YAML.replace(
    'metadata: { name: default }',
    `metadata: { name: ${name}${heldBack ? ', annotations: { lab.karpenter.playground/held-back: cls }' : ''} }`,
  )}`;
const WORKSPACE = (actions = '') => `apiVersion: lab.karpenter.playground/v1alpha1
kind: Scenario
metadata: { name: not-ready }
spec:
  until: 5m
${actions}---
apiVersion: karpenter.sh/v1
kind: NodePool
metadata: { name: default }
spec:
  template:
    spec:
      nodeClassRef: { group: karpenter.k8s.aws, kind: EC2NodeClass, name: defualt }
      requirements: []
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 3
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: c, image: pause, resources: { requests: { cpu: '1' } } }]
`;
const running = (j: ReturnType<typeof simulateText>) =>
  j.pods.filter((p) => p.phase === 'Running').length;

describe('a NodePool whose node class does not exist', () => {
  it('is ignored when the workspace defines other classes: no node, pods Pending, and why', () => {
    const j = simulateText(WORKSPACE() + CLASS('default'));
    expect(j.nodes).toHaveLength(0);
    expect(running(j)).toBe(0);
    expect(j.pods[0]?.reason).toBe('no nodepools found');
    expect(j.pods[0]?.nodePools?.[0]?.plain).toBe(
      'No NodePool is Ready, so Karpenter ignores them all: NodePool "default" (NodeClassReady=False: EC2NodeClass "defualt" does not exist).',
    );
  });

  it('is served when the workspace defines no class at all (taken as the cluster’s)', () => {
    const j = simulateText(WORKSPACE());
    expect(running(j)).toBe(3);
  });

  it('becomes Ready when the class is applied, and the pending pods then run', () => {
    const text =
      WORKSPACE("  actions:\n    - { at: 2m, run: 'kubectl apply -f cls' }\n") +
      CLASS('default') +
      CLASS('defualt', true);
    const tl = timelineOf(text, 'workspace.yaml', {});
    const created = tl.events.find((e) => e.type === 'nodeclaim.created');
    expect(created?.t).toBeGreaterThanOrEqual(120_000);
    const j = simulateText(text);
    expect(running(j)).toBe(3);
  });

  it('the pod’s explanation names the pool and its missing class', () => {
    const tl = timelineOf(WORKSPACE() + CLASS('default'), 'workspace.yaml', {});
    const pod = [...tl.final.pods.values()][0];
    const e = explainPod(tl, tl.end, pod?.key ?? '');
    expect(e?.headline).toBe(
      'No NodePool can run this pod: no NodePool is Ready (its node class does not exist).',
    );
    expect(e?.pending?.rows[0]?.sentence).toBe(
      'No NodePool is Ready, and Karpenter ignores a NodePool that is not: NodePool "default" (NodeClassReady=False: EC2NodeClass "defualt" does not exist). Point each nodeClassRef at a node class that exists (kubectl get ec2nodeclass lists them).',
    );
  });
});

describe('kubectl on a NodePool that is not Ready', () => {
  it('get nodepools says READY False, and -o yaml carries NodeClassReady=False', () => {
    const tl = timelineOf(WORKSPACE() + CLASS('default'), 'workspace.yaml', {});
    const get = runCommand('kubectl get nodepools', at(tl, tl.end)).output;
    expect(get.split('\n')[1]).toMatch(/^default\s+defualt\s+0\s+False\s+/);
    const yaml = runCommand('kubectl get nodepool default -o yaml', at(tl, tl.end)).output;
    expect(yaml).toContain('reason: NodeClassNotFound');
    expect(yaml).toContain('message: NodeClass not found on cluster');
  });
});
