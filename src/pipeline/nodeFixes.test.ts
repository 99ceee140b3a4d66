// What would let Karpenter consolidate a node it keeps: each edit lifts one block, and is offered
// only when the run it leads to ends cheaper with every pod still Running.
import { describe, expect, it } from 'vitest';
import { applyFix } from './fixes.ts';
import { nodeFixCandidates, suggestNodeFixes } from './nodeFixes.ts';
import { simulateWorkspace } from './run.ts';
import { explainNode } from '../sim/disruption/explain.ts';
import { costAt } from '../sim/engine/index.ts';
import { NODE_CLASS_YAML } from '../sim/storage/testing.ts';

const OPTS = { file: 'workspace.yaml', seed: 1 };
// Ten 1-CPU pods, then one: the node that held them is kept by whatever the test adds.
const SCENARIO = `apiVersion: lab.karpenter.playground/v1alpha1
kind: Scenario
metadata: { name: s }
spec:
  until: 30m
  actions:
    - { at: 5m, run: kubectl scale deployment web --replicas=1 }
`;
const pool = (disruption = '    consolidationPolicy: WhenEmptyOrUnderutilized\n') => `---
apiVersion: karpenter.sh/v1
kind: NodePool
metadata: { name: default }
spec:
  template:
    spec:
      nodeClassRef: { group: karpenter.k8s.aws, kind: EC2NodeClass, name: default }
      requirements:
        - { key: karpenter.sh/capacity-type, operator: In, values: [on-demand] }
  disruption:
    consolidateAfter: 30s
${disruption}`;
const web = (annotations = '') => `---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 10
  selector: { matchLabels: { app: web } }
  template:
    metadata:
      labels: { app: web }
${annotations}    spec:
      containers: [{ name: c, image: pause, resources: { requests: { cpu: '1' } } }]
`;
const PDB = `---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: web }
spec:
  minAvailable: 1
  selector: { matchLabels: { app: web } }
`;
const CLASS = `---\n${NODE_CLASS_YAML}`;

/** The one node up at the end of the run, and what Karpenter thinks of it. */
function keptNode(text: string) {
  const tl = simulateWorkspace(text, OPTS).session.timeline;
  const live = [...tl.final.nodes.values()].filter((n) => n.terminatedAt === undefined);
  expect(live).toHaveLength(1);
  const name = live[0]?.name ?? '';
  return { name, why: explainNode(tl.final, name) };
}

/** The fix offered, checked again: applied, the run ends at the $/h it said. */
function expectOneFix(text: string, title: string, state: string) {
  const node = keptNode(text);
  expect(node.why.state).toBe(state);
  const r = suggestNodeFixes(text, node.name, OPTS);
  expect(r).toMatchObject({ state, tried: 1, failed: [] });
  expect(r.fixes.map((f) => f.title)).toEqual([title]);
  const [fix] = r.fixes;
  if (!fix) return;
  expect(fix.costPerHour).toBeLessThan(fix.baseCostPerHour);
  expect(fix.running).toBe(1);
  const edited = applyFix(text, fix);
  if (!edited.ok) throw new Error(edited.error);
  const tl = simulateWorkspace(edited.text, OPTS).session.timeline;
  expect(costAt(tl.final, tl.end).perHour).toBeCloseTo(fix.costPerHour, 6);
}

describe('what would let Karpenter consolidate a node it keeps', () => {
  it('a do-not-disrupt pod: the annotation goes from its Deployment', () => {
    const text =
      SCENARIO +
      pool() +
      web('      annotations:\n        karpenter.sh/do-not-disrupt: "true"\n') +
      CLASS;
    expectOneFix(
      text,
      'Remove the karpenter.sh/do-not-disrupt annotation from Deployment "web"\'s pods',
      'blocked',
    );
  });

  it('a PodDisruptionBudget that allows no disruption: it allows one pod down at a time', () => {
    const text = SCENARIO + pool() + web() + PDB + CLASS;
    expectOneFix(
      text,
      'Let PodDisruptionBudget "web" allow one of its pods down at a time (maxUnavailable: 1)',
      'blocked',
    );
  });

  it('consolidationPolicy WhenEmpty: the pool may consolidate nodes that are not empty', () => {
    const text = SCENARIO + pool('    consolidationPolicy: WhenEmpty\n') + web() + CLASS;
    expectOneFix(
      text,
      'Let NodePool "default" consolidate nodes that are not empty (consolidationPolicy: WhenEmptyOrUnderutilized)',
      'disabled',
    );
  });

  it('a budget of 0 nodes: the budgets go', () => {
    const text =
      SCENARIO +
      pool(
        '    consolidationPolicy: WhenEmptyOrUnderutilized\n    budgets:\n      - nodes: "0"\n',
      ) +
      web() +
      CLASS;
    expectOneFix(
      text,
      'Remove NodePool "default"\'s disruption budgets (Karpenter\'s default then allows 10% of its nodes at a time)',
      'budget',
    );
  });

  it('a NodePool whose template annotates its nodes do-not-disrupt: the annotation goes from the pool', () => {
    // Karpenter copies the template's annotations onto the NodeClaim and its Node
    // (pkg/controllers/nodeclaim/lifecycle/registration.go; registration_test.go "should sync the
    // annotations to the Node when the Node comes online"), and a do-not-disrupt Node is never
    // consolidated. The lab's nodes used to start bare.
    const text =
      SCENARIO +
      pool().replace(
        '  template:\n    spec:',
        '  template:\n    metadata:\n      annotations:\n        karpenter.sh/do-not-disrupt: "true"\n    spec:',
      ) +
      web() +
      CLASS;
    expect(keptNode(text).why.reason).toBe(
      'disruption is blocked through the "karpenter.sh/do-not-disrupt" annotation',
    );
    expectOneFix(
      text,
      'Remove the karpenter.sh/do-not-disrupt annotation from NodePool "default"\'s nodes',
      'blocked',
    );
  });

  it('two blocks on one node: no lift alone saves anything, both together do', () => {
    const text =
      SCENARIO +
      pool() +
      web('      annotations:\n        karpenter.sh/do-not-disrupt: "true"\n') +
      PDB +
      CLASS;
    const node = keptNode(text);
    const r = suggestNodeFixes(text, node.name, OPTS);
    const annotation =
      'Remove the karpenter.sh/do-not-disrupt annotation from Deployment "web"\'s pods';
    const pdb =
      'let PodDisruptionBudget "web" allow one of its pods down at a time (maxUnavailable: 1)';
    expect(r.fixes.map((f) => f.title)).toEqual([`${annotation}, and ${pdb}`]);
    expect(r).toMatchObject({ tried: 3, pairs: 1 });
    const [fix] = r.fixes;
    if (!fix) return;
    const edited = applyFix(text, fix);
    if (!edited.ok) throw new Error(edited.error);
    const tl = simulateWorkspace(edited.text, OPTS).session.timeline;
    expect(costAt(tl.final, tl.end).perHour).toBeCloseTo(fix.costPerHour, 6);
  });

  it('nothing to lift on a node Karpenter is free to consolidate, and a lift with no saving is not a fix', () => {
    // One pod on a node already the cheapest for it: nothing blocks it.
    const free = SCENARIO + pool() + web() + CLASS;
    const node = keptNode(free);
    expect(
      nodeFixCandidates(simulateWorkspace(free, OPTS).session.timeline.final, node.name, []),
    ).toEqual([]);
    // The annotation blocks a node that is already the cheapest place for its one pod: lifting it
    // saves nothing, so it is listed as tried, not offered.
    const cheapest =
      SCENARIO.replace('--replicas=1', '--replicas=10') +
      pool() +
      web('      annotations:\n        karpenter.sh/do-not-disrupt: "true"\n') +
      CLASS;
    const kept = keptNode(cheapest);
    const r = suggestNodeFixes(cheapest, kept.name, OPTS);
    expect(r.fixes).toEqual([]);
    expect(r.failed.map((f) => f.title)).toEqual([
      'Remove the karpenter.sh/do-not-disrupt annotation from Deployment "web"\'s pods',
    ]);
  });
});

describe('under v0.31', () => {
  it('a Provisioner with only ttlSecondsAfterEmpty: consolidation goes on (and the ttl off, as the API requires)', () => {
    const text = `${SCENARIO}  karpenter: { version: v0.31 }
---
apiVersion: karpenter.sh/v1alpha5
kind: Provisioner
metadata: { name: default }
spec:
  requirements:
    - { key: karpenter.sh/capacity-type, operator: In, values: [on-demand] }
  ttlSecondsAfterEmpty: 30
  providerRef: { name: default }
---
apiVersion: karpenter.k8s.aws/v1alpha1
kind: AWSNodeTemplate
metadata: { name: default }
spec:
  subnetSelector: { karpenter.sh/discovery: lab }
  securityGroupSelector: { karpenter.sh/discovery: lab }
${web()}`;
    expectOneFix(
      text,
      'Turn consolidation on for Provisioner "default" (consolidation.enabled: true; its ttlSecondsAfterEmpty goes, as the API refuses both)',
      'disabled',
    );
  });
});
