// The existing-node scan skips nodes pinned to a topology domain an earlier node of the same scan
// was ruled out on (Topology.takeBlocked). Over generated clusters — existing nodes in several
// zones holding earlier pods, new pods with zonal spread / affinity and hostname anti-affinity,
// seeded tie-breaks — the solve must give exactly the same answer with and without the skipping.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Pod } from '../k8s.ts';
import { LABEL } from '../labels.ts';
import { mulberry32 } from '../random.ts';
import {
  build,
  dryRun,
  nodeArb,
  nodesOf,
  podArb,
  summary,
  types,
  type NodeSpec,
} from './arbitraries.ts';
import { hostRunsShared } from './hostruns.ts';
import { podDataKept, scanSkipping } from './scheduler.ts';
import { nodePool, pod, solveWith } from './testing.ts';
import type { TopologyGroup } from './topology/group.ts';
import { ownedFromSpecs, Topology, topologyBases } from './topology/topology.ts';
import { specsPerPodSpec } from './topology/specs.ts';
import { canonicalNodes, subsetOf } from './topology/universe.ts';
import type { StateNode } from './types.ts';

/** fn() with a shortcut turned off (the plain path), turned on again after. */
function plain<T>(flag: { enabled: boolean }, fn: () => T): T {
  flag.enabled = false;
  try {
    return fn();
  } finally {
    flag.enabled = true;
  }
}

describe('existing-node scan', () => {
  it('gives the same answer with and without skipping ruled-out domains', () => {
    const before = scanSkipping.skipped;
    fc.assert(
      fc.property(
        // Past 8 nodes the room tree searches (and the split trees take over from it).
        fc.array(nodeArb, { minLength: 1, maxLength: 30 }),
        fc.array(podArb, { minLength: 1, maxLength: 20 }),
        fc.integer(),
        fc.constantFrom(0, 1, 256),
        fc.boolean(),
        (nodeSpecs, podSpecs, seed, splitAfter, ahead) => {
          const nodes = nodesOf(nodeSpecs);
          const pods = podSpecs.map(build);
          const solveOnce = (enabled: boolean) => {
            scanSkipping.enabled = enabled;
            // Split the room tree at the first skip (the default waits for 256); hosts ruled
            // out ahead of the scan or only when it reaches them.
            scanSkipping.splitAfter = splitAfter;
            scanSkipping.ahead = ahead;
            try {
              return summary(solveWith({ pods, nodes, types, options: { rng: mulberry32(seed) } }));
            } finally {
              scanSkipping.enabled = true;
              scanSkipping.splitAfter = 256;
              scanSkipping.ahead = true;
            }
          };
          expect(solveOnce(true)).toEqual(solveOnce(false));
        },
      ),
      { numRuns: 200 },
    );
    // The generated clusters do exercise the skipping.
    expect(scanSkipping.skipped).toBeGreaterThan(before);
  });

  it("gives the same answer reading a pod's groups from its specs as naming them per pod", () => {
    // Pods with preferred (anti-)affinity relax: update() then names the relaxed groups for the
    // uid, and a failed pod goes back to its original groups.
    const preferred = fc.record({
      app: fc.constantFrom('a', 'b', 'c'),
      key: fc.constantFrom(LABEL.zone, LABEL.hostname),
      anti: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(nodeArb, { minLength: 1, maxLength: 20 }),
        fc.array(podArb, { minLength: 1, maxLength: 16 }),
        fc.array(preferred, { maxLength: 6 }),
        fc.integer(),
        (nodeSpecs, podSpecs, prefs, seed) => {
          const nodes = nodesOf(nodeSpecs);
          const term = (p: (typeof prefs)[number]) => [
            {
              weight: 1,
              podAffinityTerm: {
                topologyKey: p.key,
                labelSelector: { matchLabels: { app: p.app } },
              },
            },
          ];
          const pods = [
            ...podSpecs.map(build),
            ...prefs.map((p) =>
              pod({
                labels: { app: p.app },
                requests: { cpu: '1', memory: '256Mi' },
                ...(p.anti
                  ? { podAntiAffinityPreferred: term(p) }
                  : { podAffinityPreferred: term(p) }),
              }),
            ),
          ];
          const solveOnce = () =>
            summary(solveWith({ pods, nodes, types, options: { rng: mulberry32(seed) } }));
          expect(solveOnce()).toEqual(plain(ownedFromSpecs, solveOnce));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('gives pods sharing one spec object the answer it gives pods with their own copies', () => {
    // A Deployment's pods share their template's spec: topology specs (per namespace, unless a
    // spread constraint names matchLabelKeys), node requirements and requests are kept per spec.
    fc.assert(
      fc.property(
        fc.array(nodeArb, { minLength: 1, maxLength: 16 }),
        fc.array(
          fc.record({
            spec: podArb,
            copies: fc.array(
              fc.record({
                ns: fc.constantFrom('default', 'other'),
                app: fc.constantFrom('a', 'b'),
              }),
              { minLength: 1, maxLength: 5 },
            ),
            matchLabelKeys: fc.boolean(),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        fc.integer(),
        (nodeSpecs, templates, seed) => {
          const nodes = nodesOf(nodeSpecs);
          const pods = templates.flatMap(({ spec, copies, matchLabelKeys }) => {
            const template = build(spec).spec;
            const shared = matchLabelKeys
              ? {
                  ...template,
                  topologySpreadConstraints: [
                    {
                      maxSkew: 1,
                      topologyKey: LABEL.zone,
                      whenUnsatisfiable: 'DoNotSchedule' as const,
                      labelSelector: { matchLabels: { tier: 'web' } },
                      matchLabelKeys: ['app'],
                    },
                  ],
                }
              : template;
            return copies.map(({ ns, app }) => ({
              ...pod({ namespace: ns, labels: { app, tier: 'web' } }),
              spec: shared,
            }));
          });
          const solveOnce = (input: Pod[]) =>
            summary(solveWith({ pods: input, nodes, types, options: { rng: mulberry32(seed) } }));
          const own = structuredClone(pods);
          expect(solveOnce(pods)).toEqual(plain(specsPerPodSpec, () => solveOnce(own)));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('gives solves of the same pods one after another the same answers with PodData kept', () => {
    // Each batch re-solves the pending pods and each dry run the same ones: their PodData is kept
    // per pod object and policy (preferred node affinity relaxes to a new object).
    fc.assert(
      fc.property(
        fc.array(nodeArb, { minLength: 1, maxLength: 12 }),
        fc.array(fc.record({ spec: podArb, preferZone: fc.boolean() }), {
          minLength: 1,
          maxLength: 12,
        }),
        fc.array(fc.constantFrom('Respect' as const, 'Ignore' as const), {
          minLength: 2,
          maxLength: 4,
        }),
        fc.integer(),
        (nodeSpecs, podSpecs, policies, seed) => {
          const nodes = nodesOf(nodeSpecs);
          const pods = podSpecs.map(({ spec, preferZone }) => {
            const p = build(spec);
            if (!preferZone) return p;
            const preference = {
              matchExpressions: [
                { key: LABEL.zone, operator: 'In' as const, values: ['test-zone-2'] },
              ],
            };
            return {
              ...p,
              spec: {
                ...p.spec,
                affinity: {
                  ...p.spec.affinity,
                  nodeAffinity: {
                    preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference }],
                  },
                },
              },
            };
          });
          const solveAll = () =>
            policies.map((preferencePolicy) =>
              summary(
                solveWith({
                  pods,
                  nodes,
                  types,
                  options: { rng: mulberry32(seed), preferencePolicy },
                }),
              ),
            );
          expect(solveAll()).toEqual(plain(podDataKept, solveAll));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('a solve over a cluster minus one node equals a solve over fresh copies of those nodes', () => {
    // The first solve makes the whole cluster the shared universe; the second leaves one node
    // out (a dry run's candidate: absent, lazily built nodes, the per-universe room tree); the
    // third sees new node objects (a new universe, every node derived afresh).
    fc.assert(
      fc.property(
        fc.array(nodeArb, { minLength: 2, maxLength: 30 }),
        fc.array(podArb, { minLength: 1, maxLength: 12 }),
        fc.nat(),
        fc.option(fc.nat(), { nil: undefined }),
        fc.integer(),
        (nodeSpecs, podSpecs, drop, move, seed) => {
          const nodes = nodesOf(nodeSpecs);
          const rng = () => ({ rng: mulberry32(seed) });
          solveWith({ pods: podSpecs.map(build), nodes, types, options: rng() });
          // As a dry run: the left-out node's pods (and maybe a present node's) are solved too.
          const { pods, subset } = dryRun(nodes, drop, move, podSpecs.map(build));
          const shared = summary(solveWith({ pods, nodes: subset, types, options: rng() }));
          const fresh = structuredClone(subset);
          expect(shared).toEqual(summary(solveWith({ pods, nodes: fresh, types, options: rng() })));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('dry runs one after another over one cluster state each equal a solve over fresh copies', () => {
    // The room tree and its splits are the cluster state's (scanbase.ts): each solve changes them
    // in place and rolls them back. A leaf left changed would show in a later solve of the
    // sequence; fresh copies (a new universe each) share nothing. Splits are made at the first
    // skip so the shared splits are used, brought up to date, and rolled back too.
    fc.assert(
      fc.property(
        fc.array(nodeArb, { minLength: 2, maxLength: 30 }),
        fc.array(
          fc.record({ drop: fc.nat(), pods: fc.array(podArb, { minLength: 1, maxLength: 10 }) }),
          { minLength: 2, maxLength: 4 },
        ),
        fc.constantFrom(0, 1, 256),
        fc.integer(),
        (nodeSpecs, runs, splitAfter, seed) => {
          const nodes = nodesOf(nodeSpecs);
          const rng = () => ({ rng: mulberry32(seed) });
          const inputs = runs.map(({ drop, pods }) =>
            dryRun(nodes, drop, undefined, pods.map(build)),
          );
          scanSkipping.splitAfter = splitAfter;
          try {
            solveWith({ pods: [], nodes, types, options: rng() });
            const shared = inputs.map(({ pods, subset }) =>
              summary(solveWith({ pods, nodes: subset, types, options: rng() })),
            );
            const fresh = inputs.map(({ pods, subset }) =>
              summary(solveWith({ pods, nodes: structuredClone(subset), types, options: rng() })),
            );
            expect(shared).toEqual(fresh);
          } finally {
            scanSkipping.splitAfter = 256;
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('dry runs over one state give the same answers seeded with the hosts earlier ones ruled out', () => {
    // hostruns.ts: a host an earlier dry run of the state found ruled out at its start seeds the
    // later ones' runs, less the hosts of the pods a later one moves. Moves (a present node's pods
    // solved too) and nodes sharing a hostname (nodesOf names none alike: one renamed) exercise
    // the exceptions; the plain path learns nothing and starts every solve from scratch.
    const before = hostRunsShared.seeded;
    fc.assert(
      fc.property(
        fc.array(nodeArb, { minLength: 2, maxLength: 30 }),
        fc.array(
          fc.record({
            drop: fc.nat(),
            move: fc.option(fc.nat(), { nil: undefined }),
            pods: fc.array(podArb, { minLength: 1, maxLength: 10 }),
          }),
          { minLength: 2, maxLength: 5 },
        ),
        fc.option(fc.tuple(fc.nat(), fc.nat()), { nil: undefined }),
        fc.integer(),
        (nodeSpecs, runs, alike, seed) => {
          const nodes = nodesOf(nodeSpecs);
          if (alike) {
            const [a, b] = alike.map((k) => k % nodes.length) as [number, number];
            const from = nodes[a] as StateNode;
            const to = nodes[b] as StateNode;
            const host = from.labels[LABEL.hostname] ?? from.name;
            nodes[b] = { ...to, labels: { ...to.labels, [LABEL.hostname]: host } };
          }
          const rng = () => ({ rng: mulberry32(seed) });
          const inputs = runs.map(({ drop, move, pods }) =>
            dryRun(nodes, drop, move, pods.map(build)),
          );
          const solveAll = () => {
            // A fresh state each time: the first solve makes the whole cluster the universe.
            const state = structuredClone(nodes);
            const at = new Map(nodes.map((n, i) => [n, state[i] as StateNode]));
            solveWith({ pods: [], nodes: state, types, options: rng() });
            return inputs.map(({ pods, subset }) =>
              summary(
                solveWith({
                  pods,
                  nodes: subset.map((n) => at.get(n) as StateNode),
                  types,
                  options: rng(),
                }),
              ),
            );
          };
          expect(solveAll()).toEqual(plain(hostRunsShared, solveAll));
        },
      ),
      { numRuns: 250 },
    );
    // The generated dry runs do start from learned facts.
    expect(hostRunsShared.seeded).toBeGreaterThan(before);
  });

  it('inverse anti-affinity groups copied from the universe equal groups built afresh', () => {
    // Topology takes the inverse groups of a shared universe and takes back its absent nodes'
    // and moved pods' contributions (inverseFromBase); fresh node objects make a new universe.
    const pools = [nodePool()];
    const byPool = new Map([[pools[0]?.metadata.name ?? '', types]]);
    const topologyOf = (nodes: StateNode[], pods: Pod[]) =>
      new Topology(subsetOf(canonicalNodes(nodes)), pools, byPool, pods, false, undefined);
    fc.assert(
      fc.property(
        fc.array(nodeArb, { minLength: 2, maxLength: 20 }),
        fc.nat(),
        fc.option(fc.nat(), { nil: undefined }),
        fc.option(fc.tuple(fc.nat(), fc.array(podArb, { maxLength: 3 }), fc.boolean()), {
          nil: undefined,
        }),
        fc.array(podArb, { maxLength: 6 }),
        (nodeSpecs, drop, move, replace, extra) => {
          const nodes = nodesOf(nodeSpecs, false);
          // A copy: the universe keeps the list it was given (solve inputs are read-only).
          topologyOf([...nodes], []);
          if (replace) {
            // A node changed: its new object joins the universe next to the old one (merged),
            // the same pods listed under both, but maybe its first pod (gone from the cluster).
            const [k, more, lose] = replace;
            const at = k % nodes.length;
            const old = nodes[at] as StateNode;
            nodes[at] = { ...old, pods: [...old.pods.slice(lose ? 1 : 0), ...more.map(build)] };
            topologyOf([...nodes], []);
          }
          const { pods, subset } = dryRun(nodes, drop, move, extra.map(build));
          // Owned groups (hostname ones read from the universe as a view): same domains, counts
          // and order; inverse hostname groups: counts and domains, whose order nothing reads
          // (see InverseBase). The shared universe first: a fresh one replaces it.
          const state = (t: Topology) => ({
            owned: t.groupState(),
            inverse: t
              .inverseState()
              .map(([hash, domains, owners]) => [hash, domains.sort(), owners]),
          });
          const shared = state(topologyOf(subset, pods));
          topologyBases.enabled = false;
          try {
            expect(shared).toEqual(state(topologyOf(structuredClone(subset), pods)));
          } finally {
            topologyBases.enabled = true;
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('hostname groups', () => {
  const pools = [nodePool()];
  const byPool = new Map([[pools[0]?.metadata.name ?? '', types]]);
  // Nodes marked for deletion (no destination), without a hostname label (counted under their
  // name, registered only with every host) or outside a spread's node filter (zonal nodeSelector,
  // nodeAffinityPolicy Honor) make countDomains' hosts and "every host" differ.
  const variantArb = fc.constantFrom('plain', 'plain', 'deleting', 'unlabelled');
  const clusterOf = (specs: [NodeSpec, string][]): StateNode[] =>
    nodesOf(specs.map(([n]) => n)).map((n, i) => {
      const v = specs[i]?.[1];
      if (v === 'deleting') return { ...n, markedForDeletion: true };
      if (v !== 'unlabelled') return n;
      const { [LABEL.hostname]: _h, ...labels } = n.labels;
      return { ...n, labels };
    });
  const withBases = <T>(enabled: boolean, f: () => T): T => {
    topologyBases.enabled = enabled;
    try {
      return f();
    } finally {
      topologyBases.enabled = true;
    }
  };

  const hostTopology = (list: StateNode[], pods: Pod[]) =>
    new Topology(subsetOf(canonicalNodes(list)), pools, byPool, pods, false, undefined);
  /** The whole cluster first (the universe), maybe a changed node (a merged universe with its old
   *  and new object under one hostname), then a dry run without one node that maybe moves another
   *  node's pods too. (Copies: a universe keeps the list it was given.) */
  const mergedDryRun = (
    specs: [NodeSpec, string][],
    drop: number,
    move: number | undefined,
    replace: [number, Parameters<typeof build>[0][]] | undefined,
    extra: Pod[],
  ) => {
    const nodes = clusterOf(specs);
    hostTopology([...nodes], []);
    if (replace) {
      const at = replace[0] % nodes.length;
      const old = nodes[at] as StateNode;
      nodes[at] = { ...old, pods: [...old.pods, ...replace[1].map(build)] };
      hostTopology([...nodes], []);
    }
    return dryRun(nodes, drop, move, extra);
  };
  /** mergedDryRun's cluster, dropped node, moved node and replaced node. */
  const mergedDryRunArbs = [
    fc.array(fc.tuple(nodeArb, variantArb), { minLength: 2, maxLength: 20 }),
    fc.nat(),
    fc.option(fc.nat(), { nil: undefined }),
    fc.option(fc.tuple(fc.nat(), fc.array(podArb, { maxLength: 3 })), { nil: undefined }),
  ] as const;
  /** What the scheduler registers before the scan: every destination, in input order. */
  const registerEveryHost = (t: Topology, list: StateNode[]) =>
    t.registerHosts((fn) => {
      for (const n of list) if (!n.markedForDeletion) fn(n.labels[LABEL.hostname] ?? n.name);
    });

  it('hold existing hosts as a view: the same domains, counts and order as registering each', () => {
    fc.assert(
      fc.property(
        ...mergedDryRunArbs,
        fc.array(podArb, { maxLength: 6 }),
        (specs, drop, move, replace, extra) => {
          const { pods, subset } = mergedDryRun(specs, drop, move, replace, extra.map(build));
          const state = (list: StateNode[]) => {
            const t = hostTopology(list, pods);
            registerEveryHost(t, list);
            const inverse = t.inverseState().map(([h, d, o]) => [h, d.sort(), o]);
            return { owned: t.groupState(), inverse };
          };
          const shared = state(subset);
          expect(shared).toEqual(withBases(false, () => state(structuredClone(subset))));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('read a host by its node (countHost) as by its name (count), shared hostnames included', () => {
    fc.assert(
      fc.property(...mergedDryRunArbs, fc.boolean(), (specs, drop, move, replace, registerAll) => {
        const { pods, subset } = mergedDryRun(specs, drop, move, replace, []);
        const t = hostTopology(subset, pods);
        if (registerAll) registerEveryHost(t, subset);
        // White-box: every hostname group the solve holds, owned and inverse.
        const inner = t as unknown as {
          groups: Map<string, TopologyGroup>;
          inverse: Map<string, TopologyGroup>;
          hosts: { names: readonly string[] };
        };
        const { names } = inner.hosts;
        for (const g of [...inner.groups.values(), ...inner.inverse.values()]) {
          if (g.key !== LABEL.hostname) continue;
          names.forEach((d, u) => {
            expect([d, g.countHost(d, u)]).toEqual([d, g.count(d)]);
            // Asked with another node's hostname, it still answers for the name.
            const other = names[(u + 1) % names.length] as string;
            expect([other, g.countHost(other, u)]).toEqual([other, g.count(other)]);
          });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('give a dry run the same plans and messages as registering each host', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(nodeArb, variantArb), { minLength: 2, maxLength: 20 }),
        fc.nat(),
        fc.array(podArb, { minLength: 1, maxLength: 8 }),
        fc.integer(),
        (specs, drop, extra, seed) => {
          const nodes = clusterOf(specs);
          const solveOn = (list: StateNode[]) => {
            const r = solveWith({ pods, nodes: list, types, options: { rng: mulberry32(seed) } });
            const messages = [...r.podErrors].map(([k, e]) => [k, e.message]).sort();
            return { ...(summary(r) as object), messages };
          };
          const { pods, subset } = dryRun(nodes, drop, undefined, extra.map(build));
          solveWith({ pods: [], nodes, types });
          const shared = solveOn(subset);
          const plain = withBases(false, () => solveOn(structuredClone(subset)));
          expect(shared).toEqual(plain);
        },
      ),
      { numRuns: 200 },
    );
  });
});
