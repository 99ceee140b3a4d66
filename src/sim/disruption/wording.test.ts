import { describe, expect, it } from 'vitest';
import { parseKarpenterVersion } from '../version.ts';
import { schedulingErrors } from './dryrun.ts';
import { blockedMessage, sentence, wordingOf } from './wording.ts';

const at = (v: string) => {
  const parsed = parseKarpenterVersion(v);
  if (!parsed) throw new Error(v);
  return wordingOf(parsed);
};

describe('wording › by version', () => {
  it('changes at v1.2 (#1906), v1.5 (#2136) and v1.7 (PDB keys as a list)', () => {
    expect(['v0.37', 'v1.0', 'v1.1'].map(at)).toEqual(['v1.0', 'v1.0', 'v1.0']);
    expect(['v1.2', 'v1.4'].map(at)).toEqual(['v1.2', 'v1.2']);
    expect(['v1.5', 'v1.6'].map(at)).toEqual(['v1.5', 'v1.5']);
    expect(['v1.7', 'v1.14', 'v1'].map(at)).toEqual(['v1.7', 'v1.7', 'v1.7']);
  });

  it('publishes the reason as a sentence since v1.2, behind "Cannot disrupt <kind>:" before', () => {
    expect(blockedMessage('v1.7', 'NodeClaim', "node isn't initialized")).toBe(
      "Node isn't initialized",
    );
    expect(blockedMessage('v1.0', 'NodeClaim', "state node isn't initialized")).toBe(
      "Cannot disrupt NodeClaim: state node isn't initialized",
    );
    expect(sentence('')).toBe('');
  });
});

describe('wording › Results.NonPendingPodSchedulingErrors', () => {
  const errs = (n: number) => Array.from({ length: n }, (_, i) => `default/p${i} => e`);

  it('follows each error with a space, as upstream prints it', () => {
    expect(schedulingErrors(errs(2))).toBe(
      'not all pods would schedule, default/p0 => e default/p1 => e ',
    );
  });

  it('says " and N other(s)" after the fifth, even when N is 0', () => {
    expect(schedulingErrors(errs(5))).toMatch(/default\/p4 => e {2}and 0 other\(s\)$/);
    expect(schedulingErrors(errs(7))).toMatch(/default\/p4 => e {2}and 2 other\(s\)$/);
  });
});
