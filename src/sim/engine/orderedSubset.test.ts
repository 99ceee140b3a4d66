// The kube-scheduler's usable-node list is brought up to date per changed node (orderedSubset.ts)
// instead of rebuilt from every node per pass. Over generated sequences of names registering,
// turning members or not, and syncs in between, it must list exactly what filtering every
// registered name in registration order lists, and only those changes reported before a sync.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrderedSubset } from './orderedSubset.ts';

const stepArb = fc.oneof(
  fc.record({ kind: fc.constant('register' as const), name: fc.nat(4) }),
  fc.record({ kind: fc.constant('flip' as const), name: fc.nat(4), member: fc.boolean() }),
  fc.record({ kind: fc.constant('sync' as const) }),
);

describe('OrderedSubset', () => {
  it('lists the members in registration order, as a rebuild at each sync would', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 40, size: 'max' }), (steps) => {
        const subset = new OrderedSubset<string>();
        const registered: string[] = [];
        const isMember = new Map<string, boolean>();
        const rebuild = (): string[] => registered.filter((n) => isMember.get(n) === true);
        let synced: string[] = [];
        for (const s of steps) {
          const name = `n${s.kind === 'sync' ? 0 : s.name}`;
          if (s.kind === 'register') {
            if (!registered.includes(name)) registered.push(name);
            subset.register(name);
          } else if (s.kind === 'flip') {
            isMember.set(name, s.member);
            subset.touch(name);
          } else {
            synced = rebuild();
            const got = subset.sync((n) => (isMember.get(n) === true ? n : undefined));
            expect([...got]).toEqual(synced);
          }
          // Between syncs the list stays as the last sync left it.
          for (const n of registered) expect(subset.has(n)).toBe(synced.includes(n));
        }
      }),
    );
  });

  it('keeps one array across syncs (a pass holds it while nodes change)', () => {
    const subset = new OrderedSubset<string>();
    subset.register('a');
    const list = subset.sync((n) => n);
    subset.register('b');
    expect(list).toEqual(['a']);
    expect(subset.sync((n) => n)).toBe(list);
    expect(list).toEqual(['a', 'b']);
  });
});
