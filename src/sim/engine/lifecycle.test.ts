import { describe, expect, it } from 'vitest';
import { LABEL } from '../labels.ts';
import { Requirements } from '../requirements.ts';
import { resolvedTypeLabels } from './lifecycle.ts';

describe('resolvedTypeLabels (a launched type’s labels under the NodeClaim’s requirements)', () => {
  const type = Requirements.from([
    { key: LABEL.arch, operator: 'In', values: ['amd64', 'arm64'] },
    { key: LABEL.os, operator: 'In', values: ['windows', 'linux'] },
    { key: 'karpenter.k8s.aws/instance-family', operator: 'In', values: ['m5'] },
  ]);

  it('takes the value the claim leaves, linux among OSes, else the first in order', () => {
    const claim = [{ key: LABEL.arch, operator: 'In' as const, values: ['arm64'] }];
    expect(resolvedTypeLabels(type, claim)).toEqual({
      [LABEL.arch]: 'arm64',
      [LABEL.os]: 'linux',
      'karpenter.k8s.aws/instance-family': 'm5',
    });
    expect(resolvedTypeLabels(type, [])[LABEL.arch]).toBe('amd64');
  });

  it('answers a claim list and type it has seen with the same labels, another list afresh', () => {
    const arm = [{ key: LABEL.arch, operator: 'In' as const, values: ['arm64'] }];
    const amd = [{ key: LABEL.arch, operator: 'In' as const, values: ['amd64'] }];
    const first = resolvedTypeLabels(type, arm);
    expect(resolvedTypeLabels(type, arm)).toBe(first);
    expect(resolvedTypeLabels(type, amd)[LABEL.arch]).toBe('amd64');
    expect(resolvedTypeLabels(type, arm)[LABEL.arch]).toBe('arm64');
  });
});
