// The console's `kubectl apply -f <name>` against a workspace with held-back documents: it names
// what it would configure and returns a timed action (the UI adds it to the Scenario).
import { describe, expect, it } from 'vitest';
import { answerConsole } from './console.ts';
import { simulateWorkspace } from './run.ts';

const WS = `apiVersion: karpenter.sh/v1
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
  annotations: {lab.karpenter.playground/held-back: arm}
spec:
  template:
    spec:
      requirements: [{key: kubernetes.io/arch, operator: In, values: [arm64]}]
      nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: default}
`;

describe('console kubectl apply -f', () => {
  const { session } = simulateWorkspace(WS, { file: 'w.yaml', seed: 1 });

  it('applies a held-back document as a timed action at the playhead', () => {
    const r = answerConsole(session, { op: 'run', line: 'kubectl apply -f arm', t: 120_000 });
    expect(r).toMatchObject({
      op: 'run',
      output: 'nodepool.karpenter.sh/default configured',
      action: { at: 120_000, action: { kind: 'apply', ref: 'arm' } },
    });
  });

  it('says so when no document is held back under that name', () => {
    const r = answerConsole(session, { op: 'run', line: 'kubectl apply -f nope', t: 0 });
    expect(r).toMatchObject({ op: 'run', error: 'error: the path "nope" does not exist' });
    expect('action' in r && r.action).toBeFalsy();
  });
});
