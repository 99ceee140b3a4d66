// "Karpenter beside Cluster Autoscaler": the learner's likely mistakes fail with messages that give
// both autoscalers' figures. (labs.test.ts already proves every solution passes.)
import { describe, expect, it } from 'vitest';
import { consoleAt, labSteps, play, replaced } from './testing.ts';

const { start, failures } = labSteps('karpenter-vs-cluster-autoscaler');
const messages = (n: number, text: string) => failures(n, text).map((f) => f.message);

describe('lab: Karpenter beside Cluster Autoscaler', () => {
  it('step 1 with a single replica: one m5.large is enough, so nothing shows the difference', () => {
    const text = play(start(1), consoleAt(0, 'kubectl scale deployment inflate --replicas=1'));
    expect(messages(1, text)).toEqual([
      '1 pod Running at the end of the run, expected 5 (1 pod matches app=inflate)',
      expect.stringMatching(
        /^Cluster Autoscaler’s nodes launched is 1, less than 5; Karpenter 1, Cluster Autoscaler 1 \(node group ca-workers: m5\.large on-demand, max 100\)$/,
      ),
    ]);
  });

  it('step 2 with m5.xlarge: three pods per node, so two nodes', () => {
    const text = replaced(start(2), 'instanceType: m5.large', 'instanceType: m5.xlarge');
    expect(messages(2, text)).toEqual([
      expect.stringMatching(/^Cluster Autoscaler’s nodes launched is 2, more than 1; /),
    ]);
  });

  it('step 2 with m5.4xlarge: one node, but most of it idle', () => {
    const text = replaced(start(2), 'instanceType: m5.large', 'instanceType: m5.4xlarge');
    expect(messages(2, text)).toEqual([
      expect.stringMatching(
        /^Cluster Autoscaler’s paid vCPU not requested is \d+%, more than 45%; Karpenter \d+%, Cluster Autoscaler \d+% \(node group ca-workers: m5\.4xlarge on-demand, max 100\)$/,
      ),
    ]);
  });

  it('step 2 with a type that is not in the catalog says so', () => {
    const text = replaced(start(2), 'instanceType: m5.large', 'instanceType: m5.huge');
    expect(messages(2, text)).toEqual([
      expect.stringMatching(
        /^Cluster Autoscaler’s pods that never ran is 5, more than 0; .*; the Cluster Autoscaler run warns: .*instance type "m5\.huge" is not in the catalog/,
      ),
    ]);
  });

  it('step 3 scaled at 0s instead of 5m: Karpenter never had a big node to consolidate', () => {
    const text = play(start(3), consoleAt(0, 'kubectl scale deployment inflate --replicas=1'));
    expect(messages(3, text)[0]).toMatch(
      /^0 node\(s\) disrupted as Underutilized after 5m before 8m, expected at least 1/,
    );
  });
});
