// A new cluster state's universe is built from the last one (topology/universe.ts): the pod-uid →
// node index is patched for the nodes that came and went, each node's topology steps are carried
// over by index, and a changed node counts a group's pods from its predecessor's count and the
// pods that came and went. Over sequences of generated cluster states — nodes gaining and losing
// pods (new StateNode objects, so merged universes list old and new), relabelled, leaving,
// joining, a pod listed on two nodes — that universe must read exactly as one built from scratch
// over fresh copies of its nodes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Pod } from '../k8s.ts';
import { LABEL } from '../labels.ts';
import { mulberry32 } from '../random.ts';
import { build, dryRun, nodeArb, nodesOf, podArb, summary, types } from './arbitraries.ts';
import { solveWith } from './testing.ts';
import { NO_FILTER } from './topology/nodefilter.ts';
import { ignoredForTopology } from './topology/specs.ts';
import {
  canonicalNodes,
  countCarry,
  subsetOf,
  Universe,
  universeCarry,
  type GroupShape,
} from './topology/universe.ts';
import type { StateNode } from './types.ts';

/** Zonal and hostname groups over each generated app label. */
const shapes: GroupShape[] = ['a', 'b', 'c'].flatMap((app) =>
  [LABEL.zone, LABEL.hostname].map((key) => ({
    key,
    hash: `${key}/${app}`,
    nodeFilter: NO_FILTER,
    selects: (p: Pod) => p.metadata.labels?.app === app,
  })),
);

const editArb = fc.record({
  kind: fc.constantFrom('gain', 'lose', 'drop', 'join', 'share', 'relabel'),
  at: fc.nat(),
  to: fc.nat(),
  pods: fc.array(podArb, { maxLength: 2 }),
  node: nodeArb,
});
type Edit = typeof editArb extends fc.Arbitrary<infer T> ? T : never;

let joined = 0;

/** The cluster after one edit; a changed node is a new object (as the engine makes them). */
function apply(nodes: StateNode[], e: Edit): StateNode[] {
  if (e.kind === 'join' || nodes.length === 0) {
    const [n] = nodesOf([e.node]);
    return [...nodes, { ...(n as StateNode), name: `joined-${joined++}` }];
  }
  const at = e.at % nodes.length;
  const old = nodes[at] as StateNode;
  const out = [...nodes];
  if (e.kind === 'drop') out.splice(at, 1);
  else if (e.kind === 'gain') out[at] = { ...old, pods: [...old.pods, ...e.pods.map(build)] };
  else if (e.kind === 'lose') out[at] = { ...old, pods: old.pods.slice(1) };
  else if (e.kind === 'relabel') {
    // A new labels object, its zone (a group's domain) gone, or moved to the node's spec zone.
    const { [LABEL.zone]: _zone, ...rest } = old.labels;
    const zone = e.node.zone === undefined ? {} : { [LABEL.zone]: e.node.zone };
    out[at] = { ...old, labels: { ...rest, ...zone }, pods: [...old.pods, ...e.pods.map(build)] };
  } else {
    // One pod listed on a second node too (a pod moving: the old node not yet updated).
    const to = e.to % nodes.length;
    const other = nodes[to] as StateNode;
    if (to !== at && old.pods[0]) out[to] = { ...other, pods: [...other.pods, old.pods[0]] };
  }
  return out;
}

/** Everything a solve reads from a universe, in the order it reads it. */
function read(u: Universe, uids: readonly string[]): unknown {
  const present = new Uint8Array(u.nodes.length).fill(1);
  return {
    hosting: [...u.hosting(new Set(uids))],
    someHosting: [...u.hosting(new Set(uids.filter((_, i) => i % 3 === 0)))],
    steps: shapes.map((g) => {
      const per = u.stepsFor(g);
      return {
        register: per.flatMap((x, node) =>
          x.register === undefined ? [] : [{ node, domain: x.register }],
        ),
        record: per.flatMap((x, node) =>
          x.record === undefined ? [] : [{ node, domain: x.record, count: x.count }],
        ),
      };
    }),
    antiPods: u.antiPods.map(({ node, pod }) => [node, pod.metadata.uid]),
    namespaces: u.namespaces(present),
  };
}

/** countDomains' walk over one node, as upstream writes it: the node registers its value for
 *  the key (hostname: its name when unlabelled, recorded but not registered) and records the
 *  group's matching pods there (no node filter here). */
function plainSteps(n: StateNode, g: GroupShape): [string | undefined, string | undefined, number] {
  const label = n.labels[g.key];
  const domain = label ?? (g.key === LABEL.hostname ? n.name : undefined);
  const count =
    domain === undefined ? 0 : n.pods.filter((p) => !ignoredForTopology(p) && g.selects(p)).length;
  return [label, count > 0 ? domain : undefined, count];
}

describe('universe', () => {
  it('gives each node the steps of a plain walk over its labels and pods', () => {
    fc.assert(
      fc.property(
        fc.array(nodeArb, { minLength: 1, maxLength: 20 }),
        fc.array(fc.array(editArb, { maxLength: 4 }), { minLength: 1, maxLength: 4 }),
        (specs, states) => {
          let nodes = nodesOf(specs);
          for (const edits of states) {
            nodes = edits.reduce(apply, nodes);
            const { universe } = subsetOf(canonicalNodes([...nodes]));
            for (const g of shapes) {
              const got = universe.stepsFor(g).map((x) => [x.register, x.record, x.count]);
              expect(got).toEqual(universe.nodes.map((n) => plainSteps(n, g)));
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('built from the last cluster state reads as one built from scratch', () => {
    fc.assert(
      fc.property(
        fc.array(nodeArb, { minLength: 1, maxLength: 20 }),
        fc.array(fc.record({ edits: fc.array(editArb, { maxLength: 4 }), steps: fc.boolean() }), {
          minLength: 1,
          maxLength: 6,
        }),
        (specs, states) => {
          let nodes = nodesOf(specs);
          const uids = new Set<string>();
          for (const { edits, steps } of states) {
            nodes = edits.reduce(apply, nodes);
            for (const n of nodes) for (const p of n.pods) uids.add(p.metadata.uid ?? '');
            // A copy: a universe keeps the list it was given.
            const { universe } = subsetOf(canonicalNodes([...nodes]));
            // Some states are solved with no topology group (nothing to carry to the next).
            if (!steps) continue;
            const carried = read(universe, [...uids]);
            countCarry.enabled = false;
            try {
              const fresh = new Universe(structuredClone(universe.nodes));
              expect(carried).toEqual(read(fresh, [...uids]));
            } finally {
              countCarry.enabled = true;
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives solves over changing cluster states the same answers as building each afresh', () => {
    fc.assert(
      fc.property(
        fc.array(nodeArb, { minLength: 2, maxLength: 20 }),
        fc.array(
          fc.record({
            edits: fc.array(editArb, { maxLength: 3 }),
            drop: fc.nat(),
            pods: fc.array(podArb, { minLength: 1, maxLength: 8 }),
          }),
          { minLength: 2, maxLength: 5 },
        ),
        fc.integer(),
        (specs, states, seed) => {
          let nodes = nodesOf(specs);
          // Each state: a provisioning solve over every node, then a dry run without one.
          const inputs = states.flatMap(({ edits, drop, pods }) => {
            nodes = edits.reduce(apply, nodes);
            if (nodes.length === 0) return [];
            return [
              { pods: pods.map(build), subset: [...nodes] },
              dryRun(nodes, drop, undefined, pods.map(build)),
            ];
          });
          const solveAll = (list: typeof inputs) =>
            list.map(({ pods, subset }) =>
              summary(
                solveWith({ pods, nodes: subset, types, options: { rng: mulberry32(seed) } }),
              ),
            );
          const carried = solveAll(inputs);
          universeCarry.enabled = false;
          countCarry.enabled = false;
          try {
            expect(carried).toEqual(solveAll(structuredClone(inputs)));
          } finally {
            universeCarry.enabled = true;
            countCarry.enabled = true;
          }
        },
      ),
      { numRuns: 80 },
    );
  });
});
