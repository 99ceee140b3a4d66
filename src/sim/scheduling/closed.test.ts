// SolveOptions.closedNodes / restrictedPods (v1.14, scheduler.go addToExistingNode): a restricted
// pod is not tried on a closed existing node; every other pod is. The scan checks this after its
// skips (room, host runs, blocked domains), which rule a node out for every pod alike, so closing
// a node no pod would have taken must change nothing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Pod } from '../k8s.ts';
import { solveInputKey } from '../engine/disruptionSolves.ts';
import { mulberry32 } from '../random.ts';
import { build, dryRun, nodeArb, nodesOf, podArb, summary, types } from './arbitraries.ts';
import { pod, placement, solveWith, stateNode } from './testing.ts';
import type { SolveInput, SolveOptions, SolveResult, StateNode } from './types.ts';

const uidOf = (p: Pod): string => p.metadata.uid ?? '';

/** Random numbers the last solve drew (its tie-breaks: topology domains, label values). */
let drawn = 0;

function solve(pods: Pod[], nodes: StateNode[], seed: number, extra: SolveOptions = {}) {
  const next = mulberry32(seed);
  drawn = 0;
  const rng = () => {
    drawn++;
    return next();
  };
  return solveWith({
    pods,
    nodes: structuredClone(nodes),
    types,
    options: { rng, ...extra },
  });
}

/** Existing node → the pods placed there. */
const byNode = (r: SolveResult) => new Map(r.existing.map((e) => [e.node, e.pods.map(uidOf)]));

describe('closed destinations', () => {
  it('keep a restricted pod off a closed node, and only that pod', () => {
    // Two nodes that fit anything: node-a comes first in the scan (both initialized, by name).
    const nodes = ['node-a', 'node-b'].map((name) =>
      stateNode({ name, instanceType: types[7] as (typeof types)[number] }),
    );
    const moved = pod({ requests: { cpu: '100m' } });
    const pending = pod({ requests: { cpu: '100m' } });
    const r = solve([moved, pending], nodes, 1, {
      closedNodes: new Set(['node-a']),
      restrictedPods: new Set([uidOf(moved)]),
    });
    expect(placement(r, moved)).toEqual({ kind: 'existing', node: 'node-b' });
    expect(placement(r, pending)).toEqual({ kind: 'existing', node: 'node-a' });
    // Without the rule both take the first node.
    const plain = solve([moved, pending], nodes, 1);
    expect(placement(plain, moved)).toEqual({ kind: 'existing', node: 'node-a' });
  });

  it('send a restricted pod to a new NodeClaim when only closed nodes would take it', () => {
    const nodes = [stateNode({ name: 'node-a', instanceType: types[7] as (typeof types)[number] })];
    const moved = pod({ requests: { cpu: '100m' } });
    const r = solve([moved], nodes, 1, {
      closedNodes: new Set(['node-a']),
      restrictedPods: new Set([uidOf(moved)]),
    });
    expect(r.existing).toEqual([]);
    expect(r.newNodeClaims.map((c) => c.pods.map(uidOf))).toEqual([[uidOf(moved)]]);
  });

  it('change nothing when they are nodes no pod went to; never hold a restricted pod', () => {
    let closedSome = 0;
    let exact = 0;
    fc.assert(
      fc.property(
        fc.array(nodeArb, { minLength: 2, maxLength: 16 }),
        fc.nat(),
        fc.array(podArb, { maxLength: 12 }),
        fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }),
        fc.array(fc.boolean(), { minLength: 32, maxLength: 32 }),
        fc.integer(),
        (nodeSpecs, drop, extra, closeBits, restrictBits, seed) => {
          const nodes = nodesOf(nodeSpecs);
          const { pods, subset } = dryRun(nodes, drop, undefined, extra.map(build));
          if (pods.length === 0) return;
          const all = new Set(pods.map(uidOf));
          const plain = solve(pods, subset, seed);
          const plainDraws = drawn;
          // Closing, for every pod, nodes the plain solve put nothing on: the same solve. Exactly
          // so when it drew no random number; a check of a node that is now skipped may have
          // drawn one (a tie among domains, Go's map order upstream), and a later tie then falls
          // otherwise, as it may between any two runs of Karpenter.
          const used = byNode(plain);
          const idle = subset.filter((n, i) => !used.has(n.name) && closeBits[i % 16]);
          const same = solve(pods, subset, seed, {
            closedNodes: new Set(idle.map((n) => n.name)),
            restrictedPods: all,
          });
          if (plainDraws === 0) {
            if (idle.length > 0) closedSome++;
            exact++;
            expect(summary(same)).toEqual(summary(plain));
          }
          // Any nodes closed for some pods: none of those pods lands on one.
          const closed = new Set(subset.filter((_, i) => closeBits[i % 16]).map((n) => n.name));
          const restricted = new Set(pods.filter((_, i) => restrictBits[i % 32]).map(uidOf));
          const r = solve(pods, subset, seed, { closedNodes: closed, restrictedPods: restricted });
          for (const [node, placed] of byNode(r))
            if (closed.has(node)) for (const u of placed) expect(restricted.has(u)).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
    expect(exact).toBeGreaterThan(50);
    expect(closedSome).toBeGreaterThan(20);
  });

  it('are part of a dry run’s cache key, by content', () => {
    const nodes = [stateNode({ name: 'node-a', instanceType: types[7] as (typeof types)[number] })];
    const base: SolveInput = {
      pods: [pod()],
      nodes,
      nodePools: [],
      instanceTypes: new Map(),
      daemonSets: [],
      nodePoolUsage: new Map(),
      volumes: { alternatives: new Map(), usage: new Map(), ignored: new Map() },
    };
    const keyOf = (options?: SolveOptions) =>
      solveInputKey(options ? { ...base, options } : base)?.text;
    const closedA = { closedNodes: new Set(['node-a']), restrictedPods: new Set(['p']) };
    expect(keyOf(closedA)).toBe(
      keyOf({ closedNodes: new Set(['node-a']), restrictedPods: new Set(['p']) }),
    );
    expect(keyOf(closedA)).not.toBe(keyOf());
    expect(keyOf(closedA)).not.toBe(
      keyOf({ closedNodes: new Set(['node-b']), restrictedPods: new Set(['p']) }),
    );
    expect(keyOf(closedA)).not.toBe(
      keyOf({ closedNodes: new Set(['node-a']), restrictedPods: new Set(['q']) }),
    );
  });
});
