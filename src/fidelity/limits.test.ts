// NodePool limits where upstream has no test of its own.
//
// `limits.nodes` by Karpenter version (version.ts NodeLimits), as variants of the translated case
// provisioning/nodes-limit-holds-across-batches.yaml (upstream provisioning/suite_test.go
// "Resource Limits / should not schedule if limits would be exceeded (node)", v1.11+). The earlier
// versions have no upstream test of their own: what they do follows from their code, named per test
// (provisioner.go Create → Limits.ExceededBy; state/cluster.go nodePoolResources; statenode.go
// Capacity).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explainEvent, explainNode, explainPod } from '../explain/index.ts';
import { runCommand } from '../kubectl/run.ts';
import { at } from '../kubectl/testing.ts';
import { FIXTURES, simulateText, timelineOf } from './harness.ts';
import { NODE_CLASS_YAML } from '../sim/storage/testing.ts';

const CASE = readFileSync(
  join(FIXTURES, 'provisioning/nodes-limit-holds-across-batches.yaml'),
  'utf8',
);

/** The case's workspace under another Karpenter, with other scale commands. */
function variant(version: string, replicas: number[], opts: { v1beta1?: boolean } = {}): string {
  let text = CASE.replace(
    "karpenter: { timings: { jitter: '0' } }",
    `karpenter: { version: ${version}, timings: { jitter: '0' } }`,
  ).replace(
    / {2}actions:\n( {4}- .*\n)+/,
    `  actions:\n${replicas
      .map(
        (n, i) =>
          `    - { at: ${(i + 1) * 10}s, run: 'kubectl scale deployment web --replicas=${n}' }\n`,
      )
      .join('')}`,
  );
  if (opts.v1beta1)
    text = text
      .replace(/karpenter\.sh\/v1$/m, 'karpenter.sh/v1beta1')
      .replace(/karpenter\.k8s\.aws\/v1$/m, 'karpenter.k8s.aws/v1beta1')
      .replace('amiSelectorTerms: [{ alias: al2023@latest }]', 'amiFamily: AL2023')
      .replace(
        'nodeClassRef: { group: karpenter.k8s.aws, kind: EC2NodeClass, name: default }',
        'nodeClassRef: { name: default }',
      );
  return text;
}

const run = (text: string) => simulateText(text, 'workspace.yaml', { until: 120_000 });
const pending = (j: ReturnType<typeof run>) => j.pods.filter((p) => p.phase !== 'Running');

describe('limits.nodes by Karpenter version', () => {
  it('v1.11+: existing nodes count in the solve, so the third pod is refused there (the translated case)', () => {
    const j = run(variant('v1.11', [2, 3, 4]));
    expect(j.nodes).toHaveLength(2);
    expect(pending(j)).toHaveLength(2);
    expect(pending(j)[0]?.nodePools?.[0]?.message).toBe(
      'node limits have been exhausted for nodepool (NodePool=default)',
    );
    expect(pending(j).every((p) => p.refused === undefined)).toBe(true);
  });

  it('v1.10: only NodeClaim creation checks usage > limit, so a third node launches and the fourth is refused', () => {
    // provisioner.go@v1.10.0 Create: Limits.ExceededBy(cluster.NodePoolResourcesFor(pool)), strictly
    // greater; the scheduler's remainder never carries `nodes` (StateNode.Capacity has none).
    const j = run(variant('v1.10', [2, 3, 4]));
    expect(j.nodes).toHaveLength(3);
    const [left, ...rest] = pending(j);
    expect(rest).toHaveLength(0);
    expect(left?.nodePools).toBeUndefined();
    expect(left?.refused).toBe(
      'creating node claim, resource usage exceeds limit (NodePool=default, resource-name=nodes, usage=3, limit=2)',
    );
  });

  it('every version: the NodeClaims one batch plans do not count against each other', () => {
    // scheduler.go subtractMax subtracts instance capacity, which has no `nodes`; Create compares
    // with the usage from before the batch. One pod runs, then four arrive in one batch.
    for (const version of ['v1.10', 'v1.11', 'v1.14']) {
      const j = run(variant(version, [5]));
      expect(j.nodes, version).toHaveLength(5);
      expect(pending(j), version).toHaveLength(0);
    }
  });

  it('v0.3x: the pool usage carries no `nodes`, so the limit never bites', () => {
    // counter/controller.go@v0.37.0 records cpu, memory, pods…, no node count (added in v1.0).
    const j = run(variant('v0.36', [2, 3, 4], { v1beta1: true }));
    expect(j.nodes).toHaveLength(4);
    expect(pending(j)).toHaveLength(0);
  });

  it('a raised limit lets the next batch create the refused node, and the refusal is gone', () => {
    const raised = `---
apiVersion: karpenter.sh/v1
kind: NodePool
metadata:
  name: default
  annotations: { lab.karpenter.playground/held-back: raise }
spec:
  limits: { nodes: '4' }
  template:
    spec:
      nodeClassRef: { group: karpenter.k8s.aws, kind: EC2NodeClass, name: default }
      requirements: []
`;
    const text = variant('v1.10', [2, 3, 4]).replace(
      "    - { at: 30s, run: 'kubectl scale deployment web --replicas=4' }\n",
      "    - { at: 30s, run: 'kubectl scale deployment web --replicas=4' }\n" +
        "    - { at: 60s, run: 'kubectl apply -f raise' }\n",
    );
    const before = run(text.replace("    - { at: 60s, run: 'kubectl apply -f raise' }\n", ''));
    expect(before.nodes).toHaveLength(3);
    const j = run(text + raised);
    expect(j.nodes).toHaveLength(4);
    expect(pending(j)).toHaveLength(0);
  });

  it('kubectl logs shows the refused creation as the provisioner’s reconciler error', () => {
    const tl = timelineOf(variant('v1.10', [2, 3, 4]), 'workspace.yaml', { until: 120_000 });
    const r = runCommand('kubectl logs -n karpenter deploy/karpenter', at(tl, tl.end));
    const lines = r.output.split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const error = lines.find((l) => l.level === 'ERROR');
    expect(error).toMatchObject({
      message: 'Reconciler error',
      controller: 'provisioner',
      error: 'creating node claim, resource usage exceeds limit',
      'resource-name': 'nodes',
      usage: '3',
      limit: '2',
    });
    const i = lines.indexOf(error as Record<string, unknown>);
    expect(lines[i - 1]?.message).toBe('computed new nodeclaim(s) to fit pod(s)');
  });

  it('the pod’s explanation says the NodeClaim was refused, with Karpenter’s error', () => {
    const tl = timelineOf(variant('v1.10', [2, 3, 4]), 'workspace.yaml', { until: 120_000 });
    const left = [...tl.final.pods.values()].find((p) => p.nodeName === undefined);
    const e = explainPod(tl, tl.end, left?.key ?? '');
    expect(e?.headline).toBe(
      'Pending: Karpenter planned a NodeClaim of NodePool default for it, but the pool is over its limits, so it was not created.',
    );
    expect(e?.pending?.rows.map((r) => [r.kind, r.karpenterMessage])).toEqual([
      [
        'refused',
        'creating node claim, resource usage exceeds limit (NodePool=default, resource-name=nodes, usage=3, limit=2)',
      ],
    ]);
    expect(e?.journey.map((m) => m.label)).toContain('Karpenter could not create its NodeClaim');
    const at = tl.events.findIndex((x) => x.type === 'nodeclaim.refused');
    expect(explainEvent(tl, at)?.sentence).toMatch(
      /^Karpenter planned a NodeClaim of NodePool default for 1 pod but did not create it: creating node claim, resource usage exceeds limit \(NodePool=default, resource-name=nodes, usage=3, limit=2\)\. The pods stay Pending\.$/,
    );
  });
});

// disruption/helpers.go SimulateScheduling passes the scheduler the state nodes minus the
// candidates, and scheduler.go calculateExistingNodeClaims subtracts only the nodes it was given
// from the pool's limits: a candidate's own capacity never blocks its replacement.
describe('limits in a consolidation dry run', () => {
  const workspace = (cpuLimit: string) => `apiVersion: lab.karpenter.playground/v1alpha1
kind: Scenario
metadata: { name: limited-scale-down }
spec:
  actions:
    - { at: 10m, run: kubectl scale deployment worker --replicas=1 }
  until: 30m
---
apiVersion: karpenter.sh/v1
kind: NodePool
metadata: { name: general }
spec:
  template:
    spec:
      requirements:
        - { key: karpenter.sh/capacity-type, operator: In, values: [on-demand] }
        - { key: karpenter.k8s.aws/instance-category, operator: In, values: [c] }
      nodeClassRef: { group: karpenter.k8s.aws, kind: EC2NodeClass, name: default }
  limits: { cpu: "${cpuLimit}" }
  disruption: { consolidationPolicy: WhenEmptyOrUnderutilized, consolidateAfter: 1m }
---
${NODE_CLASS_YAML}---
apiVersion: apps/v1
kind: Deployment
metadata: { name: worker }
spec:
  replicas: 12
  selector: { matchLabels: { app: worker } }
  template:
    metadata: { labels: { app: worker } }
    spec:
      containers:
        - { name: w, image: busybox, resources: { requests: { cpu: "2", memory: 2Gi } } }
`;

  it('replaces a node that fills the cpu limit with a smaller one once its pods shrink', () => {
    const big = (j: ReturnType<typeof run>) =>
      j.nodes.filter((n) => n.state !== 'terminated').map((n) => n.instanceType);
    const tight = simulateText(workspace('32'));
    const loose = simulateText(workspace('1000'));
    // Both start on one 32-vCPU node and end on the same smaller replacement.
    expect(big(loose)).toHaveLength(1);
    expect(big(tight)).toEqual(big(loose));
    expect(tight.cost.perHour).toBe(loose.cost.perHour);
    expect(tight.events.some((e) => e.message.includes('exceed limits'))).toBe(false);
  });
});

// A replacement goes through the same Create as a provisioned NodeClaim: queue.go StartCommand →
// createReplacementNodeClaims → provisioner.go CreateNodeClaims → Create, whose
// Limits.ExceededBy(cluster.NodePoolResourcesFor(pool)) sees the pool with its candidates still in
// it. A pool already above a limit (here lowered to 4 vCPU under an 8-vCPU node) refuses the
// replacement; StartCommand returns "launching replacement nodeclaim, …", the reconcile fails and
// controller-runtime requeues the singleton with its per-item backoff. Upstream has no test of its
// own for a dynamic pool (staticdrift_test.go covers static pools' node counts).
describe('a disruption replacement checked against NodePool limits', () => {
  const pool = (extra: string) => `apiVersion: karpenter.sh/v1
kind: NodePool
metadata: { name: default${extra} }
spec:
  limits: { cpu: '4' }
  template:
    spec:
      nodeClassRef: { group: karpenter.k8s.aws, kind: EC2NodeClass, name: default }
      requirements:
        - { key: karpenter.sh/capacity-type, operator: In, values: [on-demand] }
        - { key: karpenter.k8s.aws/instance-family, operator: In, values: [m5] }
`;
  const workspace = (
    replicasAt5m: number,
    lower = true,
  ) => `apiVersion: lab.karpenter.playground/v1alpha1
kind: Scenario
metadata: { name: replacement-over-limit }
spec:
  until: 30m
  actions:
${lower ? "    - { at: 5m, run: 'kubectl apply -f lower' }\n" : ''}    - { at: 5m, run: 'kubectl scale deployment web --replicas=${replicasAt5m}' }
---
${pool('').replace("  limits: { cpu: '4' }\n", '')}---
${pool(', annotations: { lab.karpenter.playground/held-back: lower }')}---
${NODE_CLASS_YAML}---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 6
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: c, image: pause, resources: { requests: { cpu: '1' } } }]
`;
  const live = (j: ReturnType<typeof run>) => j.nodes.filter((n) => n.state !== 'terminated');
  const MESSAGE =
    'creating node claim, resource usage exceeds limit (NodePool=default, resource-name=cpu, usage=8, limit=4)';

  it('is refused while the pool is above its limit: the command fails and the node stays', () => {
    const free = simulateText(workspace(1, false));
    // Without the lower limit the 8-vCPU node is replaced by a cheaper one.
    expect(free.nodes).toHaveLength(2);
    expect(live(free).map((n) => n.instanceType)).not.toEqual(['m5.2xlarge']);
    const j = simulateText(workspace(1));
    expect(j.nodeClaims).toHaveLength(1);
    expect(live(j).map((n) => n.instanceType)).toEqual(['m5.2xlarge']);
    expect(live(j)[0]?.replacementRefused).toMatchObject({ message: MESSAGE, first: 315 });
    expect(live(j)[0]?.replacementRefused?.count).toBeGreaterThan(10);
    expect(j.events.some((e) => e.reason === 'DisruptionLaunching')).toBe(false);
  });

  it('is retried after controller-runtime’s error backoff: 5 ms doubling, after each 15 s validation', () => {
    const tl = timelineOf(workspace(1), 'workspace.yaml', {});
    const at = tl.events.filter((e) => e.type === 'nodeclaim.refused').map((e) => e.t);
    expect(at[0]).toBe(315_000);
    const gaps = at.slice(1).map((t, i) => t - (at[i] as number));
    expect(gaps.length).toBeGreaterThan(10);
    gaps.forEach((g, k) => expect(g, `gap ${k + 1}`).toBe(15_000 + 5 * 2 ** k));
  });

  it('the node’s explanation says the replacement was refused, not an older verdict', () => {
    const tl = timelineOf(workspace(1), 'workspace.yaml', {});
    const node = [...tl.final.nodes.values()].find((n) => n.terminatedAt === undefined);
    // Just after the second refusal: the 50 s "Can't replace with a cheaper node" is stale.
    const e = explainNode(tl, 331_000, node?.name ?? '');
    expect(e?.disruption.headline).toMatch(
      /^Karpenter chose to replace it with a cheaper node, but could not create the replacement \(2 times since 5m15s, last at 5m30s\): its NodePool is already above a limit \(“creating node claim, resource usage exceeds limit \(NodePool=default, resource-name=cpu, usage=8, limit=4\)”\)/,
    );
    expect(e?.disruption.headline).not.toContain("Can't replace with a cheaper node");
    expect(e?.disruption.facts).toContainEqual(
      expect.objectContaining({ label: 'Replacement refused', value: '2 times, last at 5m30s' }),
    );
    // Why this instance type speaks of its creation: 6 planned pods, a pool with no limits yet.
    const stages = e?.funnel.map((s) => s.sentence) ?? [];
    expect(stages).toContain('7 fit 6 pods of 1 CPU');
    expect(stages).toContain('7 pass limits (none set)');
  });

  it('comes the same way from a kubectl patch of the pool as from applying a held-back copy', () => {
    const patched = workspace(1)
      .replace(
        "    - { at: 5m, run: 'kubectl apply -f lower' }\n",
        '    - at: 5m\n      run: >-\n        kubectl patch nodepool default --type merge -p \'{"spec":{"limits":{"cpu":"4"}}}\'\n',
      )
      .replace(
        /---\napiVersion: karpenter.sh\/v1\nkind: NodePool\nmetadata: \{ name: default, annotations[^]*?(?=---)/,
        '',
      );
    expect(patched).toContain('kubectl patch');
    expect(patched).not.toContain('held-back');
    const refusals = (text: string) =>
      timelineOf(text, 'workspace.yaml', {})
        .events.filter((e) => e.type === 'nodeclaim.refused')
        .map((e) => e.t);
    expect(refusals(patched)).toEqual(refusals(workspace(1)));
    expect(refusals(patched).length).toBeGreaterThan(10);
  });

  it('does not keep a run "until quiet" going: it ends after the first refusal', () => {
    const tl = timelineOf(workspace(1).replace('  until: 30m\n', ''), 'workspace.yaml', {});
    expect(tl.stoppedBy).toBe('quiet');
    expect(tl.end).toBeLessThan(6 * 60_000);
    expect(tl.events.filter((e) => e.type === 'nodeclaim.refused')).toHaveLength(1);
  });

  it('does not stop a delete: an empty node goes although the pool is over its limit', () => {
    const j = simulateText(workspace(0));
    expect(live(j)).toHaveLength(0);
    expect(j.nodes[0]?.replacementRefused).toBeUndefined();
  });

  it('kubectl logs shows the disruption controller’s reconciler error; the event says what failed', () => {
    const tl = timelineOf(workspace(1), 'workspace.yaml', {});
    const r = runCommand('kubectl logs -n karpenter deploy/karpenter', at(tl, tl.end));
    const errors = r.output
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.level === 'ERROR');
    expect(errors.length).toBeGreaterThan(10);
    expect(errors[0]).toMatchObject({
      message: 'Reconciler error',
      controller: 'disruption',
      error:
        'disrupting, disrupting candidates, disrupting candidates, launching replacement nodeclaim, creating node claim, resource usage exceeds limit',
      reason: 'underutilized',
      'resource-name': 'cpu',
      usage: '8',
      limit: '4',
    });
    // StartCommand logged the command first: the same command-id, the node, the replacement.
    const lines = r.output.split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const before = lines[lines.findIndex((l) => l.level === 'ERROR') - 1];
    expect(before).toMatchObject({
      message: 'disrupting node(s)',
      'command-id': errors[0]?.['command-id'],
      decision: 'replace',
      'pod-count': 1,
      'disrupted-nodes': [{ 'instance-type': 'm5.2xlarge' }],
    });
    const i = tl.events.findIndex((x) => x.type === 'nodeclaim.refused');
    expect(explainEvent(tl, i)?.sentence).toMatch(
      /^Karpenter chose to replace ip-[\d-]+\.ec2\.internal \(Underutilized\) but could not create the replacement: creating node claim, resource usage exceeds limit \(NodePool=default, resource-name=cpu, usage=8, limit=4\)\. The command fails, the nodes stay, and Karpenter retries after an error backoff\.$/,
    );
  });
});
