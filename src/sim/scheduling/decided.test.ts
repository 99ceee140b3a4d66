// SolveOptions.decidedBy: a disruption dry run may stop once its own pods' outcome is decided —
// all of them placed on existing nodes (then disruption's answer is known: an
// UninitializedNodeError if one is on a node not initialized, else a deletion). Over generated dry runs (a node left out, its pods and maybe a present
// node's first, then other pods; nodes initialized or not; seeded tie-breaks), a stopped solve must
// agree with the whole solve on everything disruption reads of it, and a solve that did not stop
// must be the whole solve.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Pod } from '../k8s.ts';
import { mulberry32 } from '../random.ts';
import { build, dryRun, nodeArb, nodesOf, podArb, summary, types } from './arbitraries.ts';
import { solveWith } from './testing.ts';
import type { SolveResult, StateNode } from './types.ts';

const uidOf = (p: Pod): string => p.metadata.uid ?? '';

/** Per node, the watched pods placed there, in placement order. */
function placements(r: SolveResult, watch: ReadonlySet<string>): [string, string[]][] {
  return r.existing
    .map(({ node, pods }): [string, string[]] => [
      node,
      pods.map(uidOf).filter((u) => watch.has(u)),
    ])
    .filter(([, pods]) => pods.length > 0);
}

/** A solve of `pods` over `subset` with a counted, seeded random stream. */
function counted(
  pods: Pod[],
  subset: StateNode[],
  seed: number,
  decidedBy?: number,
): { result: SolveResult; draws: number[] } {
  const rng = mulberry32(seed);
  const draws: number[] = [];
  const result = solveWith({
    pods,
    nodes: structuredClone(subset),
    types,
    options: {
      rng: () => {
        const x = rng();
        draws.push(x);
        return x;
      },
      ...(decidedBy === undefined ? {} : { decidedBy }),
    },
  });
  return { result, draws };
}

describe('a dry run decided early (decidedBy)', () => {
  it('agrees with the whole solve on its own pods, or is the whole solve', () => {
    let stopped = 0;
    let whole = 0;
    let uninit = 0;
    let init = 0;
    fc.assert(
      fc.property(
        fc.array(nodeArb, { minLength: 2, maxLength: 24 }),
        fc.nat(),
        fc.option(fc.nat(), { nil: undefined }),
        fc.array(podArb, { maxLength: 16 }),
        fc.integer(),
        (nodeSpecs, drop, move, extra, seed) => {
          const nodes = nodesOf(nodeSpecs);
          const { pods, subset } = dryRun(nodes, drop, move, extra.map(build));
          // The dry run's own pods come first: the left-out node's (and the moved node's).
          const own = pods.length - extra.length;
          if (own === 0) return;
          const watch = new Set(pods.slice(0, own).map(uidOf));
          const full = counted(pods, subset, seed);
          const early = counted(pods, subset, seed, own);
          // The numbers drawn are the whole solve's, up to where it stopped.
          expect(full.draws.slice(0, early.draws.length)).toEqual(early.draws);
          if (!early.result.stopped) {
            whole++;
            expect(summary(early.result)).toEqual(summary(full.result));
            expect(early.draws).toEqual(full.draws);
            return;
          }
          stopped++;
          expect(early.result.newNodeClaims).toEqual([]);
          // What disruption reads: no error for its pods, each on the node the whole solve put it
          // on (in the same order there), and no new NodeClaim of the whole solve holding one.
          for (const u of watch) expect(full.result.podErrors.has(u)).toBe(false);
          for (const u of watch) expect(early.result.podErrors.has(u)).toBe(false);
          const at = placements(early.result, watch);
          expect(at).toEqual(placements(full.result, watch));
          expect(at.flatMap(([, p]) => p).sort()).toEqual([...watch].sort());
          for (const plan of full.result.newNodeClaims)
            for (const p of plan.pods) expect(watch.has(uidOf(p))).toBe(false);
          // Both answers occur: a node not initialized among theirs, and all initialized.
          const initialized = new Map(subset.map((n) => [n.name, n.initialized]));
          if (at.some(([node]) => initialized.get(node) === false)) uninit++;
          else init++;
        },
      ),
      { numRuns: 300 },
    );
    // Both paths were taken.
    expect(stopped).toBeGreaterThan(10);
    expect(whole).toBeGreaterThan(10);
    expect(uninit).toBeGreaterThan(5);
    expect(init).toBeGreaterThan(5);
  });
});
