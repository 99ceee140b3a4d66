// plainReason: the plain sentence the CLI report and the JSON's `plain` give next to Karpenter's
// own message for a Pending pod.
import { describe, expect, it } from 'vitest';
import { plainReason } from './explain.ts';

const noPool = (message: string) => ({ nodePool: '', kind: 'noNodePool' as const, message });

describe('plainReason', () => {
  it('says there is no pool for "no nodepools found" and v0.31\'s "no provisioners found"', () => {
    expect(plainReason(noPool('no nodepools found'))).toBe(
      'No NodePool is available to Karpenter.',
    );
    expect(plainReason(noPool('no provisioners found'), [], 'Provisioner')).toBe(
      'No Provisioner is available to Karpenter.',
    );
  });

  it('does not say there is no pool when the pools exist but leave no instance type', () => {
    // A NodePool asking for node.kubernetes.io/instance-type In [m99.huge]: it exists.
    const r = noPool('nodepool requirements filtered out all available instance types');
    expect(plainReason(r)).toBe(
      'Every NodePool leaves no usable instance type: its requirements (or minValues) rule out the whole catalog, or every offering is unavailable.',
    );
    expect(plainReason(r, [], 'Provisioner')).toMatch(/^Every Provisioner leaves no usable/);
  });

  it('names a v0.31 Provisioner as a Provisioner, not a NodePool', () => {
    const r = { nodePool: 'default', kind: 'resources' as const, message: 'no instance type …' };
    expect(plainReason(r)).toMatch(/^NodePool default: no instance type the pool allows/);
    expect(plainReason(r, [], 'Provisioner')).toMatch(
      /^Provisioner default: no instance type the pool allows/,
    );
  });
});
