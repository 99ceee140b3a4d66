// Topology.countByDomain: groups keyed by anything but hostname read the universe's steps by
// domain (universe.domainSteps) instead of replaying every node. The property: the same owned
// groups — domains, counts, empty domains and their order — as the plain replay, for solves that
// leave several nodes out and move the pods of several present nodes (a multi-node dry run).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { build, nodeArb, nodesOf, podArb, types } from '../arbitraries.ts';
import type { Pod } from '../../k8s.ts';
import { LABEL } from '../../labels.ts';
import { nodePool } from '../testing.ts';
import type { StateNode } from '../types.ts';
import { Topology, topologyBases } from './topology.ts';
import { canonicalNodes, subsetOf } from './universe.ts';

const pools = [nodePool()];
const byPool = new Map([[pools[0]?.metadata.name ?? '', types]]);
const topologyOf = (nodes: StateNode[], pods: Pod[]) =>
  new Topology(subsetOf(canonicalNodes(nodes)), pools, byPool, pods, false, undefined);

describe('zonal groups read by domain from the universe', () => {
  it('equal the replay over every node: several nodes left out, several nodes’ pods moved', () => {
    fc.assert(
      fc.property(
        fc.array(nodeArb, { minLength: 1, maxLength: 24 }),
        // Zones no instance type offers: the pool does not seed them, so the order in which
        // the nodes register and record them is the order of the group's domains.
        fc.array(fc.constantFrom(undefined, 'far-zone-a', 'far-zone-b', 'far-zone-c'), {
          maxLength: 24,
        }),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        fc.array(podArb, { maxLength: 5 }),
        (specs, far, drops, moves, extra) => {
          const nodes = nodesOf(specs).map((n, i) => {
            const zone = far[i];
            return zone ? { ...n, labels: { ...n.labels, [LABEL.zone]: zone } } : n;
          });
          const gone = new Set(drops.map((d) => d % nodes.length));
          const moved = new Set(moves.map((m) => m % nodes.length));
          const pods = [
            ...nodes.filter((_, i) => gone.has(i) || moved.has(i)).flatMap((n) => n.pods),
            ...extra.map(build),
          ];
          const subset = nodes.filter((_, i) => !gone.has(i));
          // The whole cluster first: the universe the dry run is a subset of.
          topologyOf([...nodes], []);
          const shared = topologyOf(subset, pods).groupState();
          topologyBases.enabled = false;
          try {
            // A fresh copy: a new universe, replayed node by node.
            expect(shared).toEqual(topologyOf(structuredClone(subset), pods).groupState());
          } finally {
            topologyBases.enabled = true;
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
