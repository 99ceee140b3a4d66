// Fixtures for the explanation specs: tiny workspaces on a two-type fake catalog, run through the
// real engine. Each fixture is named after the behaviour it shows.
import type { Catalog } from '../sim/catalog/index.ts';
import {
  simulate,
  type SimEvent,
  type SimulationInput,
  type Timeline,
} from '../sim/engine/index.ts';
import { deployment, existingNode, fakeType, nodePool, scenario } from '../sim/engine/testing.ts';
import type { Deployment, KubeObject, Scenario } from '../sim/k8s.ts';
import { explainCatalog } from './catalog.ts';

export { deployment, existingNode, nodePool };

/** Spot is 70% of on-demand in fakeType; both capacity types in three test zones. */
export const SMALL = fakeType('small', 2, 4, { price: 0.1, capacityTypes: ['spot', 'on-demand'] });
export const LARGE = fakeType('large', 8, 32, { price: 0.4, capacityTypes: ['spot', 'on-demand'] });

export interface Run {
  input: SimulationInput;
  timeline: Timeline;
  catalog: Catalog;
}

export function run(
  objects: KubeObject[],
  spec: Scenario['spec'] = {},
  extra: Partial<SimulationInput> = {},
): Run {
  const input: SimulationInput = {
    objects: [scenario({ instanceTypes: [SMALL, LARGE], ...spec }), ...objects],
    ...extra,
  };
  const catalog = explainCatalog(input);
  if (!catalog) throw new Error('fixture catalog did not build');
  return { input, timeline: simulate(input), catalog };
}

/** The first pod whose key starts with `prefix` ("default/huge"). */
export function podKey(r: Run, prefix: string): string {
  const key = [...r.timeline.final.pods.keys()].find((k) => k.startsWith(prefix));
  if (key === undefined) throw new Error(`no pod ${prefix}`);
  return key;
}

export function firstEvent<T extends SimEvent['type']>(
  r: Run,
  type: T,
): Extract<SimEvent, { type: T }> {
  const e = r.timeline.events.find((x) => x.type === type);
  if (!e) throw new Error(`no ${type} event`);
  return e as Extract<SimEvent, { type: T }>;
}

export function withPodAnnotations(d: Deployment, annotations: Record<string, string>): Deployment {
  const meta = d.spec.template.metadata ?? {};
  return {
    ...d,
    spec: { ...d.spec, template: { ...d.spec.template, metadata: { ...meta, annotations } } },
  };
}

// ---- fixtures ----

/** 3 pods of 1 CPU, one NodePool limited to amd64 and cpu 10: one `large` spot node. */
export const threePodsOnOneNode = (): Run =>
  run([
    nodePool(
      'default',
      { requirements: [{ key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] }] },
      { limits: { cpu: '10' } },
    ),
    deployment('inflate', { replicas: 3 }),
  ]);

/** A pod asking for 600 CPU: no type in the catalog comes close. */
export const podNoTypeCanHold = (): Run =>
  run([nodePool('default'), deployment('huge', { cpu: '600' })]);

/** The only NodePool is tainted and the pod has no toleration. */
export const taintNoPodTolerates = (): Run =>
  run([
    nodePool('tainted', { taints: [{ key: 'team', value: 'a', effect: 'NoSchedule' }] }),
    deployment('app'),
  ]);

/** The pod selects a custom label the NodePool never defines. */
export const customLabelWithoutValues = (): Run =>
  run([
    nodePool('default'),
    deployment('app', { spec: { nodeSelector: { 'example.com/team': 'x' } } }),
  ]);

/** cpu: 8 lets one `large` node in; the 9th and 10th 1-CPU pods find the pool at its limit. */
export const nodePoolLimitReached = (): Run =>
  run([nodePool('default', {}, { limits: { cpu: '8' } }), deployment('app', { replicas: 10 })]);

export const karpenterNotInstalled = (): Run =>
  run([nodePool('default'), deployment('app')], { karpenter: { installed: false } });

export const noNodePool = (): Run => run([deployment('app')]);

/** The only type that fits (`large`, 4 CPU pod) is ICE'd between the NodeClaim and its launch. */
export const launchHitsInsufficientCapacity = (): Run =>
  run([nodePool('default'), deployment('app', { cpu: '4' })], {
    actions: [{ at: '1500ms', ice: { instanceType: 'large' } }],
  });
