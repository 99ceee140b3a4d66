// The lab's own Scenario document (lab.karpenter.playground/v1alpha1): what is not a Kubernetes
// object — region, zones, Karpenter version and settings, a custom catalog, timed actions.

import type { Rule, Spec } from './dsl.ts';
import { arr, bool, cel, int, map, num, obj, str, withRules } from './dsl.ts';
import { exactQuantity, labelMap, metadata, quantity, resourceList } from './common.ts';
import { parseKarpenterVersion } from '../version.ts';
import { formatDuration, parseDuration } from '../../sim/engine/duration.ts';
import { MAX_UNTIL_MS } from '../../sim/engine/limits.ts';
import { notAnAction, parseCommand } from '../../sim/engine/kubectl.ts';

const DURATION = /^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$/;
const duration = (description: string, dflt?: string): Spec =>
  str({
    pattern: DURATION,
    patternHint: 'a duration such as 500ms, 10s, 5m or 1h30m',
    description,
    ...(dflt ? { default: dflt } : {}),
  });

const untilCap: Rule = ((s: string) =>
  (parseDuration(s) ?? 0) > MAX_UNTIL_MS
    ? [
        {
          path: [],
          message: `Invalid value: ${JSON.stringify(s)}: the lab simulates at most ${formatDuration(MAX_UNTIL_MS)} (one week)`,
        },
      ]
    : []) as Rule;

/** Timings that set a repeat period: zero would make the loop spin at one instant. */
const PERIODS = ['disruptionPoll', 'evictionRetry'];
const positivePeriods: Rule = ((t: Record<string, string>) =>
  PERIODS.filter((k) => Object.hasOwn(t, k) && parseDuration(t[k]) === 0).map((k) => ({
    path: [k],
    message: `Invalid value: ${JSON.stringify(t[k])}: ${k} is a repeat period and must be more than 0`,
  }))) as Rule;

/** A bare fraction ("0", "0.2") is only for jitter; every other timing is a duration. */
const fractionOnlyForJitter: Rule = ((t: Record<string, string>) =>
  Object.entries(t)
    .filter(([k, v]) => k !== 'jitter' && !DURATION.test(v))
    .map(([k, v]) => ({
      path: [k],
      message: `Invalid value: ${JSON.stringify(v)}: should be a duration such as 500ms, 10s, 5m or 1h30m`,
    }))) as Rule;

const oneAction: Rule = ((a: Record<string, unknown>) => {
  const n = ['run', 'interrupt', 'ice'].filter((k) => a[k] !== undefined).length;
  return n === 1
    ? []
    : [
        {
          path: [],
          message: `each action needs exactly one of run, interrupt or ice (found ${n})`,
        },
      ];
}) as Rule;

/** A command the engine cannot run is refused where it is written (it used to surface only as a
 *  warning of the run, with no location); one that fails when it runs (a Deployment that does
 *  not exist then) stays a warning of the run. */
const runsAsAction: Rule = ((line: string) => {
  const r = parseCommand(line);
  return r.ok
    ? []
    : [
        {
          path: [],
          message: `Invalid value: ${JSON.stringify(line)}: ${notAnAction(r)}`,
        },
      ];
}) as Rule;

const minNotAboveMax: Rule = ((g: { minSize?: number; maxSize?: number }) =>
  g.minSize !== undefined && g.maxSize !== undefined && g.minSize > g.maxSize
    ? [
        {
          path: ['minSize'],
          message: `minSize (${g.minSize}) must not exceed maxSize (${g.maxSize})`,
        },
      ]
    : []) as Rule;

/** spec.clusterAutoscaler: the node group of the Cluster Autoscaler comparison run (CA defaults). */
function clusterAutoscaler(): Spec {
  return obj(
    {
      nodeGroup: str({ default: 'ca-workers', description: 'The node group (ASG) name.' }),
      instanceType: str({ completion: 'instanceTypes', default: 'm5.large' }),
      capacityType: str({ enum: ['on-demand', 'spot'], default: 'on-demand' }),
      minSize: int({ minimum: 0, default: 0 }),
      maxSize: int({ minimum: 0, default: 100 }),
      scanInterval: duration('CA --scan-interval.', '10s'),
      asgLaunchDelay: duration(
        'ASSUMPTION: from CA raising the desired capacity to EC2 launching the instance.',
        '30s',
      ),
      scaleDownUnneededTime: duration('CA --scale-down-unneeded-time.', '10m'),
      scaleDownDelayAfterAdd: duration('CA --scale-down-delay-after-add.', '10m'),
      scaleDownUtilizationThreshold: num({
        minimum: 0,
        maximum: 1,
        default: 0.5,
        description: 'CA --scale-down-utilization-threshold.',
      }),
      maxEmptyBulkDelete: int({
        minimum: 1,
        default: 10,
        description: 'CA --max-empty-bulk-delete.',
      }),
    },
    {
      rules: [minNotAboveMax],
      description:
        'Cluster Autoscaler comparison: one ASG-style node group of a single instance type, with CA defaults.',
    },
  );
}

export function scenarioSpec(): Spec {
  const offering = obj(
    {
      zone: str({ completion: 'zones' }),
      capacityType: str({ enum: ['spot', 'on-demand', 'reserved'] }),
      price: num({
        minimum: 0,
        description:
          "USD per hour; default Karpenter's fake price: $0.1 per vCPU + $0.1 per GB (+ $1 per fake GPU).",
      }),
      available: bool({ default: true }),
    },
    { required: ['zone', 'capacityType'] },
  );
  const instanceType = obj(
    {
      name: str({ description: 'Instance type name, e.g. m5.large.' }),
      cpu: withRules(quantity('vCPUs, e.g. "2" or 2000m.'), exactQuantity('cpu')),
      memory: withRules(quantity('Memory, e.g. 8Gi.'), exactQuantity('memory')),
      pods: int({ minimum: 0, description: 'Max pods.' }),
      arch: str({ enum: ['amd64', 'arm64'], default: 'amd64' }),
      // Any OS, as a cloud provider may offer (Karpenter's fake catalog: linux, windows, darwin, ios).
      os: arr(str({ examples: ['linux', 'windows', 'darwin', 'ios'] }), {
        description: 'Operating systems the type supports (kubernetes.io/os); default [linux].',
      }),
      labels: labelMap('Extra node labels the type carries.'),
      resources: resourceList('Extended resources, e.g. nvidia.com/gpu: 1.'),
      overhead: resourceList(
        'kube-reserved + system-reserved + eviction; capacity − overhead = allocatable.',
      ),
      offerings: arr(offering, { maxItems: 50 }),
      volumeLimits: map(int({ minimum: 0 }), {
        description:
          'Volumes a node of this type can attach, per CSI driver (its CSINode), e.g. ebs.csi.aws.com: 10.',
      }),
    },
    { required: ['name', 'cpu', 'memory', 'pods'] },
  );
  const action = obj(
    {
      at: duration('When, from the start of the simulation.'),
      run: str({
        description: 'A kubectl command, e.g. kubectl scale deployment inflate --replicas=5.',
        rules: [runsAsAction],
      }),
      interrupt: obj(
        { node: str() },
        { required: ['node'], description: 'A spot interruption notice for a node.' },
      ),
      ice: obj(
        {
          instanceType: str({ completion: 'instanceTypes' }),
          zone: str({ completion: 'zones' }),
          capacityType: str({ enum: ['spot', 'on-demand', 'reserved'] }),
          for: duration('How long the capacity stays unavailable.'),
        },
        {
          required: ['instanceType'],
          description: 'Make an offering unavailable (InsufficientInstanceCapacity).',
        },
      ),
    },
    { required: ['at'], rules: [oneAction] },
  );
  const karpenter = obj({
    installed: bool({ default: true }),
    version: str({
      description:
        'Karpenter version whose semantics to simulate: v1 (latest), v1.14, v0.37 (v1beta1), v0.31 (v1alpha5).',
      examples: ['v1', 'v1.14', 'v1.8', 'v1.0', 'v0.37', 'v0.31'],
      rules: [
        cel<string>(
          'Invalid value: expected a version such as v1, v1.14, v0.37 or v0.31',
          (s) => parseKarpenterVersion(s) !== undefined,
        ),
      ],
    }),
    featureGates: map(bool(), { description: 'e.g. SpotToSpotConsolidation: true.' }),
    batchIdleDuration: duration('Batch closes this long after the last pending pod.', '1s'),
    batchMaxDuration: duration(
      'Batch closes at most this long after the first pending pod.',
      '10s',
    ),
    minValuesPolicy: str({ enum: ['Strict', 'BestEffort'] }),
    preferencePolicy: str({ enum: ['Respect', 'Ignore'] }),
    spotAllocation: str({ enum: ['lowest-price', 'price-capacity-optimized'] }),
    // Durations, except jitter: a fraction in [0, 1) ("0" for exact boot times).
    timings: map(
      str({
        pattern: /^(([0-9]+(\.[0-9]+)?(ms|s|m|h))+|0(\.[0-9]+)?)$/,
        patternHint:
          'a duration such as 500ms, 10s, 5m or 1h30m (jitter: a fraction such as 0 or 0.2)',
      }),
      {
        rules: [positivePeriods, fractionOnlyForJitter],
        description:
          'Timing assumptions, e.g. register: 45s; jitter: "0" for exact boot times; dryRunPerPod: 1ms and dryRunPer1kNodes: 100ms for the computation time of consolidation\'s dry runs.',
      },
    ),
    interruptionModel: bool({
      default: false,
      description:
        'A seeded MODEL of spot interruptions: each spot node is interrupted with the hourly hazard of its Spot Advisor interruption bucket (2-minute notice, cordon and drain). Off by default.',
    }),
  });
  return obj(
    {
      metadata: metadata(false),
      spec: obj({
        region: str({ default: 'us-east-1' }),
        zones: arr(str({ completion: 'zones' }), { maxItems: 50 }),
        karpenter,
        storage: obj({
          ebsCsiDriver: bool({
            default: true,
            description:
              'The EBS CSI driver runs on every node (zone label, attach limits, volume provisioning).',
          }),
          volumeAttachLimit: int({
            minimum: 0,
            description:
              "The driver's --volume-attach-limit: how many EBS volumes every node may attach.",
          }),
          reservedVolumeAttachments: int({
            minimum: 0,
            description: "The driver's --reserved-volume-attachments (default 1: the root volume).",
          }),
        }),
        clusterAutoscaler: clusterAutoscaler(),
        // The lab's own bounds, so that every run is short: see docs/simplifications.md.
        instanceTypes: arr(instanceType, {
          maxItems: 2000,
          description: 'Replaces the EC2 catalog with these types.',
        }),
        actions: arr(action, { maxItems: 1000 }),
        images: map(arr(str({ enum: ['amd64', 'arm64'] })), {
          description: 'Platforms an image runs on, e.g. myapp:1.0: [amd64].',
        }),
        until: withRules(
          duration('How long to simulate (default: until quiet; at most one week).'),
          untilCap,
        ),
        seed: int({ minimum: 0, maximum: 0xffffffff, format: 'int64' }),
      }),
    },
    { required: ['metadata'] },
  );
}
