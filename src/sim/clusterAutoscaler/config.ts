// The Cluster Autoscaler model's settings: one ASG-style node group plus CA's timing flags. Every
// default is CA's own (cluster-autoscaler FAQ, "What are the parameters to CA?"), except the ASG
// launch delay, which is an ASSUMPTION about AWS and is listed in timeline.assumptions.
import type { Scenario } from '../k8s.ts';
import { formatDuration, parseDuration } from '../engine/duration.ts';

export interface ClusterAutoscalerConfig {
  /** The node group (an ASG). Its instances are recorded as NodeClaims of a pseudo-pool of this name. */
  nodeGroup: string;
  /** The one instance type the group launches (a launch template has one). */
  instanceType: string;
  capacityType: 'on-demand' | 'spot';
  /** ASG MinSize / MaxSize: CA never scales the group outside them. */
  minSize: number;
  maxSize: number;
  /** The ASG's subnets' zones; undefined = every catalog zone offering the type. */
  zones?: readonly string[];
  /** `--scan-interval`, ms: how often CA looks at the cluster. */
  scanInterval: number;
  /** ASSUMPTION, ms: from CA raising the ASG's desired capacity to EC2 launching the instance. */
  asgLaunchDelay: number;
  /** `--scale-down-unneeded-time`, ms: how long a node must stay unneeded before it is removed. */
  scaleDownUnneededTime: number;
  /** `--scale-down-delay-after-add`, ms: no scale-down this long after a scale-up. */
  scaleDownDelayAfterAdd: number;
  /** `--scale-down-utilization-threshold`: below max(cpu, memory) requests / allocatable, a node may go. */
  scaleDownUtilizationThreshold: number;
  /** `--max-empty-bulk-delete`: empty nodes removed at once (non-empty ones go one at a time). */
  maxEmptyBulkDelete: number;
}

export const CA_DEFAULTS: Readonly<ClusterAutoscalerConfig> = {
  nodeGroup: 'ca-workers',
  instanceType: 'm5.large',
  capacityType: 'on-demand',
  minSize: 0,
  maxSize: 100,
  scanInterval: 10_000, // --scan-interval=10s
  asgLaunchDelay: 30_000, // assumption (AWS, not CA)
  scaleDownUnneededTime: 600_000, // --scale-down-unneeded-time=10m
  scaleDownDelayAfterAdd: 600_000, // --scale-down-delay-after-add=10m
  scaleDownUtilizationThreshold: 0.5, // --scale-down-utilization-threshold=0.5
  maxEmptyBulkDelete: 10, // --max-empty-bulk-delete=10
};

type ScenarioCA = NonNullable<Scenario['spec']['clusterAutoscaler']>;
const DURATIONS = [
  'scanInterval',
  'asgLaunchDelay',
  'scaleDownUnneededTime',
  'scaleDownDelayAfterAdd',
] as const;

/**
 * Defaults ← the Scenario's `spec.clusterAutoscaler` ← `override`. Bad values are reported and
 * replaced by the default (never thrown): the manifests layer has already located them for the editor.
 */
export function resolveConfig(
  fromScenario: ScenarioCA | undefined,
  override: Partial<ClusterAutoscalerConfig> = {},
): { config: ClusterAutoscalerConfig; warnings: string[] } {
  const warnings: string[] = [];
  const config: ClusterAutoscalerConfig = { ...CA_DEFAULTS };
  const s = fromScenario ?? {};
  if (s.nodeGroup !== undefined) config.nodeGroup = s.nodeGroup;
  if (s.instanceType !== undefined) config.instanceType = s.instanceType;
  if (s.capacityType !== undefined) config.capacityType = s.capacityType;
  if (s.minSize !== undefined) config.minSize = s.minSize;
  if (s.maxSize !== undefined) config.maxSize = s.maxSize;
  if (s.scaleDownUtilizationThreshold !== undefined)
    config.scaleDownUtilizationThreshold = s.scaleDownUtilizationThreshold;
  if (s.maxEmptyBulkDelete !== undefined) config.maxEmptyBulkDelete = s.maxEmptyBulkDelete;
  for (const key of DURATIONS) {
    const raw = s[key];
    if (raw === undefined) continue;
    const ms = parseDuration(raw);
    if (ms === undefined) warnings.push(`clusterAutoscaler.${key}: "${raw}" is not a duration`);
    else config[key] = ms;
  }
  Object.assign(config, withoutUndefined(override));
  return { config: sane(config, warnings), warnings };
}

function withoutUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Out-of-range numbers fall back to the default with a warning (a 0 s scan would never advance). */
function sane(c: ClusterAutoscalerConfig, warnings: string[]): ClusterAutoscalerConfig {
  // Durations are held in ms but written with a unit ("0s"): say them back the same way.
  const say = (key: keyof ClusterAutoscalerConfig, v: unknown): string =>
    typeof v === 'number' && (DURATIONS as readonly string[]).includes(key)
      ? formatDuration(v)
      : String(v);
  const fix = <K extends keyof ClusterAutoscalerConfig>(key: K, ok: boolean): void => {
    if (ok) return;
    warnings.push(
      `clusterAutoscaler.${key}: ${say(key, c[key])} is out of range; using ${say(key, CA_DEFAULTS[key])}`,
    );
    c[key] = CA_DEFAULTS[key];
  };
  const count = (v: number, min: number): boolean => Number.isInteger(v) && v >= min;
  fix('scanInterval', c.scanInterval >= 1);
  fix('asgLaunchDelay', c.asgLaunchDelay >= 0);
  fix('scaleDownUnneededTime', c.scaleDownUnneededTime >= 0);
  fix('scaleDownDelayAfterAdd', c.scaleDownDelayAfterAdd >= 0);
  fix(
    'scaleDownUtilizationThreshold',
    c.scaleDownUtilizationThreshold >= 0 && c.scaleDownUtilizationThreshold <= 1,
  );
  fix('maxEmptyBulkDelete', count(c.maxEmptyBulkDelete, 1));
  fix('maxSize', count(c.maxSize, 0));
  fix('minSize', count(c.minSize, 0) && c.minSize <= c.maxSize);
  return c;
}

/** What timeline.assumptions says about a CA run (the launch delay is ours, the rest is CA's). */
export function caAssumptions(c: ClusterAutoscalerConfig): string[] {
  return [
    `Cluster Autoscaler: node group ${c.nodeGroup} of ${c.instanceType} (${c.capacityType}), min ${c.minSize}, max ${c.maxSize}`,
    `asgLaunchDelay: ${formatDuration(c.asgLaunchDelay)} (assumed: from CA raising the ASG's desired capacity to EC2 launching the instance)`,
    `Cluster Autoscaler flags: --scan-interval=${formatDuration(c.scanInterval)} --scale-down-unneeded-time=${formatDuration(c.scaleDownUnneededTime)} --scale-down-delay-after-add=${formatDuration(c.scaleDownDelayAfterAdd)} --scale-down-utilization-threshold=${c.scaleDownUtilizationThreshold} --max-empty-bulk-delete=${c.maxEmptyBulkDelete}`,
  ];
}
