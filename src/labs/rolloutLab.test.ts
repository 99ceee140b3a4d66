// Wrong answers for the lab "Rolling out a NodePool change safely": each fails for the right reason.
// (labs.test.ts already proves every solution passes and every untouched start fails.)
import { describe, expect, it } from 'vitest';
import { labSteps, replaced } from './testing.ts';

const { lab, start, solved, failures } = labSteps('rolling-out-nodepool-changes');
const messages = (n: number, text: string): string[] => failures(n, text).map((f) => f.message);

describe('lab: Rolling out a NodePool change safely', { timeout: 120_000 }, () => {
  it('has four steps on Karpenter v1', () => {
    expect(lab.steps.map((s) => s.n)).toEqual([1, 2, 3, 4]);
    expect(lab.meta.karpenterVersion).toBe('v1');
  });

  it('step 1: editing the alias in place leaves nothing to roll out', () => {
    const text = replaced(start(1), 'alias: al2023@v20241011', 'alias: al2023@v20241213');
    expect(messages(1, text)).toEqual([
      expect.stringMatching(/^no `kubectl apply -f new-ami` of a held-back document ran/),
    ]);
  });

  it('step 1: applying a document name that is not held back fails as an action', () => {
    const text = replaced(
      solved(1),
      'run: kubectl apply -f new-ami',
      'run: kubectl apply -f default',
    );
    expect(messages(1, text)).toEqual([expect.stringMatching(/^no `kubectl apply -f new-ami`/)]);
  });

  it('step 2: a budget of 2 nodes is faster but not all at once', () => {
    const text = replaced(solved(2), "nodes: '100%'", "nodes: '2'");
    expect(messages(2, text)).toEqual([
      expect.stringMatching(/^the change took \dm\d+s to settle, more than 2m30s \(3 NodeClaim/),
      expect.stringMatching(/2/),
    ]);
  });

  it('step 3: the budget alone lets both pods of a node go at once', () => {
    const text = solved(3).replace(/---\napiVersion: policy\/v1[\s\S]*$/, '');
    expect(messages(3, text)).toEqual([expect.stringMatching(/app=web/)]);
  });

  it('step 3: the PDB alone still disrupts every node at once', () => {
    const text = replaced(solved(3), "nodes: '1'", "nodes: '100%'");
    expect(messages(3, text)).toEqual([expect.stringMatching(/3/)]);
  });

  it('step 4: narrowing to the m family drifts but costs more, not less', () => {
    const text = replaced(
      replaced(solved(4), "values: ['arm64']", "values: ['amd64']"),
      "values: ['c', 'm']\n      nodeClassRef:\n        group: karpenter.k8s.aws\n        kind: EC2NodeClass\n        name: default\n  disruption:\n    consolidationPolicy: WhenEmpty\n    consolidateAfter: 1m\n    budgets:\n      - nodes: '1'\n---\napiVersion: karpenter.k8s.aws",
      "values: ['m']\n      nodeClassRef:\n        group: karpenter.k8s.aws\n        kind: EC2NodeClass\n        name: default\n  disruption:\n    consolidationPolicy: WhenEmpty\n    consolidateAfter: 1m\n    budgets:\n      - nodes: '1'\n---\napiVersion: karpenter.k8s.aws",
    );
    expect(messages(4, text)).toEqual([
      expect.stringMatching(/^the cost changes by \+\$0\.0285\/h, more than −\$0\.0200\/h/),
      expect.stringMatching(/amd64/),
    ]);
  });

  it('step 4: widening to amd64 and arm64 drifts nothing', () => {
    const text = replaced(solved(4), "values: ['arm64']", "values: ['amd64', 'arm64']");
    expect(messages(4, text)[0]).toMatch(/^only 0 NodeClaim\(s\) drifted, expected at least 3/);
  });
});
