// Wrong answers for the lab "StatefulSets, volumes and zones": each is a learner-sized mistake on
// the step's own start or solution, failing with the message that says what is wrong (labs.test.ts
// already proves every solution passes and every start fails; anchoring.test.ts the timing).
import { describe, expect, it } from 'vitest';
import { consoleAt, labSteps, play, replaced } from './testing.ts';

const { lab, start, solved, failures } = labSteps('statefulsets-volumes-zones');

/** The messages of the checks `text` fails in step n. */
const messages = (n: number, text: string): string[] => failures(n, text).map((f) => f.message);

describe('lab: StatefulSets, volumes and zones', () => {
  it('has four steps on Karpenter v1', () => {
    expect(lab.steps.map((s) => s.n)).toEqual([1, 2, 3, 4]);
    expect(lab.meta.karpenterVersion).toBe('v1');
  });

  describe('step 1: WaitForFirstConsumer', () => {
    it('leaving the class Immediate deadlocks: no node, so no zone, so no volume', () => {
      const all = messages(1, start(1));
      expect(all).toHaveLength(3);
      expect(all[0]).toMatch(
        /^0 pods Running at 3m, expected 3 \(3 pods match app=web\); default\/web-\d is Pending: .*pvc with immediate volume binding mode must be bound/,
      );
      expect(all[1]).toMatch(
        /^data-web-0 is Pending, data-web-1 is Pending, data-web-2 is Pending at the end of the run \(last event: ProvisioningFailed: failed to provision volume with StorageClass "gp3": error generating accessibility requirements: no available topology found\)$/,
      );
      expect(all[2]).toMatch(/^no pod app=web is Running at the end of the run/);
    });

    it('a misspelt class name: the claims never bind and Karpenter says which class is missing', () => {
      const text = replaced(
        solved(1),
        '        storageClassName: gp3\n',
        '        storageClassName: gp-3\n',
      );
      expect(messages(1, text)[0]).toMatch(
        /is Pending: .*storageclasses\.storage\.k8s\.io "gp-3" not found/,
      );
    });
  });

  describe('step 2: a volume in a zone the pool cannot reach', () => {
    it('pinning the pods to us-east-1a contradicts the volumes in b and c: those pods stay Pending', () => {
      const text = replaced(
        solved(2),
        '    spec:\n      containers:\n',
        '    spec:\n      nodeSelector:\n        topology.kubernetes.io/zone: us-east-1a\n      containers:\n',
      );
      const all = messages(2, text);
      expect(all[0]).toMatch(
        /^1 pod Running at the end of the run, expected 3 \(3 pods match app=web\); default\/web-1 is Pending: incompatible with nodepool "default", daemonset overhead=\{\}, incompatible volume requirements, key topology\.kubernetes\.io\/zone, topology\.kubernetes\.io\/zone In \[us-east-1b\] not in topology\.kubernetes\.io\/zone In \[us-east-1a\]$/,
      );
    });

    it('the untouched pool: Karpenter’s volume requirement message names both zone sets', () => {
      expect(messages(2, start(2))[0]).toMatch(
        /web-2 is Pending: .*incompatible volume requirements, key topology\.kubernetes\.io\/zone, topology\.kubernetes\.io\/zone In \[us-east-1c\] not in topology\.kubernetes\.io\/zone In \[us-east-1a us-east-1b\]/,
      );
    });
  });

  describe('step 3: drain and consolidation keep the zone', () => {
    // A 25-minute run with a drain: slower than the default 5 s on a busy machine.
    it('without the scale-down nothing is underutilized', { timeout: 60_000 }, () => {
      const text = play(
        start(3),
        consoleAt(6 * 60_000, 'kubectl drain <node> --ignore-daemonsets'),
      );
      expect(messages(3, text)).toEqual([
        expect.stringMatching(
          /^0 node\(s\) disrupted as Underutilized after 8m, expected at least 1/,
        ),
      ]);
    });
  });

  describe('step 4: volume limits', () => {
    it('without the attach limit one m5.large takes every shard (26 attachments)', () => {
      const text = replaced(solved(4), '  storage:\n    volumeAttachLimit: 4\n', '');
      expect(messages(4, text)).toEqual([
        expect.stringMatching(/^at most 12 on ip-[\w.-]+ at \S+, more than 4$/),
        expect.stringMatching(
          /^1 node\(s\) launched in the run \(1 × m5\.large on-demand\), expected exactly 3$/,
        ),
        expect.stringMatching(
          /^no FailedScheduling event after 3m in the run|FailedScheduling event\(s\), but none saying "exceed max volume count"/,
        ),
      ]);
    });
  });
});
