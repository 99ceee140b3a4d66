// The same workspace run with Cluster Autoscaler instead of Karpenter. Karpenter is taken out the
// way the engine already knows — `spec.karpenter.installed: false` (its provisioner never acts;
// NodePools stay as inert objects) — and `helm install|upgrade karpenter` actions, which would put
// it back, are dropped with a warning. Every other action (kubectl scale, ice, interrupt …) runs
// as written, so both runs see the same workload at the same times.
import type { KubeObject, Scenario } from '../k8s.ts';
import type { TimedAction } from '../engine/actions.ts';
import { formatDuration } from '../engine/duration.ts';
import { parseCommand } from '../engine/kubectl.ts';
import { simulate, type SimulationInput } from '../engine/simulate.ts';
import type { Timeline } from '../engine/timeline.ts';
import { caAssumptions, resolveConfig, type ClusterAutoscalerConfig } from './config.ts';
import { clusterAutoscaler, type ClusterAutoscaler } from './controller.ts';

export interface ClusterAutoscalerRun {
  timeline: Timeline;
  config: ClusterAutoscalerConfig;
  /** The controller, for its last verdicts (`unremovable()`). */
  controller: ClusterAutoscaler;
}

/** The run's configuration: CA defaults ← Scenario `spec.clusterAutoscaler` ← `override`. */
export function clusterAutoscalerConfig(
  objects: readonly KubeObject[],
  override?: Partial<ClusterAutoscalerConfig>,
): { config: ClusterAutoscalerConfig; warnings: string[] } {
  const scenario = objects.find((o): o is Scenario => o.kind === 'Scenario');
  return resolveConfig(scenario?.spec.clusterAutoscaler, override);
}

export function simulateClusterAutoscaler(
  input: SimulationInput,
  config?: Partial<ClusterAutoscalerConfig>,
): Timeline {
  return runClusterAutoscaler(input, config).timeline;
}

export function runClusterAutoscaler(
  input: SimulationInput,
  override?: Partial<ClusterAutoscalerConfig>,
): ClusterAutoscalerRun {
  const { config, warnings } = clusterAutoscalerConfig(input.objects, override);
  const { objects, dropped } = withoutKarpenter(input.objects);
  const actions = (input.actions ?? []).filter((a) => {
    if (!installsKarpenter(a)) return true;
    dropped.push(`"${a.source}" (at ${formatDuration(a.at)})`);
    return false;
  });
  const controller = clusterAutoscaler(config);
  const timeline = simulate({ ...input, objects, actions, disruption: controller });
  timeline.assumptions.push(...caAssumptions(config));
  timeline.warnings.push(
    ...warnings,
    ...dropped.map(
      (d) => `${d} was not run: this run uses Cluster Autoscaler, so Karpenter stays uninstalled`,
    ),
    ...controller.problems,
  );
  return { timeline, config, controller };
}

const installsKarpenter = (a: TimedAction): boolean =>
  a.action.kind === 'helm' && a.action.op !== 'uninstall';

/** The workspace with Karpenter uninstalled and its helm (re-)installs removed from the Scenario. */
export function withoutKarpenter(objects: readonly KubeObject[]): {
  objects: KubeObject[];
  dropped: string[];
} {
  const dropped: string[] = [];
  const base: Scenario = objects.find((o): o is Scenario => o.kind === 'Scenario') ?? {
    apiVersion: 'lab.karpenter.playground/v1alpha1',
    kind: 'Scenario',
    metadata: { name: 'cluster-autoscaler' },
    spec: {},
  };
  const actions = (base.spec.actions ?? []).filter((a) => {
    if (!('run' in a)) return true;
    const r = parseCommand(a.run);
    if (!r.ok || !installsKarpenter({ at: 0, action: r.action, source: a.run })) return true;
    dropped.push(`"${a.run}" (at ${a.at})`);
    return false;
  });
  const scenario: Scenario = {
    ...base,
    spec: {
      ...base.spec,
      karpenter: { ...base.spec.karpenter, installed: false },
      ...(base.spec.actions ? { actions } : {}),
    },
  };
  const rest = objects.filter((o) => o.kind !== 'Scenario');
  return { objects: [scenario, ...rest], dropped };
}
