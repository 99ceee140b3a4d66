import { describe, expect, it } from 'vitest';
import { parseKarpenterVersion } from '../version.ts';
import { schedulingErrors } from './dryrun.ts';
import {
  blockedMessage,
  deprovisioningReason,
  nodeReasons,
  publishesBlocker,
  sentence,
  wordingOf,
} from './wording.ts';

const at = (v: string) => {
  const parsed = parseKarpenterVersion(v);
  if (!parsed) throw new Error(v);
  return wordingOf(parsed);
};

describe('wording › by version', () => {
  it('changes at v0.32, v0.34, v1.0, v1.2 (#1906), v1.5 (#2136) and v1.7 (PDB keys as a list)', () => {
    expect(['v0.31', 'v0.3x'].map(at)).toEqual(['v0.31', 'v0.31']);
    expect(['v0.32', 'v0.33', 'v0.34', 'v0.37'].map(at)).toEqual([
      'v0.32',
      'v0.32',
      'v0.34',
      'v0.34',
    ]);
    expect(['v1.0', 'v1.1'].map(at)).toEqual(['v1.0', 'v1.0']);
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

describe('wording › v0.31 deprovisioning (pkg/controllers/deprovisioning at v0.31.0)', () => {
  it('says "Cannot deprovision" on the Node and the Machine (events/events.go Blocked)', () => {
    expect(blockedMessage('v0.31', 'Node', 'Nominated for a pending pod')).toBe(
      'Cannot deprovision Node: Nominated for a pending pod',
    );
    expect(blockedMessage('v0.31', 'NodeClaim', 'Nominated for a pending pod')).toBe(
      'Cannot deprovision Machine: Nominated for a pending pod',
    );
  });

  it('publishes nothing for a node not initialized or marked for deletion (types.go NewCandidate)', () => {
    const r = nodeReasons('v0.31');
    expect(publishesBlocker('v0.31', r.notInitialized)).toBe(false);
    expect(publishesBlocker('v0.31', r.deleting)).toBe(false);
    expect(publishesBlocker('v0.31', r.nominated)).toBe(true);
    expect(publishesBlocker('v1.0', nodeReasons('v1.0').notInitialized)).toBe(true);
  });

  it('title-cases "<deprovisioner>/<action>" as cases.Title does', () => {
    expect(deprovisioningReason('consolidation', 'replace')).toBe('Consolidation/Replace');
    expect(deprovisioningReason('emptiness', 'delete')).toBe('Emptiness/Delete');
  });
});
