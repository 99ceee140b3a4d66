// The kube-scheduler's FitIndex is kept incrementally (fitIndex.ts): the counters that select a Pod
// object are remembered per object, and a pod changing phase on its node moves counts only when it
// starts or stops terminating. A pass checks a pod against every node with one fitChecker (fit.ts),
// which resolves the pod's counters, spread minima and host ports once. Over generated sequences of
// nodes joining, leaving and being relabelled, pods binding, changing phase, being relabelled and
// leaving, with checks in between (which create counters mid-run), every check must answer as
// checkFit does node by node against an index built from scratch over the same nodes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Pod } from '../k8s.ts';
import { checkFit, fitChecker } from './fit.ts';
import { FitIndex, type NodeView } from './fitIndex.ts';
import type { NodeRec, PodPhaseRec, PodRec } from './state.ts';
import { nodeRecord } from './testing.ts';

const ZONE = 'topology.kubernetes.io/zone';
const HOST = 'kubernetes.io/hostname';

function nodeRec(name: string, zone: string): NodeRec {
  return nodeRecord(name, {
    labels: { [HOST]: name, [ZONE]: zone },
    allocatable: { cpu: 100_000, pods: 100 },
    zone,
  });
}

const specArb = fc.record({
  app: fc.constantFrom('a', 'b', 'c'),
  namespace: fc.constantFrom('default', 'other'),
  rule: fc.constantFrom('none', 'anti', 'affinity', 'spread-zone', 'spread-host', 'spread-pinned'),
  selects: fc.constantFrom('a', 'b', 'c'),
});
type SpecShape = typeof specArb extends fc.Arbitrary<infer T> ? T : never;
const everyShape: SpecShape[] = (['a', 'b', 'c'] as const).flatMap((app) =>
  (['default', 'other'] as const).flatMap((namespace) =>
    (['none', 'anti', 'affinity', 'spread-zone', 'spread-host', 'spread-pinned'] as const).flatMap(
      (rule) => (['a', 'b', 'c'] as const).map((selects) => ({ app, namespace, rule, selects })),
    ),
  ),
);

/** One selector object per app, shared by the shapes (as a template's constraints may share one). */
const selectors = {
  a: { matchLabels: { app: 'a' } },
  b: { matchLabels: { app: 'b' } },
  c: { matchLabels: { app: 'c' } },
};

/** One Pod object per shape (pods of one template share their spec, as the engine's do). */
const specs = new Map<string, Pod['spec']>();
function spec(s: SpecShape): Pod['spec'] {
  const key = `${s.rule}/${s.selects}`;
  let out = specs.get(key);
  if (!out) {
    const labelSelector = selectors[s.selects];
    const spread = (topologyKey: string) => [
      { maxSkew: 1, topologyKey, whenUnsatisfiable: 'DoNotSchedule' as const, labelSelector },
    ];
    out = { containers: [{ name: 'c' }] };
    if (s.rule === 'anti')
      out.affinity = {
        podAntiAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: HOST, labelSelector }],
        },
      };
    if (s.rule === 'affinity')
      out.affinity = {
        podAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: ZONE, labelSelector }],
        },
      };
    if (s.rule === 'spread-zone') out.topologySpreadConstraints = spread(ZONE);
    if (s.rule === 'spread-host') out.topologySpreadConstraints = spread(HOST);
    if (s.rule === 'spread-pinned') {
      // Node affinity: spread domains count only the nodes the pod may use.
      out.topologySpreadConstraints = spread(ZONE);
      out.nodeSelector = { [ZONE]: 'z1' };
    }
    specs.set(key, out);
  }
  return out;
}

let uids = 0;
function podRec(s: SpecShape): PodRec {
  const name = `p${uids++}`;
  return {
    key: `${s.namespace}/${name}`,
    uid: name,
    phase: 'Pending',
    createdAt: 0,
    requests: { cpu: 100, pods: 1 },
    pod: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: s.namespace, labels: { app: s.app } },
      spec: spec(s),
    },
  };
}

const stepArb = fc.oneof(
  fc.record({ kind: fc.constant('join' as const), zone: fc.constantFrom('z1', 'z2', 'z3') }),
  fc.record({ kind: fc.constant('leave' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('rezone' as const),
    at: fc.nat(),
    zone: fc.constantFrom('z1', 'z2', 'z3'),
  }),
  fc.record({ kind: fc.constant('bind' as const), at: fc.nat(), pod: specArb }),
  fc.record({
    kind: fc.constant('phase' as const),
    at: fc.nat(),
    phase: fc.constantFrom<PodPhaseRec>('Running', 'Terminating', 'Failed', 'Pending'),
  }),
  fc.record({
    kind: fc.constant('relabel' as const),
    at: fc.nat(),
    app: fc.constantFrom('a', 'b', 'c'),
  }),
  fc.record({ kind: fc.constant('unbind' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('check' as const), pod: specArb }),
);

describe('FitIndex kept incrementally', () => {
  it('answers every check as checkFit against an index built from scratch', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 50, size: 'max' }), (steps) => {
        const ix = new FitIndex();
        const live: NodeView[] = [];
        let joined = 0;
        /** A pending pod of this shape, checked on every node at once and node by node. */
        const check = (shape: SpecShape): void => {
          const p = podRec(shape);
          const fits = fitChecker(p, ix);
          for (const v of live) expect(fits(v)).toBe(checkFit(p, v, FitIndex.over(live)));
          // The smallest spread count, as counted pod by pod over the live nodes' domains.
          for (const c of p.pod.spec.topologySpreadConstraints ?? []) {
            const counts = new Map<string, number>();
            for (const v of live) {
              const d = v.node.labels[c.topologyKey];
              if (d === undefined) continue;
              const selected = v.pods.filter(
                (q) =>
                  q.phase !== 'Terminating' &&
                  q.pod.metadata.namespace === shape.namespace &&
                  q.pod.metadata.labels?.app === shape.selects,
              );
              counts.set(d, (counts.get(d) ?? 0) + selected.length);
            }
            const counter = ix.spreadCounter(c.topologyKey, c.labelSelector, p.pod);
            expect(ix.spreadMin(counter, undefined, '')).toBe(Math.min(...counts.values()));
          }
        };
        const bound = (): [NodeView, number][] =>
          live.flatMap((v) => v.pods.map((_, i): [NodeView, number] => [v, i]));
        for (const s of steps) {
          if (s.kind === 'join') {
            const v: NodeView = { node: nodeRec(`n${joined++}`, s.zone), used: {}, pods: [] };
            live.push(v);
            ix.addView(v);
          } else if (s.kind === 'check') {
            check(s.pod);
          } else if (s.kind === 'bind' && live.length > 0) {
            const v = live[s.at % live.length] as NodeView;
            const p = podRec(s.pod);
            v.pods.push(p);
            ix.podAdded(v, p);
          } else if (s.kind === 'leave' && live.length > 0) {
            const [v] = live.splice(s.at % live.length, 1);
            ix.removeView(v as NodeView);
          } else if (s.kind === 'rezone' && live.length > 0) {
            const v = live[s.at % live.length] as NodeView;
            const n = v.node;
            ix.updateNode(v, { ...n, labels: { ...n.labels, [ZONE]: s.zone }, zone: s.zone });
          } else {
            const all = bound();
            if (all.length === 0) continue;
            const [v, i] = all[s.at % all.length] as [NodeView, number];
            const before = v.pods[i] as PodRec;
            if (s.kind === 'unbind') {
              v.pods.splice(i, 1);
              ix.podRemoved(v, before);
            } else if (s.kind === 'phase') {
              // As kube-scheduler does on a phase change: the record moves to the list's end.
              const after: PodRec = { ...before, phase: s.phase };
              v.pods.splice(i, 1);
              v.pods.push(after);
              ix.podPhaseChanged(v, before, after);
            } else if (s.kind === 'relabel') {
              // A relabelled pod is a new Pod object: it leaves and joins the counts.
              const m = before.pod.metadata;
              const after: PodRec = {
                ...before,
                pod: { ...before.pod, metadata: { ...m, labels: { app: s.app } } },
              };
              v.pods.splice(i, 1);
              ix.podRemoved(v, before);
              v.pods.push(after);
              ix.podAdded(v, after);
            }
          }
        }
        for (const shape of everyShape) check(shape);
      }),
      { numRuns: 300 },
    );
  });
});
