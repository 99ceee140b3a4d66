// A Deployment whose template changes rolls out within maxSurge 25% (rounded up) and
// maxUnavailable 25% (rounded down), as the deployment controller's RollingUpdate defaults do.
import { describe, expect, it } from 'vitest';
import { engineObjects, heldBackDocuments, parseWorkspace } from '../../manifests/index.ts';
import { karpenterDisruption } from '../disruption/index.ts';
import { simulate } from './simulate.ts';
import { applyInPlace, cloneState } from './state.ts';

const deployment = (cpu: string, held = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web${held ? `\n  annotations: {lab.karpenter.playground/held-back: ${held}}` : ''}
spec:
  replicas: 8
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: pause, resources: {requests: {cpu: ${cpu}}}}]
`;

const WS = `apiVersion: lab.karpenter.playground/v1alpha1
kind: Scenario
metadata: {name: s}
spec:
  actions: [{at: 3m, run: kubectl apply -f v2}]
---
apiVersion: karpenter.sh/v1
kind: NodePool
metadata: {name: default}
spec:
  template:
    spec:
      requirements: [{key: karpenter.sh/capacity-type, operator: In, values: [on-demand]}]
      nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: default}
---
${deployment('250m')}---
${deployment('500m', 'v2')}`;

describe('Deployment rollout', { timeout: 60_000 }, () => {
  it('replaces every pod with the new template, never above 10 pods nor below 6 Running', () => {
    const ws = parseWorkspace(WS);
    const t = simulate({
      objects: engineObjects(ws),
      heldBack: heldBackDocuments(ws),
      disruption: karpenterDisruption(),
    });
    const state = cloneState(t.initial);
    let maxPods = 0;
    let minRunning = Infinity;
    for (const e of t.events) {
      applyInPlace(state, e);
      if (e.t < 180_000) continue;
      const pods = [...state.pods.values()].filter((p) => p.phase !== 'Terminating');
      maxPods = Math.max(maxPods, pods.length);
      minRunning = Math.min(minRunning, pods.filter((p) => p.phase === 'Running').length);
    }
    expect(maxPods).toBe(10); // 8 + ceil(8 × 25%)
    expect(minRunning).toBe(6); // 8 − floor(8 × 25%)
    const final = [...t.final.pods.values()];
    expect(final).toHaveLength(8);
    expect(final.every((p) => p.phase === 'Running' && p.requests.cpu === 500)).toBe(true);
    expect(
      t.events.filter((e) => e.type === 'k8s' && e.event.reason === 'ScalingReplicaSet').length,
    ).toBeGreaterThan(1);
  });
});
