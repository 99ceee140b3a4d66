// Invariants over random clusters run through the real engine (issue 4 item 11).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Deployment, KubeObject } from '../k8s.ts';
import { disruptionsAllowed } from '../engine/termination.ts';
import { deployment } from '../engine/testing.ts';
import { stateAfter, type Timeline } from '../engine/timeline.ts';
import { selectorMatches } from '../scheduling/selectors.ts';
import {
  eagerPool,
  maxConcurrentDeleting,
  onePerNode,
  pdb,
  runLab,
  scaleTo,
  sizedTypes,
} from './testing.ts';

const workload = fc.record({
  replicas: fc.integer({ min: 1, max: 6 }),
  after: fc.integer({ min: 0, max: 6 }),
  cpu: fc.constantFrom('300m', '500m', '1', '1500m'),
  pdb: fc.constantFrom('none', 'maxUnavailable1', 'minAvailable1'),
  onePerNode: fc.boolean(),
});

const cluster = fc.record({
  workloads: fc.array(workload, { minLength: 1, maxLength: 3 }),
  budget: fc.integer({ min: 1, max: 3 }),
  spot: fc.boolean(),
  gate: fc.boolean(),
  seed: fc.integer({ min: 1, max: 1000 }),
});

type Cluster = typeof cluster extends fc.Arbitrary<infer T> ? T : never;

function run(c: Cluster) {
  const objects: KubeObject[] = [eagerPool('default', { budgets: [{ nodes: String(c.budget) }] })];
  const actions: { at: string; run: string }[] = [];
  c.workloads.forEach((w, i) => {
    const name = `w${i}`;
    // Workloads arrive a minute apart, so they land on separate nodes that later shrink.
    const d = deployment(name, { replicas: 0, cpu: w.cpu });
    objects.push(w.onePerNode ? onePerNode(d) : d);
    actions.push(scaleTo(name, w.replicas, `${i}m`), scaleTo(name, w.after, '5m'));
    if (w.pdb === 'maxUnavailable1') objects.push(pdb(name, name, { maxUnavailable: 1 }));
    if (w.pdb === 'minAvailable1') objects.push(pdb(name, name, { minAvailable: 1 }));
  });
  return runLab(
    {
      until: '30m',
      seed: c.seed,
      actions,
      instanceTypes: sizedTypes(c.spot ? ['spot', 'on-demand'] : ['on-demand']),
      karpenter: { featureGates: { SpotToSpotConsolidation: c.gate } },
    },
    objects,
  );
}

/** Evictions where a PDB covering the pod allowed no disruption just before. */
function pdbViolations(tl: Timeline): string[] {
  const out: string[] = [];
  tl.events.forEach((e, i) => {
    if (e.type !== 'k8s' || e.event.reason !== 'Evicted') return;
    const before = stateAfter(tl, i - 1);
    const key = e.event.object.replace(/^pod\//, '');
    const pod = before.pods.get(key);
    if (!pod) return;
    for (const o of before.objects.values()) {
      if (
        o.kind !== 'PodDisruptionBudget' ||
        !selectorMatches(o.spec.selector, pod.pod.metadata.labels)
      )
        continue;
      if (disruptionsAllowed(o, before.pods) < 1)
        out.push(`${key} evicted past pdb ${o.metadata.name ?? ''} at ${e.t}`);
    }
  });
  return out;
}

describe('disruption › properties', () => {
  const stats = { actions: 0, evictions: 0 };
  it('a consolidation never raises the cluster $/h; no controller pod is lost; budgets hold; evictions respect PDBs', () => {
    fc.assert(
      fc.property(cluster, (c) => {
        const { timeline: tl, controller } = run(c);
        for (const a of controller.actions) {
          if (a.reason !== 'Underutilized' && a.reason !== 'Empty') continue;
          const before = a.nodes.reduce((s, n) => s + n.price, 0);
          const launched = tl.events.flatMap((e) =>
            e.type === 'nodeclaim.created' && e.t === a.time ? [e.nodeClaim.name] : [],
          );
          const after = launched.reduce(
            (s, n) => s + (tl.final.nodeClaims.get(n)?.launch?.price ?? 0),
            0,
          );
          expect(after).toBeLessThan(before);
        }
        for (const o of tl.final.objects.values()) {
          if (o.kind !== 'Deployment') continue;
          const owner = `Deployment/default/${o.metadata.name ?? ''}`;
          const pods = [...tl.final.pods.values()].filter(
            (p) => p.owner === owner && p.phase !== 'Failed',
          );
          expect(pods.length).toBe((o as Deployment).spec.replicas ?? 1);
        }
        expect(maxConcurrentDeleting(tl)).toBeLessThanOrEqual(c.budget);
        expect(pdbViolations(tl)).toEqual([]);
        stats.actions += controller.actions.length;
        stats.evictions += tl.events.filter(
          (e) => e.type === 'k8s' && e.event.reason === 'Evicted',
        ).length;
      }),
      { numRuns: 30, seed: 4 },
    );
    // The generator must actually exercise disruption, or the properties prove nothing.
    expect(stats.actions).toBeGreaterThan(10);
    expect(stats.evictions).toBeGreaterThan(10);
  }, 120_000);
});

describe('disruption › determinism', () => {
  it('gives the same timeline, event for event, for the same input', () => {
    const c: Cluster = {
      workloads: [
        { replicas: 4, after: 1, cpu: '500m', pdb: 'maxUnavailable1', onePerNode: true },
        { replicas: 3, after: 1, cpu: '1', pdb: 'none', onePerNode: false },
      ],
      budget: 2,
      spot: true,
      gate: true,
      seed: 7,
    };
    const a = run(c);
    const b = run(c);
    expect(a.controller.actions.length).toBeGreaterThan(0);
    expect(JSON.stringify(b.timeline.events)).toBe(JSON.stringify(a.timeline.events));
  });
});
