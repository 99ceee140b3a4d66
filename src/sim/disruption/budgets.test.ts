import { describe, expect, it } from 'vitest';
import type { Budget } from '../k8s.ts';
import { emptyState, type ClusterState } from '../engine/state.ts';
import { allowedDisruptions, budgetLimit, countPoolNodes } from './budgets.ts';
import { claimRecord, eagerPool, nodeRecord } from './testing.ts';

const H = 3_600_000;

describe('budgets › the limit of one budget (reference §3.12)', () => {
  it('takes a count as is and rounds a percentage up', () => {
    expect(budgetLimit({ nodes: '3' }, 100, 0)).toBe(3);
    expect(budgetLimit({ nodes: '20%' }, 19, 0)).toBe(4);
    for (let total = 1; total <= 10; total++)
      expect(budgetLimit({ nodes: '10%' }, total, 0)).toBe(1);
    expect(budgetLimit({ nodes: '10%' }, 0, 0)).toBe(0);
  });

  it('applies a scheduled budget only inside its window, and allows everything outside it', () => {
    const b: Budget = { nodes: '0', schedule: '0 9 * * *', duration: '8h' };
    expect(budgetLimit(b, 10, 10 * H)).toBe(0);
    expect(budgetLimit(b, 10, 18 * H)).toBeGreaterThan(1_000_000);
  });

  it('fails closed on a malformed budget', () => {
    expect(budgetLimit({ nodes: 'lots' }, 10, 0)).toBe(0);
    expect(budgetLimit({ nodes: '1', schedule: 'nonsense' }, 10, 0)).toBe(0);
    expect(budgetLimit({ nodes: '1', schedule: '@daily' }, 10, 0)).toBe(0); // duration missing
  });
});

describe('budgets › per reason', () => {
  const pool = eagerPool('default', {
    budgets: [
      { nodes: '50%' },
      { nodes: '0', reasons: ['Drifted'] },
      { nodes: '1', reasons: ['Empty', 'Underutilized'] },
    ],
  });
  it('takes the minimum over the budgets that name the reason or name none', () => {
    const count = { total: 10, disrupting: 0 };
    expect(allowedDisruptions(pool, count, 'Drifted', 0)).toBe(0);
    expect(allowedDisruptions(pool, count, 'Empty', 0)).toBe(1);
    expect(allowedDisruptions(pool, count, 'Underutilized', 0)).toBe(1);
  });

  it('defaults to 10% and never goes below zero', () => {
    const plain = eagerPool('p');
    const { budgets: _b, ...rest } = plain.spec.disruption ?? {};
    plain.spec.disruption = rest;
    expect(allowedDisruptions(plain, { total: 30, disrupting: 1 }, 'Empty', 0)).toBe(2);
    expect(allowedDisruptions(plain, { total: 30, disrupting: 7 }, 'Empty', 0)).toBe(0);
  });
});

describe('budgets › counting nodes (reference §6.3 case 64)', () => {
  type NodeShape = {
    ready?: boolean;
    deletingAt?: number;
    terminatedAt?: number;
    initialized?: boolean;
    managed?: boolean;
  };
  function stateWith(nodes: NodeShape[]): ClusterState {
    const s = emptyState({ installed: true, version: 'v1', semantics: 'v1' });
    nodes.forEach((o, i) => {
      // Uninitialized claims have no initializedAt at all.
      const { initializedAt: _never, ...uninitialized } = claimRecord(`c${i}`);
      const claim =
        o.initialized === false ? uninitialized : claimRecord(`c${i}`, { initializedAt: 1 });
      s.nodeClaims.set(claim.name, claim);
      s.nodes.set(
        `n${i}`,
        nodeRecord(`n${i}`, {
          ready: o.ready ?? true,
          ...(o.managed === false ? {} : { nodeClaim: claim.name }),
          ...(o.deletingAt === undefined ? {} : { deletingAt: o.deletingAt }),
          ...(o.terminatedAt === undefined ? {} : { terminatedAt: o.terminatedAt }),
        }),
      );
    });
    return s;
  }

  it('counts NotReady and deleting nodes as disrupting; skips uninitialized, terminated and unmanaged nodes', () => {
    const s = stateWith([
      {},
      { ready: false },
      { deletingAt: 5 },
      { initialized: false },
      { terminatedAt: 9 },
      { managed: false },
    ]);
    expect(countPoolNodes(s, new Set()).get('default')).toEqual({ total: 3, disrupting: 2 });
  });

  it('counts nodes held by a running command as disrupting', () => {
    const s = stateWith([{}, {}, {}]);
    expect(countPoolNodes(s, new Set(['n0'])).get('default')).toEqual({ total: 3, disrupting: 1 });
  });
});
