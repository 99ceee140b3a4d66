import { describe, expect, it } from 'vitest';
import { plainBlocker } from './explanation.ts';
import { multiplePdbsReason, pdbReason } from './wording.ts';

describe('plainBlocker', () => {
  // The reason is lower-cased before matching (v0.31 capitalised its reasons), so each needle must
  // be lower case too: "multiple PDBs" never matched and fell through to the single-PDB sentence.
  it('says a pod under two PDBs is refused by the Eviction API, not that a PDB allows no more', () => {
    expect(plainBlocker(multiplePdbsReason(['default/a', 'default/b']))).toBe(
      'A pod is covered by more than one PodDisruptionBudget; the Eviction API refuses such pods.',
    );
    expect(plainBlocker(pdbReason('v1.7', 'default/a'))).toBe(
      'A PodDisruptionBudget currently allows no more disruptions for one of its pods.',
    );
  });
});
