// A dry-run solve is reused only for the same input objects and only when it drew nothing: the
// context must hand back the stored result for a repeated question, and solve again when a node
// changed, when other nodes are excluded, or when the first solve drew random numbers.
import { describe, expect, it } from 'vitest';
import type { Pod } from '../k8s.ts';
import { makeDisruptionContext } from './disruptionContext.ts';
import fc from 'fast-check';
import {
  DrawFreeSolves,
  type KeyScratch,
  leaveOut,
  objectIds,
  positions,
  sameSolveInput,
  solveInputKey,
} from './disruptionSolves.ts';
import { stateNode } from '../scheduling/testing.ts';
import type { SolveResult } from '../scheduling/types.ts';
import type { Sim } from './runtime.ts';
import { twoNodeSim } from './testing.ts';

function cluster(): Sim {
  return twoNodeSim();
}

function pending(name: string, spec: Partial<Pod['spec']> = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: name, labels: { app: name } },
    spec: {
      containers: [{ name: 'c', image: 'pause', resources: { requests: { cpu: '1' } } }],
      ...spec,
    },
  };
}

/** Spread over zones, no pod of its own yet: on a new NodeClaim the zone is a draw. */
const spread = pending('spread', {
  topologySpreadConstraints: [
    {
      maxSkew: 1,
      topologyKey: 'topology.kubernetes.io/zone',
      whenUnsatisfiable: 'DoNotSchedule',
      labelSelector: { matchLabels: { app: 'spread' } },
    },
  ],
});

/** A node list named n0…n9 (names may repeat: a node and an in-flight claim listed under one
 *  name) and names to leave out, some of them not in the list. */
const listWithExcluded = fc
  .tuple(
    fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 14 }),
    fc.array(fc.integer({ min: 0, max: 11 }), { maxLength: 5 }),
  )
  .map(([names, out]) => ({
    nodes: names.map((k) => stateNode({ name: `n${k}` })),
    exclude: new Set(out.map((k) => `n${k}`)),
  }));

describe('dry-run solves', () => {
  it('answers a repeated draw-free dry run with the stored result', () => {
    const ctx = makeDisruptionContext(cluster());
    const pod = pending('web');
    const first = ctx.simulate([pod], { excludeNodes: ['n1'] });
    expect(ctx.dryRunDraws).toBe(0);
    expect(first.existing.map((e) => e.node)).toEqual(['n2']);
    const again = ctx.simulate([pod], { excludeNodes: ['n1'] });
    expect(again).toBe(first);
    expect(ctx.dryRunsReused).toBe(1);
  });

  it('solves again when a node changed', () => {
    const sim = cluster();
    const ctx = makeDisruptionContext(sim);
    const pod = pending('web');
    const first = ctx.simulate([pod], { excludeNodes: ['n1'] });
    ctx.taint('n2', { key: 'dedicated', value: 'db', effect: 'NoSchedule' });
    const after = ctx.simulate([pod], { excludeNodes: ['n1'] });
    expect(after).not.toBe(first);
    expect(ctx.dryRunsReused).toBe(0);
    expect(after.existing).toEqual([]);
    expect(after.newNodeClaims).toHaveLength(1);
  });

  it('solves again for other excluded nodes or other pods', () => {
    const ctx = makeDisruptionContext(cluster());
    const pod = pending('web');
    const first = ctx.simulate([pod], { excludeNodes: ['n1'] });
    expect(ctx.simulate([pod], { excludeNodes: ['n2'] })).not.toBe(first);
    expect(ctx.simulate([pending('web')], { excludeNodes: ['n1'] })).not.toBe(first);
    expect(ctx.dryRunsReused).toBe(0);
  });

  it('keeps no result that plans a NodeClaim (its lazy funnel holds the solve)', () => {
    const ctx = makeDisruptionContext(cluster());
    const pod = pending('web');
    const first = ctx.simulate([pod], { excludeNodes: ['n1', 'n2'] });
    expect(first.newNodeClaims).toHaveLength(1);
    expect(ctx.simulate([pod], { excludeNodes: ['n1', 'n2'] })).not.toBe(first);
    expect(ctx.dryRunsReused).toBe(0);
  });

  it('never reuses a dry run that drew random numbers', () => {
    // The new NodeClaim's zone is a draw among three (both rules hold it back here: it drew, and
    // it plans a NodeClaim; today's solve draws only for new NodeClaims).
    const ctx = makeDisruptionContext(cluster());
    const first = ctx.simulate([spread], { excludeNodes: ['n1', 'n2'] });
    const drawn = ctx.dryRunDraws;
    expect(drawn).toBeGreaterThan(0);
    const again = ctx.simulate([spread], { excludeNodes: ['n1', 'n2'] });
    expect(again).not.toBe(first);
    expect(ctx.dryRunDraws).toBe(2 * drawn);
    expect(ctx.dryRunsReused).toBe(0);
  });

  it("draws a dry run's numbers from a stream of its own, whatever dry runs came before", () => {
    // One stream per dry run (the moment and the nodes left out name it): how many numbers other
    // dry runs drew — or skipped by stopping once decided (SolveOptions.decidedBy) — cannot move
    // this one's zone. With one shared stream the zone below moved with what came before.
    const zones = (before: number) => {
      const ctx = makeDisruptionContext(cluster());
      for (let i = 0; i < before; i++) {
        ctx.simulate([{ ...spread, metadata: { ...spread.metadata, uid: `other-${i}` } }], {
          excludeNodes: ['n2', 'n1'],
        });
      }
      expect(ctx.dryRunDraws).toBeGreaterThanOrEqual(before);
      const plan = ctx.simulate([spread], { excludeNodes: ['n1', 'n2'] }).newNodeClaims[0];
      return plan?.requirements.get('topology.kubernetes.io/zone').toString();
    };
    const alone = zones(0);
    expect(alone).toMatch(/zone In \[test-zone-\d\]/);
    for (let before = 1; before <= 6; before++) expect(zones(before)).toBe(alone);
  });

  it('compares usage by value and every other part by identity', () => {
    const sim = cluster();
    const input = sim.provisioner.solveInput([pending('web')], new Set(), 'dry-run');
    const usage = new Map([...input.nodePoolUsage].map(([k, v]) => [k, { ...v }]));
    expect(sameSolveInput(input, { ...input, nodePoolUsage: usage })).toBe(true);
    expect(sameSolveInput(input, { ...input, nodes: input.nodes.map((n) => ({ ...n })) })).toBe(
      false,
    );
    expect(sameSolveInput(input, { ...input, pods: [pending('web')] })).toBe(false);
    expect(
      sameSolveInput(input, { ...input, options: { ...input.options, maxInstanceTypes: 60 } }),
    ).toBe(false);
  });

  it('builds the same key from node ids handed in as from the nodes', () => {
    const sim = cluster();
    const input = sim.provisioner.solveInput([pending('web')], new Set(), 'dry-run');
    expect(input.nodes.length).toBe(2);
    expect(solveInputKey(input, objectIds(input.nodes))).toEqual(solveInputKey(input));
    expect(solveInputKey(input, objectIds([...input.nodes].reverse()))).not.toEqual(
      solveInputKey(input),
    );
  });

  it('keys a left-out list from the shared ids as from its own nodes, in a reused scratch too', () => {
    const base = cluster().provisioner.solveInput([pending('web')], new Set(), 'dry-run');
    const scratch: KeyScratch = { buf: new Uint32Array(3).fill(7) };
    fc.assert(
      fc.property(listWithExcluded, ({ nodes, exclude }) => {
        const r = leaveOut(nodes, objectIds(nodes), positions(nodes), exclude);
        const input = { ...base, nodes: r.nodes };
        const plain = solveInputKey(input);
        expect(solveInputKey(input, r.nodeIds)).toEqual(plain);
        expect(solveInputKey(input, r.nodeIds, scratch)).toEqual(plain);
      }),
    );
  });

  it('remembers a copy of a key made in a scratch', () => {
    const sim = cluster();
    const input = sim.provisioner.solveInput([pending('web')], new Set(), 'dry-run');
    const scratch: KeyScratch = { buf: new Uint32Array(0) };
    const solves = new DrawFreeSolves();
    const result = { newNodeClaims: [] } as unknown as SolveResult;
    solves.remember('', solveInputKey(input, undefined, scratch), result);
    solveInputKey({ ...input, pods: [] }, undefined, scratch); // overwrites the scratch
    expect(solves.lookup('', solveInputKey(input))).toBe(result);
  });

  it('leaves out exactly the excluded names, ids alongside, positions ascending', () => {
    fc.assert(
      fc.property(listWithExcluded, ({ nodes, exclude }) => {
        const ids = objectIds(nodes);
        const r = leaveOut(nodes, ids, positions(nodes), exclude);
        const want = nodes.flatMap((n, i) => (exclude.has(n.name) ? [] : [i]));
        expect(r.nodes).toEqual(want.map((i) => nodes[i]));
        r.nodes.forEach((n, i) => expect(n).toBe(nodes[want[i] as number]));
        expect(r.nodeIds.ids).toBe(ids);
        expect(r.nodeIds.absent).toBe(r.absent);
        expect(r.absent).toEqual(nodes.flatMap((n, i) => (exclude.has(n.name) ? [i] : [])));
      }),
    );
  });
});
