// The worker's run: a refusal by the engine (a pod cap, a work budget) reaches the Problems list as
// a located error, like any other problem in the text.
import { describe, expect, it } from 'vitest';
import { runWorkspace } from './run.ts';

const text = `apiVersion: karpenter.sh/v1
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
    const r = runWorkspace(text, { file: 'workspace.yaml', seed: 1 });
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
