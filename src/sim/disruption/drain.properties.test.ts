// Drain invariants over random clusters, through the real engine and karpenterDisruption()
// (issue 4 items 5 and 11): a voluntary eviction never violates a PDB, and at every moment each
// controller-owned pod is Running, Pending with a reason, or Terminating on a draining node.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DaemonSet, Deployment, KubeObject, PodDisruptionBudget } from '../k8s.ts';
import { disruptionsAllowed } from '../engine/pdb.ts';
import { applyInPlace, cloneState, type ClusterState } from '../engine/state.ts';
import { deployment } from '../engine/testing.ts';
import type { Timeline } from '../engine/timeline.ts';
import { selectorMatches } from '../scheduling/selectors.ts';
import { eagerPool, onePerNode, pdb, runLab, scaleTo, withPodAnnotations } from './testing.ts';

const workload = fc.record({
  replicas: fc.integer({ min: 1, max: 6 }),
  after: fc.integer({ min: 0, max: 4 }),
  cpu: fc.constantFrom('300m', '500m', '1', '1500m'),
  pdb: fc.constantFrom('none', 'maxUnavailable1', 'minAvailable1'),
  graceSeconds: fc.constantFrom(undefined, 0, 90),
  critical: fc.boolean(),
  doNotDisrupt: fc.boolean(),
  onePerNode: fc.boolean(),
});

const cluster = fc.record({
  workloads: fc.array(workload, { minLength: 1, maxLength: 3 }),
  daemonSet: fc.constantFrom('none', 'plain', 'critical'),
  terminationGracePeriod: fc.constantFrom(undefined, '2m', '10m'),
  seed: fc.integer({ min: 1, max: 1000 }),
});

type Cluster = typeof cluster extends fc.Arbitrary<infer T> ? T : never;

function daemonSet(critical: boolean): DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: {
        metadata: { labels: { app: 'agent' } },
        spec: {
          containers: [{ name: 'a', image: 'pause', resources: { requests: { cpu: '50m' } } }],
          ...(critical ? { priorityClassName: 'system-node-critical' } : {}),
        },
      },
    },
  };
}

function run(c: Cluster): Timeline {
  const objects: KubeObject[] = [
    eagerPool(
      'default',
      { budgets: [{ nodes: '2' }] },
      c.terminationGracePeriod === undefined
        ? {}
        : { terminationGracePeriod: c.terminationGracePeriod },
    ),
  ];
  if (c.daemonSet !== 'none') objects.push(daemonSet(c.daemonSet === 'critical'));
  const actions: { at: string; run: string }[] = [];
  c.workloads.forEach((w, i) => {
    const name = `w${i}`;
    let d: Deployment = deployment(name, {
      replicas: 0,
      cpu: w.cpu,
      spec: {
        ...(w.graceSeconds === undefined ? {} : { terminationGracePeriodSeconds: w.graceSeconds }),
        ...(w.critical ? { priorityClassName: 'system-cluster-critical' } : {}),
      },
    });
    if (w.doNotDisrupt) d = withPodAnnotations(d, { 'karpenter.sh/do-not-disrupt': '3m' });
    objects.push(w.onePerNode ? onePerNode(d) : d);
    actions.push(scaleTo(name, w.replicas, `${i}m`), scaleTo(name, w.after, '5m'));
    if (w.pdb === 'maxUnavailable1') objects.push(pdb(name, name, { maxUnavailable: 1 }));
    if (w.pdb === 'minAvailable1') objects.push(pdb(name, name, { minAvailable: 1 }));
  });
  return runLab({ until: '25m', seed: c.seed, actions }, objects).timeline;
}

/** Walks the timeline once, calling `atEvent` before each event and `atInstant` after each instant. */
function walk(
  tl: Timeline,
  atEvent: (s: ClusterState, i: number) => void,
  atInstant: (s: ClusterState) => void,
): void {
  const s = cloneState(tl.initial);
  tl.events.forEach((e, i) => {
    atEvent(s, i);
    applyInPlace(s, e);
    if (tl.events[i + 1]?.t !== e.t) atInstant(s);
  });
}

function violations(tl: Timeline): string[] {
  const out: string[] = [];
  walk(
    tl,
    (before, i) => {
      const e = tl.events[i];
      if (e?.type !== 'k8s' || e.event.reason !== 'Evicted') return;
      const pod = before.pods.get(e.event.object.replace(/^pod\//, ''));
      if (!pod) return;
      for (const o of before.objects.values()) {
        if (o.kind !== 'PodDisruptionBudget') continue;
        const b = o as PodDisruptionBudget;
        if (
          selectorMatches(b.spec.selector, pod.pod.metadata.labels) &&
          disruptionsAllowed(b, before.pods) < 1
        )
          out.push(`${pod.key} evicted past pdb ${b.metadata.name ?? ''} at ${e.t}`);
      }
    },
    (s) => {
      for (const o of s.objects.values()) {
        if (o.kind !== 'Deployment') continue;
        const owner = `Deployment/default/${o.metadata.name ?? ''}`;
        const owned = [...s.pods.values()].filter((p) => p.owner === owner);
        const live = owned.filter((p) => p.phase !== 'Terminating' && p.phase !== 'Failed');
        if (live.length !== ((o as Deployment).spec.replicas ?? 1))
          out.push(
            `${owner}: ${live.length} pods for ${(o as Deployment).spec.replicas ?? 1} replicas at ${s.time}`,
          );
        for (const p of owned) {
          const node = p.nodeName === undefined ? undefined : s.nodes.get(p.nodeName);
          const ok =
            p.phase === 'Running' ||
            (p.phase === 'Terminating' && node?.drainingAt !== undefined) ||
            (p.phase === 'Pending' &&
              (p.reason !== undefined || p.nominatedTo !== undefined || node !== undefined));
          if (!ok) out.push(`${p.key} is ${p.phase} without a reason at ${s.time}`);
        }
      }
    },
  );
  return out;
}

describe('drain › properties', () => {
  it('never evicts past a PDB, and every controller-owned pod is running, pending with a reason, or terminating on a draining node', () => {
    const stats = { evictions: 0, terminating: 0, early: 0 };
    fc.assert(
      fc.property(cluster, (c) => {
        const tl = run(c);
        expect(violations(tl)).toEqual([]);
        for (const e of tl.events) {
          if (e.type === 'pod.terminating') stats.terminating++;
          if (e.type !== 'k8s') continue;
          if (e.event.reason === 'Evicted') stats.evictions++;
          if (e.event.reason === 'Disrupted') stats.early++;
        }
      }),
      { numRuns: 25, seed: 11 },
    );
    // The generator must exercise drains, or the property proves nothing.
    expect(stats.evictions).toBeGreaterThan(10);
    expect(stats.terminating).toBeGreaterThan(stats.evictions - 1);
    expect(stats.early).toBeGreaterThan(0);
  }, 120_000);
});
