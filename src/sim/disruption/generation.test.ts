import { describe, expect, it } from 'vitest';
import { emptyState } from '../engine/state.ts';
import { generationOf } from './generation.ts';

const gen = (version: string, semantics: 'v1' | 'v1alpha5' = 'v1') =>
  generationOf(emptyState({ installed: true, version, semantics }));

describe('generation › method order and rules by Karpenter version (reference §0, §3.1)', () => {
  it('tries Emptiness before Drift since v1.5, Drift first in v1.0–v1.4', () => {
    expect(gen('v1').order).toEqual(['emptiness', 'drift', 'multi', 'single']);
    expect(gen('v1.14').order).toEqual(['emptiness', 'drift', 'multi', 'single']);
    expect(gen('v1.4').order).toEqual(['drift', 'emptiness', 'multi', 'single']);
  });

  it('makes expiration forceful only from v1', () => {
    expect(gen('v1.0').forcefulExpiration).toBe(true);
    expect(gen('v0.37').forcefulExpiration).toBe(false);
    expect(gen('v0.37').order[0]).toBe('expiration');
    expect(gen('v0.31', 'v1alpha5').order).toEqual([
      'expiration',
      'drift',
      'legacyEmptiness',
      'emptyNodeConsolidation',
      'multi',
      'single',
    ]);
  });

  it('has budgets from v0.34 (reasons from v1) and the spot-to-spot gate from v0.34', () => {
    expect(gen('v0.33')).toMatchObject({ budgets: false, spotToSpot: 'never' });
    expect(gen('v0.34')).toMatchObject({ budgets: true, budgetReasons: false, spotToSpot: 'gate' });
    expect(gen('v1.0')).toMatchObject({ budgets: true, budgetReasons: true });
    expect(gen('v0.31', 'v1alpha5')).toMatchObject({
      budgets: false,
      provisioner: true,
      spotToSpot: 'never',
    });
  });

  // upstream: pkg/controllers/disruption/events/events.go — ConsolidationCandidate and
  // ConsolidationRejected first appear in v1.9.0 (absent from v1.8.0's events.go).
  it('publishes the consolidation candidate and rejection events from v1.9', () => {
    expect(gen('v1.8').consolidationEvents).toBe(false);
    expect(gen('v1.9').consolidationEvents).toBe(true);
    expect(gen('v1').consolidationEvents).toBe(true);
    expect(gen('v0.37').consolidationEvents).toBe(false);
    expect(gen('v0.31', 'v1alpha5').consolidationEvents).toBe(false);
  });
});
