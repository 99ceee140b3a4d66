import { describe, expect, it } from 'vitest';
import { simulateFixture } from '../../fidelity/harness.ts';

describe('kube-scheduler › why no node fits', () => {
  it('names the taint Karpenter put on a node that is being deleted, not not-ready', () => {
    // A Ready node on its way out carries karpenter.sh/disrupted:NoSchedule; kube-scheduler's
    // TaintToleration filter names it ("untolerated taint {key: value}"). The lab used to count
    // every node left out of its pass as not Ready.
    const j = simulateFixture('provisioning/deleting-node-gets-no-new-pods.yaml');
    const failed = j.events.filter((e) => e.reason === 'FailedScheduling').map((e) => e.message);
    expect(failed).toContain(
      '0/1 nodes are available: 1 node(s) had untolerated taint {karpenter.sh/disrupted: }.',
    );
    expect(failed.join('\n')).not.toMatch(/not-ready/);
  });
});
