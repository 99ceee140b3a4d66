// Generated clusters for the property tests that compare a shared or carried-over path with the
// plain one (scan.test.ts, universe.test.ts): existing nodes in several zones holding pods with
// zonal spread / affinity and hostname spread / anti-affinity, dry runs that leave a node out.
import fc from 'fast-check';
import { fakeInstanceTypes } from '../catalog/fake.ts';
import type { InstanceType } from '../catalog/types.ts';
import type { Pod } from '../k8s.ts';
import { LABEL } from '../labels.ts';
import { pod, stateNode } from './testing.ts';
import type { SolveResult, StateNode } from './types.ts';

const ZONES = ['test-zone-1', 'test-zone-2', 'test-zone-3'];
export const types = fakeInstanceTypes(8);

export const podArb = fc.record({
  cpu: fc.constantFrom('100m', '500m', '1', '2'),
  app: fc.constantFrom('a', 'b', 'c'),
  shape: fc.constantFrom(
    'plain',
    'zonal-spread',
    'zonal-affinity',
    'hostname-anti',
    'hostname-spread',
    'zonal-anti',
    'both',
    'hostname-affinity',
  ),
  zone: fc.option(fc.constantFrom(...ZONES), { nil: undefined }),
  skew: fc.integer({ min: 1, max: 2 }),
});

export function build(s: typeof podArb extends fc.Arbitrary<infer T> ? T : never): Pod {
  const sel = { matchLabels: { app: s.app } };
  const spread = [
    {
      maxSkew: 1,
      topologyKey: LABEL.zone,
      whenUnsatisfiable: 'DoNotSchedule' as const,
      labelSelector: sel,
    },
  ];
  return pod({
    labels: { app: s.app },
    requests: { cpu: s.cpu, memory: '256Mi' },
    ...(s.zone ? { nodeSelector: { [LABEL.zone]: s.zone } } : {}),
    ...(s.shape === 'zonal-spread' || s.shape === 'both' ? { spread } : {}),
    ...(s.shape === 'hostname-spread'
      ? {
          spread: [
            {
              maxSkew: s.skew,
              topologyKey: LABEL.hostname,
              whenUnsatisfiable: 'DoNotSchedule' as const,
              labelSelector: sel,
            },
          ],
        }
      : {}),
    ...(s.shape === 'zonal-affinity'
      ? { podAffinity: [{ topologyKey: LABEL.zone, labelSelector: sel }] }
      : {}),
    ...(s.shape === 'hostname-affinity'
      ? { podAffinity: [{ topologyKey: LABEL.hostname, labelSelector: sel }] }
      : {}),
    ...(s.shape === 'zonal-anti'
      ? { podAntiAffinity: [{ topologyKey: LABEL.zone, labelSelector: sel }] }
      : {}),
    ...(s.shape === 'hostname-anti' || s.shape === 'both'
      ? { podAntiAffinity: [{ topologyKey: LABEL.hostname, labelSelector: sel }] }
      : {}),
  });
}

export const nodeArb = fc.record({
  zone: fc.option(fc.constantFrom(...ZONES), { nil: undefined }),
  type: fc.integer({ min: 0, max: 7 }),
  initialized: fc.boolean(),
  pods: fc.array(podArb, { maxLength: 3 }),
});
export type NodeSpec = typeof nodeArb extends fc.Arbitrary<infer T> ? T : never;

/**
 * The generated nodes as StateNodes named node-00, node-01, …; `initialized` comes from the spec,
 * or is left to stateNode's default when `specInitialized` is false.
 */
export function nodesOf(specs: readonly NodeSpec[], specInitialized = true): StateNode[] {
  return specs.map((n, i) =>
    stateNode({
      name: `node-${String(i).padStart(2, '0')}`,
      instanceType: types[n.type] as InstanceType,
      ...(specInitialized ? { initialized: n.initialized } : {}),
      pods: n.pods.map(build),
      ...(n.zone ? { zone: n.zone } : {}),
    }),
  );
}

/** A dry run over `nodes`: node `drop` (mod the count) left out as a candidate; its pods, those
 *  of node `move` when that is another node (a pod moved off a present node), then `extra`. */
export function dryRun(
  nodes: readonly StateNode[],
  drop: number,
  move: number | undefined,
  extra: readonly Pod[],
): { pods: Pod[]; subset: StateNode[] } {
  const gone = drop % nodes.length;
  const moved = move === undefined ? gone : move % nodes.length;
  return {
    pods: [
      ...(nodes[gone]?.pods ?? []),
      ...(moved !== gone ? (nodes[moved]?.pods ?? []) : []),
      ...extra,
    ],
    subset: nodes.filter((_, i) => i !== gone),
  };
}

export function summary(r: SolveResult): unknown {
  return {
    existing: r.existing.map((e) => [e.node, e.pods.map((p) => p.metadata.uid)]),
    claims: r.newNodeClaims.map((c) => [
      c.hostname,
      c.pods.map((p) => p.metadata.uid),
      c.requirements.toString(),
      c.instanceTypes.map((t) => t.name),
    ]),
    errors: [...r.podErrors.keys()].sort(),
  };
}
