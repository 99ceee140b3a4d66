// The comparison pipeline on the seed lab's workload (five 1-vCPU pods, then one): Karpenter packs
// them on one right-sized node; Cluster Autoscaler's m5.large group needs one node per pod, comes
// later (10 s scan + ASG delay) and scales down only after 10 minutes unneeded.
import { describe, expect, it } from 'vitest';
import { compareWorkspace } from './compare.ts';
import { compareRows, launchedText } from '../explain/autoscalers.ts';

const WORKSPACE = `apiVersion: lab.karpenter.playground/v1alpha1
kind: Scenario
metadata: {name: ca}
spec:
  actions:
    - {at: 5m, run: kubectl scale deployment inflate --replicas=1}
  until: 30m
---
apiVersion: karpenter.sh/v1
kind: NodePool
metadata: {name: default}
spec:
  template:
    spec:
      nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: default}
      requirements:
        - {key: karpenter.sh/capacity-type, operator: In, values: [on-demand]}
---
apiVersion: karpenter.k8s.aws/v1
kind: EC2NodeClass
metadata: {name: default}
spec:
  role: KarpenterNodeRole
  amiSelectorTerms: [{alias: al2023@latest}]
  subnetSelectorTerms: [{tags: {karpenter.sh/discovery: demo}}]
  securityGroupSelectorTerms: [{tags: {karpenter.sh/discovery: demo}}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: inflate}
spec:
  replicas: 5
  selector: {matchLabels: {app: inflate}}
  template:
    metadata: {labels: {app: inflate}}
    spec:
      containers:
        - name: inflate
          image: public.ecr.aws/eks-distro/kubernetes/pause:3.2
          resources: {requests: {cpu: 1}}
`;

describe('compareWorkspace', () => {
  const view = compareWorkspace(WORKSPACE, { file: 'w.yaml', seed: 1 });
  const k = view.karpenter.metrics;
  const ca = view.clusterAutoscaler.metrics;

  it('runs both autoscalers on the same workload, measured over the same span', () => {
    expect(view.error).toBeUndefined();
    expect(k.horizon).toBe(ca.horizon);
    // Karpenter's consolidation evicts the last pod once (its Deployment recreates it): 6 vs 5.
    expect([k.pods.created, ca.pods.created]).toEqual([6, 5]);
    expect(launchedText(view.clusterAutoscaler.launched)).toBe('5 × m5.large on-demand');
    expect(view.karpenter.launched.reduce((n, l) => n + l.count, 0)).toBeLessThanOrEqual(2);
  });

  it('shows Karpenter faster, cheaper and less wasteful here, and CA’s own decisions', () => {
    const rows = Object.fromEntries(compareRows(view).map((r) => [r.id, r]));
    expect(rows.timeToAllRunning?.better).toBe('karpenter');
    expect(rows.cost?.better).toBe('karpenter');
    expect(rows.unrequestedCpuPercent?.better).toBe('karpenter');
    // Karpenter's 2: consolidation launches the small replacement before the big node goes.
    expect(rows.peakNodes).toMatchObject({ karpenter: '2', clusterAutoscaler: '5' });
    const reasons = view.clusterAutoscaler.events.map((e) => e.reason);
    expect(reasons).toContain('TriggeredScaleUp');
    expect(reasons).toContain('ScaleDown');
  });

  it('says why CA keeps the node that is left: one 1-vCPU pod is 52% of an m5.large', () => {
    expect(view.clusterAutoscaler.unremovable).toEqual([
      {
        node: expect.stringMatching(/^ip-/),
        reason: 'NotUnderutilized',
        detail: 'utilization 0.52 is not below the threshold 0.5',
      },
    ]);
    const bigger = compareWorkspace(
      WORKSPACE.replace(
        '  until: 30m',
        '  until: 30m\n  clusterAutoscaler: {instanceType: m5.2xlarge}',
      ),
      { file: 'w.yaml', seed: 1 },
    );
    expect(bigger.clusterAutoscaler.unremovable.map((u) => u.reason)).toEqual([
      'NoPlaceToMovePods',
    ]);
  });

  it('a side with a pod still Pending at the end does not get the ✓ for the slowest wait', () => {
    // Karpenter's pool offers only c types, so the pod pinned to m5.large never runs under it;
    // CA's m5.large group runs it. The 46 s of the pods Karpenter did run is not its slowest wait.
    const pinned = compareWorkspace(
      WORKSPACE.replace(
        '        - {key: karpenter.sh/capacity-type, operator: In, values: [on-demand]}',
        '        - {key: karpenter.sh/capacity-type, operator: In, values: [on-demand]}\n        - {key: karpenter.k8s.aws/instance-category, operator: In, values: [c]}',
      ).replace(
        '      containers:\n        - name: inflate\n          image: public.ecr.aws/eks-distro/kubernetes/pause:3.2\n          resources: {requests: {cpu: 1}}\n',
        '      containers:\n        - name: inflate\n          image: public.ecr.aws/eks-distro/kubernetes/pause:3.2\n          resources: {requests: {cpu: 1}}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: pinned}\nspec:\n  replicas: 1\n  selector: {matchLabels: {app: pinned}}\n  template:\n    metadata: {labels: {app: pinned}}\n    spec:\n      nodeSelector: {node.kubernetes.io/instance-type: m5.large}\n      containers: [{name: p, image: public.ecr.aws/eks-distro/kubernetes/pause:3.2, resources: {requests: {cpu: 100m}}}]\n',
      ),
      { file: 'w.yaml', seed: 1 },
    );
    expect(pinned.error).toBeUndefined();
    expect(pinned.karpenter.metrics.pods.pendingAtEnd).toBe(1);
    expect(pinned.clusterAutoscaler.metrics.pods.pendingAtEnd).toBe(0);
    const rows = Object.fromEntries(compareRows(pinned).map((r) => [r.id, r]));
    expect(rows.maxWait).toMatchObject({
      karpenter: 'still waiting (1 Pending at the end)',
      better: 'clusterAutoscaler',
    });
    expect(rows.timeToAllRunning?.better).toBe('clusterAutoscaler');
  });

  it('names a broken document instead of comparing silently without it', () => {
    const broken = compareWorkspace(WORKSPACE.replace('replicas: 5', 'replicas: five'), {
      file: 'w.yaml',
      seed: 1,
    });
    expect(broken.error?.line).toBeGreaterThan(0);
  });
});
