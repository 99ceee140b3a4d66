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
