// The worker's run: a refusal by the engine (a pod cap, a work budget) reaches the Problems list as
// a located error, like any other problem in the text.
import { describe, expect, it } from 'vitest';
import {
  frameBudget,
  MAX_FRAME_CARDS,
  MAX_FRAMES,
  runWorkspace,
  simulateWorkspace,
} from './run.ts';
import type { Timeline } from '../sim/engine/timeline.ts';

const WORKSPACE = `apiVersion: karpenter.sh/v1
kind: NodePool
metadata: {name: default}
spec:
  template:
    spec:
      requirements:
        - {key: kubernetes.io/arch, operator: In, values: [amd64]}
      nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: default}
---
apiVersion: karpenter.k8s.aws/v1
kind: EC2NodeClass
metadata: {name: default}
spec:
  amiSelectorTerms: [{alias: al2023@latest}]
  role: KarpenterNodeRole
  subnetSelectorTerms: [{tags: {karpenter.sh/discovery: lab}}]
  securityGroupSelectorTerms: [{tags: {karpenter.sh/discovery: lab}}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: inflate}
spec:
  replicas: 2
  selector: {matchLabels: {app: inflate}}
  template:
    metadata: {labels: {app: inflate}}
    spec:
      containers:
        - name: inflate
          image: public.ecr.aws/eks-distro/kubernetes/pause:3.2
          resources: {requests: {cpu: 1}}
`;

describe('view frames', () => {
  it('a launching NodeClaim’s card says its architecture before the node registers', () => {
    const { result, session } = simulateWorkspace(WORKSPACE, { file: 'w.yaml', seed: 1 });
    const ghost = result.frames
      .flatMap((_, i) => session.frames.frame(i)?.nodes ?? [])
      .find((n) => n.state === 'launching');
    expect(ghost).toMatchObject({ arch: 'amd64', state: 'launching' });
  });

  it('gives a large cluster fewer frames, so the result fits in one message to the page', () => {
    const sized = (pods: number, nodes: number) =>
      ({
        pods: new Map(Array.from({ length: pods }, (_, i) => [`p${i}`, {}])),
        nodes: new Map(Array.from({ length: nodes }, (_, i) => [`n${i}`, {}])),
        nodeClaims: new Map(),
      }) as unknown as Timeline['final'];
    const timeline = (pods: number, nodes: number) =>
      ({ initial: sized(0, 0), final: sized(pods, nodes) }) as unknown as Timeline;
    expect(frameBudget(timeline(2_000, 400))).toBe(MAX_FRAMES);
    const big = frameBudget(timeline(20_000, 4_000));
    expect(big).toBe(Math.floor(MAX_FRAME_CARDS / 24_000));
    expect(big * 24_000).toBeLessThanOrEqual(MAX_FRAME_CARDS);
    const { frames } = runWorkspace(WORKSPACE, { file: 'w.yaml', seed: 1 });
    expect(frames.length).toBeGreaterThan(1);
    expect(frames.length).toBeLessThanOrEqual(MAX_FRAMES);
  });

  it('reports the Karpenter version the workspace starts with, for the editor’s schema', () => {
    const scenario = `apiVersion: lab.karpenter.playground/v1alpha1\nkind: Scenario\nmetadata: {name: s}\nspec:\n  karpenter: {version: v0.31}\n`;
    expect(runWorkspace(scenario, { file: 'w.yaml', seed: 1 }).karpenterVersion).toBe('v0.31');
    expect(runWorkspace('', { file: 'w.yaml', seed: 1 }).karpenterVersion).toBe('v1');
  });
});

const HUGE = `apiVersion: karpenter.sh/v1
kind: NodePool
metadata:
  name: default
spec:
  template:
    spec:
      nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: default}
      requirements: []
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: huge
spec:
  replicas: 30000
  selector: {matchLabels: {app: huge}}
  template:
    metadata: {labels: {app: huge}}
    spec:
      containers: [{name: c, image: pause}]
`;

describe('runWorkspace', () => {
  it('lists an engine refusal as a located problem at the field it is about', () => {
    const r = runWorkspace(HUGE, { file: 'workspace.yaml', seed: 1 });
    expect(r.stoppedBy).toBe('refused');
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([
      expect.objectContaining({
        line: 16,
        column: 13,
        path: 'spec.replicas',
        message: expect.stringMatching(/asks for 30,000 pods; the lab simulates at most 20,000/),
      }),
    ]);
  });
});

describe('node explanations after a consolidation timeout', () => {
  it('say which nodes the last timed-out single-node pass did not reach, and only those', async () => {
    const { readFileSync } = await import('node:fs');
    const ws = readFileSync(
      new URL('../cli/fixtures/consolidation-timeout.yaml', import.meta.url),
      'utf8',
    );
    const { session } = simulateWorkspace(ws, { file: 'w.yaml', seed: 1 });
    const { explainTarget } = await import('./run.ts');
    const t = 4 * 60_000; // the first pass ran at 50 s (4 of 5 nodes in 4 min), the next at 5 min
    const nodes = [...session.timeline.final.nodes.keys()];
    const views = nodes.map((key) => {
      const e = explainTarget(session, { kind: 'node', key, t });
      return e && 'disruption' in e ? e.disruption : undefined;
    });
    const missed = views.filter((v) => v?.karpenterReason?.includes('not evaluated'));
    expect(missed).toHaveLength(1);
    expect(missed[0]?.karpenterReason).toBe(
      'consolidatable; not evaluated: single-node consolidation timed out after evaluating 4 of 5 candidates',
    );
    expect(missed[0]?.headline).toMatch(
      /The last single-node consolidation pass \(at 50s\) ran out of its 3 minutes after 4m of modelled computation/,
    );
    // Before the first pass, nothing was missed.
    const early = explainTarget(session, { kind: 'node', key: nodes[0] ?? '', t: 40_000 });
    expect(early && 'disruption' in early && early.disruption.karpenterReason).not.toMatch(
      /not evaluated/,
    );
  });
});

describe('node explanations while Karpenter has not looked again', () => {
  it('say a node consolidatable since the last pass waits for the next one, and when it comes', async () => {
    const { readFileSync } = await import('node:fs');
    const ws = readFileSync(
      new URL('../../examples/consolidation-waits-for-a-change.yaml', import.meta.url),
      'utf8',
    );
    const { session } = simulateWorkspace(ws, { file: 'w.yaml', seed: 1 });
    const { explainTarget } = await import('./run.ts');
    const web = [...session.timeline.final.nodes.values()].find(
      (n) => n.zone === 'us-east-1b' && n.instanceType === 't3a.2xlarge',
    );
    const at = (t: number) => {
      const e = explainTarget(session, { kind: 'node', key: web?.name ?? '', t });
      return e && 'disruption' in e ? e.disruption : undefined;
    };
    // 5m: consolidatable since 3m30s, and the pass at 3m had found nothing to do.
    const waiting = at(5 * 60_000);
    expect(waiting?.state).toBe('waiting');
    expect(waiting?.karpenterReason).toMatch(
      /^consolidatable since 3m3\ds, not yet re-evaluated: the cluster's consolidation state has not changed since the last pass at 3m\d*s?$/,
    );
    expect(waiting?.facts).toContainEqual({ label: 'Next consolidation pass', value: 'by 8m00s' });
    expect(waiting?.facts).toContainEqual({ label: 'Consolidatable', value: 'yes, since 3m30s' });
    // 3m10s: still counting down, as before.
    expect(at(190_000)?.state).toBe('waiting');
    expect(at(190_000)?.karpenterReason).toBe('consolidateAfter 30s not yet elapsed');
    // 2m: a candidate nothing could improve (no countdown, no wait).
    expect(at(120_000)?.state).toBe('candidate');
  });
});

describe('node explanations of a candidate Karpenter judged', () => {
  it('quote the last verdict Karpenter published on it, and list each event once', async () => {
    // A first-time user's review: the default workspace scaled to 10 and back to 1 left one pod on
    // a t2.2xlarge spot node; Details called it "a consolidation candidate" while the event said
    // "Unconsolidatable … SpotToSpotConsolidation is disabled", listed twice (Node and NodeClaim).
    const { DEFAULT_WORKSPACE } = await import('../ui/defaultWorkspace.ts');
    const { explainTarget } = await import('./run.ts');
    const ws = `${DEFAULT_WORKSPACE}
---
apiVersion: lab.karpenter.playground/v1alpha1
kind: Scenario
metadata: { name: review }
spec:
  actions:
    - { at: 1m20s, run: kubectl scale deployment inflate --replicas=10 }
    - { at: 3m, run: kubectl scale deployment inflate --replicas=1 }
`;
    const { session } = simulateWorkspace(ws, { file: 'w.yaml', seed: 1 });
    const tl = session.timeline;
    const spot = [...tl.final.nodes.values()].find(
      (n) => n.terminatedAt === undefined && n.capacityType === 'spot',
    );
    const e = explainTarget(session, { kind: 'node', key: spot?.name ?? '', t: tl.end });
    const d = e && 'disruption' in e ? e.disruption : undefined;
    expect(d?.state).toBe('candidate');
    expect(d?.headline).toMatch(
      /Karpenter's last published verdict on it \(1m20s\): “SpotToSpotConsolidation is disabled, can't replace a spot node with a spot node”/,
    );
    const lines = (d?.events ?? []).map((x) => `${x.at} ${x.reason} ${x.message}`);
    expect(new Set(lines).size).toBe(lines.length);
  });
});
