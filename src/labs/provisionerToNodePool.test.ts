// Wrong answers of the lab "Migrating a Provisioner to a v1 NodePool": each realistic mistake fails
// for the right reason, with a message that says what is wrong. (labs.test.ts already proves every
// solution passes and every untouched start fails.) A mistake is the step's start or solution with
// one learner-sized edit.
import { describe, expect, it } from 'vitest';
import { consoleAt, labSteps, play, replaced } from './testing.ts';

const { lab, start, solved, failures } = labSteps('provisioner-to-nodepool');

const HELM = 'helm upgrade karpenter oci://public.ecr.aws/karpenter/karpenter';
const messages = (n: number, text: string): string[] => failures(n, text).map((f) => f.message);
const failure = (n: number, text: string, label: string) =>
  failures(n, text).find((f) => f.label === label)?.message;

// What v0.31's AWS webhook added to the Provisioner, as step 2's solution writes it out.
const DEFAULTS = `        # What v0.31's webhook added to the Provisioner; v1 adds nothing.
        - key: kubernetes.io/os
          operator: In
          values: ['linux']
        - key: karpenter.sh/capacity-type
          operator: In
          values: ['on-demand']
        - key: karpenter.k8s.aws/instance-category
          operator: In
          values: ['c', 'm', 'r']
        - key: karpenter.k8s.aws/instance-generation
          operator: Gt
          values: ['2']
`;
const CATEGORY = `        - key: karpenter.k8s.aws/instance-category
          operator: In
          values: ['c', 'm', 'r']
`;
const NODE_CLASS_REF = `      nodeClassRef:
        group: karpenter.k8s.aws
        kind: EC2NodeClass
        name: default`;
const WHEN_EMPTY = `  disruption:
    consolidationPolicy: WhenEmpty
    consolidateAfter: 30s
`;

describe('lab: Migrating a Provisioner to a v1 NodePool', () => {
  it('has five steps and runs Karpenter v1', () => {
    expect(lab.steps.map((s) => s.n)).toEqual([1, 2, 3, 4, 5]);
    expect(lab.meta.karpenterVersion).toBe('v1');
  });

  describe('step 1: the upgrade', () => {
    it('jumping straight to the newest 1.x is refused: pre-1.0 clusters must go through 1.0', () => {
      const text = play(start(1), consoleAt(300_000, `${HELM} --version 1.5.0`));
      expect(messages(1, text)).toEqual([
        'Karpenter 1.5.0 is installed, but this lab needs 1.0 (helm … --version 1.0.0)',
      ]);
    });

    it('upgrading at 0s (playhead not moved) leaves nothing v0.31 launched to compare with', () => {
      const text = play(start(1), consoleAt(0, `${HELM} --version 1.0.0`));
      expect(failure(1, text, '1 node(s) launched')).toBe(
        '0 node(s) launched in the run, expected exactly 1',
      );
    });
  });

  describe('step 2: NodePool and EC2NodeClass', () => {
    it('copying only the Provisioner’s own requirements launches spot: v1 has no webhook defaults', () => {
      const text = replaced(solved(2), DEFAULTS, '');
      expect(failure(2, text, 'every node launched is on-demand amd64')).toBe(
        '1 of 1 nodes are spot: NodePool "default" does not constrain karpenter.sh/capacity-type',
      );
    });

    it('without the instance categories, v1 picks a burstable type, not what v0.31 launched', () => {
      const text = replaced(solved(2), CATEGORY, '');
      expect(messages(2, text)).toEqual([
        '1 Launched event(s), but none saying "c6a.2xlarge"; the last: 3s nodeclaim/default-bgt9w: Launched t3a.2xlarge (on-demand) in us-east-1c at $0.3008/h',
      ]);
    });

    it('a providerRef-style nodeClassRef (name only) is invalid in v1', () => {
      const text = replaced(
        solved(2),
        NODE_CLASS_REF,
        '      nodeClassRef:\n        name: default',
      );
      expect(failure(2, text, 'the workspace has no errors')).toMatch(
        /^the workspace has 2 error\(s\); the first, on line \d+ \(spec\.template\.spec\.nodeClassRef\.group\): Required value$/,
      );
    });

    it('keeping limits.resources from v1alpha5 is invalid in v1', () => {
      const text = replaced(
        solved(2),
        '  limits:\n    cpu: 1000',
        '  limits:\n    resources:\n      cpu: 1000',
      );
      expect(failure(2, text, 'the workspace has no errors')).toMatch(
        /^the workspace has 1 error\(s\); the first, on line \d+ \(spec\.limits\.resources\): Invalid value: "object": must be of type integer or string/,
      );
    });
  });

  describe('step 3: ttlSecondsAfterEmpty', () => {
    it('WhenEmpty without consolidateAfter deletes the empty node at once, not 30 s later', () => {
      const text = replaced(solved(3), '    consolidateAfter: 30s\n', '');
      expect(messages(3, text)).toEqual([
        expect.stringMatching(/^0 node\(s\) disrupted as Empty after 10m30s, expected at least 1/),
      ]);
    });

    it('ttlSecondsAfterEmpty on a NodePool is ignored, so v1 consolidates the busy node', () => {
      const text = replaced(solved(3), WHEN_EMPTY, '  ttlSecondsAfterEmpty: 30\n');
      expect(failure(3, text, 'no node is disrupted as Underutilized')).toMatch(
        /^1 node\(s\) were disrupted as Underutilized, expected at most 0: ip-[\d-]+\.ec2\.internal at 6m\d+s$/,
      );
    });

    it('the v1beta1 policy name WhenUnderutilized is rejected', () => {
      const text = replaced(solved(3), 'WhenEmpty\n', 'WhenUnderutilized\n');
      expect(failure(3, text, 'a node is disrupted as Empty after 10m30s')).toMatch(
        /Unsupported value: "WhenUnderutilized": supported values: "WhenEmpty", "WhenEmptyOrUnderutilized"/,
      );
    });
  });

  describe('step 4: consolidation', () => {
    it('consolidateAfter: 0s replaces the node right after the scale-down', () => {
      const text = replaced(solved(4), 'consolidateAfter: 1m', 'consolidateAfter: 0s');
      expect(messages(4, text)).toEqual([
        expect.stringMatching(
          /^1 node\(s\) were disrupted as Underutilized before 6m30s, expected at most 0: ip-[\d-]+\.ec2\.internal at 6m\d+s$/,
        ),
      ]);
    });

    it('consolidateAfter: Never turns consolidation off, and Karpenter says so', () => {
      const text = replaced(solved(4), 'consolidateAfter: 1m', 'consolidateAfter: Never');
      expect(failure(4, text, 'Karpenter consolidates after 5m')).toBe(
        'no consolidation after 5m: 1 × c6a.2xlarge on-demand at $0.3060/h → 1 × c6a.2xlarge on-demand at $0.3060/h; Karpenter says: NodePool "default" has consolidation disabled',
      );
    });
  });

  describe('step 5: expireAfter', () => {
    it('expireAfter under spec.disruption (the v1beta1 place) is ignored: nothing expires', () => {
      const moved = replaced(solved(5), '      expireAfter: 10m\n', '');
      const text = replaced(
        moved,
        '    consolidateAfter: 1m\n',
        '    consolidateAfter: 1m\n    expireAfter: 10m\n',
      );
      expect(messages(5, text)).toEqual([
        "0 node(s) disrupted as Expired, expected at least 1 (Karpenter disrupted no node; Karpenter says: Can't replace with a cheaper node)",
      ]);
    });

    it('a number of seconds, as ttlSecondsUntilExpired took, is not a duration', () => {
      const text = replaced(solved(5), 'expireAfter: 10m', 'expireAfter: 600');
      expect(failure(5, text, 'a node is disrupted as Expired')).toMatch(
        /\(the workspace has an error on line \d+ \(spec\.template\.spec\.expireAfter\): Invalid value: "integer": must be of type string/,
      );
    });
  });
});
