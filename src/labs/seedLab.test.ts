// The seed lab's wrong answers: each fails for the right reason, with a message that says what is
// wrong. (labs.test.ts already proves every solution passes.) Wrong answers are the step's starting
// workspace with one learner-sized mistake, written as a text edit.
import { describe, expect, it } from 'vitest';
import { consoleAt, labSteps, play, replaced } from './testing.ts';

const { lab, step, failures } = labSteps('karpenter-jit-scaling');

const HELM = 'helm install karpenter oci://public.ecr.aws/karpenter/karpenter';

describe('seed lab: Karpenter — just-in-time scaling', () => {
  it('has the eight steps of the original lab, parts and challenges', () => {
    expect(lab.steps.map((s) => s.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(lab.meta.karpenterVersion).toBe('v0.31');
  });

  it('step 1 refuses a Karpenter 1.x install: this lab needs v0.31', () => {
    const text = play(step(1).start ?? '', consoleAt(0, `${HELM} --version 1.0.0`));
    const [f] = failures(1, text);
    expect(f?.message).toBe(
      'Karpenter 1.0.0 is installed, but this lab needs v0.31 (helm … --version 0.31.0)',
    );
  });

  it('step 2 says why a NodePool is not served by v0.31', () => {
    const nodePool = [
      '---',
      'apiVersion: karpenter.sh/v1',
      'kind: NodePool',
      'metadata: {name: default}',
      'spec:',
      '  template:',
      '    spec:',
      '      nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: default}',
      '      requirements: []',
      '',
    ].join('\n');
    const [f] = failures(2, `${step(2).start ?? ''}${nodePool}`);
    expect(f?.label).toBe('Karpenter serves "default"');
    expect(f?.message).toMatch(
      /^Karpenter does not serve "default" \(serving: nothing\) \(the workspace has an error on line \d+ \(kind\): no matches for kind "NodePool" in version "karpenter.sh\/v1": the simulated Karpenter v0.31 serves the v1alpha5/,
    );
  });

  it('step 4 (scaling to 0 instead of 1) lets ttlSecondsAfterEmpty remove the empty node', () => {
    const text = play(
      step(4).start ?? '',
      consoleAt(300_000, 'kubectl scale deployment inflate --replicas=0'),
    );
    const messages = failures(4, text).map((f) => f.message);
    expect(messages).toContain(
      '0 pods Running at the end of the run, expected 1 (0 pods match app=inflate)',
    );
    expect(
      messages.some((m) =>
        /^1 node\(s\) were terminated, expected at most 0: .*c6a\.2xlarge/.test(m),
      ),
    ).toBe(true);
  });

  it('step 4 scaled down at 0s instead of 5m: five pods never ran, so the step teaches nothing', () => {
    const text = play(
      step(4).start ?? '',
      consoleAt(0, 'kubectl scale deployment inflate --replicas=1'),
    );
    expect(failures(4, text).map((f) => f.message)).toEqual([
      '1 pod Running at 4m, expected 5 (1 pod matches app=inflate)',
    ]);
  });

  it('step 5 on spot: v0.31 cannot replace a spot node with a spot node, and says so', () => {
    const spot = replaced(
      step(5).start ?? '',
      "values: ['on-demand']",
      "values: ['spot', 'on-demand']",
    );
    const text = replaced(
      spot,
      '  ttlSecondsAfterEmpty: 30\n',
      '  consolidation:\n    enabled: true\n',
    );
    const consolidated = failures(5, text).find((f) =>
      f.label.startsWith('Karpenter consolidates'),
    );
    expect(consolidated?.message).toMatch(
      /^no consolidation after 5m: 1 × c6a\.2xlarge spot .*Karpenter says: .*spot node with a spot node/,
    );
  });

  it('step 6 names the on-demand nodes and the requirement that still allows them', () => {
    const text = play(step(6).start ?? '', consoleAt(180_000, 'interrupt <node>'));
    const spot = failures(6, text).find((f) => f.label === 'every node launched is spot');
    expect(spot?.message).toBe(
      '2 of 2 nodes are on-demand: karpenter.sh/capacity-type of Provisioner "default" still allows on-demand',
    );
  });

  it('step 6 without the interruption has nothing to show about graceful termination', () => {
    const text = replaced(step(6).start ?? '', "values: ['on-demand']", "values: ['spot']");
    expect(failures(6, text).map((f) => f.message)).toEqual([
      'no SpotInterrupted event after 3m in the run',
      'no TerminatingOnInterruption event after 3m in the run',
    ]);
  });

  it('step 8 with the amd64-only image on Graviton reports the exec format error', () => {
    const [f] = failures(8, step(8).start ?? '');
    expect(f?.message).toMatch(
      /CrashLoopBackOff \(exec format error: image myapp:1\.0 has no linux\/arm64 variant\)/,
    );
  });

  it('step 8 pinned to amd64 runs, but not on Graviton and not for the Graviton price', () => {
    const text = play(step(8).solution[0] ? (step(8).start ?? '') : '', ...step(8).solution);
    const amd = replaced(text, "values: ['amd64', 'arm64']", "values: ['amd64']");
    const messages = failures(8, amd).map((f) => f.message);
    expect(messages).toEqual([
      '1 of 1 nodes are amd64: kubernetes.io/arch of Provisioner "default" still allows amd64',
      expect.stringMatching(
        /^the cluster costs \$0\.1316\/h at the end of the run \(1 × c6a\.2xlarge spot\), more than \$0\.1000\/h$/,
      ),
    ]);
  });
});
