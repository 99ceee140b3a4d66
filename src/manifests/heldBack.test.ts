import { describe, expect, it } from 'vitest';
import { simulate, stateAt } from '../sim/engine/index.ts';
import { engineObjects, heldBackDocuments, HELD_BACK_ANNOTATION, parseWorkspace } from './index.ts';

const WS = `apiVersion: lab.karpenter.playground/v1alpha1
kind: Scenario
metadata: {name: s}
spec:
  actions:
    - {at: 2m, run: kubectl apply -f v2}
---
apiVersion: karpenter.sh/v1
kind: NodePool
metadata: {name: default}
spec:
  template:
    spec:
      requirements: [{key: kubernetes.io/arch, operator: In, values: [amd64]}]
      nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: default}
---
apiVersion: karpenter.sh/v1
kind: NodePool
metadata:
  name: default
  annotations: {${HELD_BACK_ANNOTATION}: v2, team: web}
spec:
  template:
    spec:
      requirements: [{key: kubernetes.io/arch, operator: In, values: [arm64]}]
      nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: default}
---
apiVersion: karpenter.k8s.aws/v1
kind: EC2NodeClass
metadata: {name: default}
spec:
  role: R
  amiSelectorTerms: [{alias: al2023@latest}]
  subnetSelectorTerms: [{tags: {a: b}}]
  securityGroupSelectorTerms: [{tags: {a: b}}]
`;

describe('held-back documents', () => {
  it('are not a duplicate, not in the cluster at the start, and lose the lab annotation', () => {
    const ws = parseWorkspace(WS);
    expect(ws.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(engineObjects(ws).filter((o) => o.kind === 'NodePool')).toHaveLength(1);
    const held = heldBackDocuments(ws);
    expect(Object.keys(held)).toEqual(['v2']);
    expect(held.v2?.[0]?.metadata.annotations).toEqual({ team: 'web' });
  });

  it('are applied by a Scenario action `kubectl apply -f <name>` at its time', () => {
    const ws = parseWorkspace(WS);
    const t = simulate({
      objects: engineObjects(ws),
      heldBack: heldBackDocuments(ws),
      until: 180_000,
    });
    const arch = (ms: number) =>
      stateAt(t, ms).nodePools.get('default')?.spec.template.spec.requirements?.[0]?.values;
    expect(arch(119_000)).toEqual(['amd64']);
    expect(arch(120_000)).toEqual(['arm64']);
    expect(t.events.find((e) => e.type === 'action')).toMatchObject({ t: 120_000 });
    expect(t.events.some((e) => e.type === 'action' && e.error)).toBe(false);
  });
});
