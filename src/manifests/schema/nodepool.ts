// NodePool (karpenter.sh/v1 and v1beta1) with the CRDs' OpenAPI + CEL rules — the core CRD and
// the AWS provider's copy (which adds the karpenter.k8s.aws domain rule). Messages are the CRDs'
// own. Versions gate what changed: Gte/Lte (v1.9), Balanced (v1.14), static `replicas` (v1.8).

import type { NodeSelectorRequirementWithMinValues } from '../../sim/k8s.ts';
import { atLeastV1 } from '../version.ts';
import type { KarpenterVersion } from '../version.ts';
import type { Rule, Spec } from './dsl.ts';
import { any, arr, cel, eachItem, int, map, obj, str } from './dsl.ts';
import { annotations, metadata, quantity, resourceList, taintEffect } from './common.ts';
import { kubeletSpec } from './kubelet.ts';
import { restrictedKeyMessages } from './labels.ts';
import { parseCron } from '../../sim/disruption/cron.ts';
import { parseDuration } from '../../sim/engine/duration.ts';

export const LABEL_KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*(\/))?([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const DURATION_OR_NEVER = /^(([0-9]+(s|m|h))+|Never)$/;
const DURATION_HINT = 'a duration such as 30s, 5m, 720h or 1h30m, or "Never"';

const keyRules = (v1beta1: boolean): Rule =>
  ((key: string) =>
    restrictedKeyMessages(key, { v1beta1 }).map((message) => ({ path: [], message }))) as Rule;

const labelMapRules = (v1beta1: boolean): Rule =>
  ((labels: Record<string, string>) =>
    Object.keys(labels).flatMap((k) =>
      restrictedKeyMessages(k, { v1beta1 }).map((message) => ({ path: [k], message })),
    )) as Rule;

const taintSpec = obj(
  {
    key: str({ minLength: 1, pattern: LABEL_KEY }),
    value: str({ pattern: LABEL_KEY }),
    effect: taintEffect,
    timeAdded: str(),
  },
  { required: ['effect', 'key'] },
);

export const isIntString = (s: string | undefined): boolean => s !== undefined && /^\d+$/.test(s);

function requirementSpec(v: KarpenterVersion, v1beta1: boolean): Spec {
  const ops = [
    'In',
    'NotIn',
    'Exists',
    'DoesNotExist',
    'Gt',
    'Lt',
    ...(!v1beta1 && atLeastV1(v, 9) ? ['Gte', 'Lte'] : []),
  ];
  const boundOps = ops.filter((o) => o.startsWith('G') || o.startsWith('L'));
  const boundMsg =
    v1beta1 || boundOps.length === 2
      ? "requirements operator 'Gt' or 'Lt' must have a single positive integer value"
      : "requirements operator 'Gt', 'Lt', 'Gte', or 'Lte' must have a single positive integer value";
  return arr(
    obj(
      {
        key: str({
          maxLength: 316,
          pattern: LABEL_KEY,
          rules: [keyRules(v1beta1)],
          completion: 'labelKeys',
          description:
            'A node label key, e.g. karpenter.sh/capacity-type or node.kubernetes.io/instance-type.',
        }),
        operator: str({
          enum: ops,
          description:
            'In / NotIn a set of values; Exists / DoesNotExist; Gt / Lt (and Gte / Lte) an integer.',
        }),
        values: arr(str({ maxLength: 63, pattern: LABEL_VALUE })),
        minValues: int({
          minimum: 1,
          maximum: 50,
          description:
            'At least this many distinct values must stay possible (flexibility for spot).',
        }),
      },
      { required: ['key', 'operator'] },
    ),
    {
      maxItems: v1beta1 ? 30 : 100,
      description: 'Constraints on the nodes this pool may launch. Pods narrow them further.',
      rules: [
        eachItem<NodeSelectorRequirementWithMinValues>(
          "requirements with operator 'In' must have a value defined",
          (r) => r.operator !== 'In' || (r.values?.length ?? 0) !== 0,
        ),
        eachItem<NodeSelectorRequirementWithMinValues>(
          boundMsg,
          (r) =>
            !boundOps.includes(r.operator) || (r.values?.length === 1 && isIntString(r.values[0])),
        ),
        eachItem<NodeSelectorRequirementWithMinValues>(
          "requirements with 'minValues' must have at least that many values specified in the 'values' field",
          (r) =>
            r.operator !== 'In' ||
            r.minValues === undefined ||
            (r.values?.length ?? 0) >= r.minValues,
        ),
      ],
    },
  );
}

// The CRD's pattern lets many schedules through that Karpenter's cron library (robfig/cron v3)
// cannot read; on a v1 cluster such a budget then fails closed (no disruption at all, silently).
// The lab refuses it where it is written instead.
const cronRule: Rule = ((s: string) => {
  const c = parseCron(s);
  return typeof c === 'string'
    ? [
        {
          path: [],
          message: `Invalid value: ${JSON.stringify(s)}: Karpenter cannot read this schedule (${c}); the CRD pattern lets it through, and the budget would then allow no disruption at all`,
        },
      ]
    : [];
}) as Rule;

/** Go's time.Duration limit (2562047h47m16.854775807s): a longer duration does not decode. */
const MAX_GO_DURATION_MS = 9_223_372_036_854;
const goDurationRule: Rule = ((s: string) =>
  (parseDuration(s) ?? 0) > MAX_GO_DURATION_MS
    ? [
        {
          path: [],
          message: `Invalid value: ${JSON.stringify(s)}: longer than Go's largest duration (2562047h47m16s); Karpenter cannot decode it`,
        },
      ]
    : []) as Rule;

const budgets = (withReasons: boolean): Spec =>
  arr(
    obj(
      {
        nodes: str({
          pattern: /^((100|[0-9]{1,2})%|[0-9]+)$/,
          patternHint: 'a node count like 2 or a percentage like "10%"',
          default: '10%',
          description: 'How many nodes may be disrupted at once: a count or a percentage.',
        }),
        schedule: str({
          pattern:
            /^(@(annually|yearly|monthly|weekly|daily|midnight|hourly))|((.+)\s(.+)\s(.+)\s(.+)\s(.+))$/,
          patternHint: 'a cron schedule like "0 9 * * mon-fri" or @daily',
          rules: [cronRule],
          description: 'When the budget becomes active (cron, UTC).',
        }),
        duration: str({
          pattern: /^((([0-9]+(h|m))|([0-9]+h[0-9]+m))(0s)?)$/,
          patternHint: 'minutes and hours only, like 10m, 8h or 1h30m',
          rules: [goDurationRule],
          description: 'How long the budget stays active after each schedule hit.',
        }),
        ...(withReasons
          ? {
              reasons: arr(str({ enum: ['Underutilized', 'Empty', 'Drifted'] }), {
                maxItems: 50,
                description: 'Limit the budget to these disruption reasons.',
              }),
            }
          : {}),
      },
      { required: ['nodes'] },
    ),
    {
      maxItems: 50,
      default: [{ nodes: '10%' }],
      description: 'Disruption budgets; the most restrictive active one wins.',
      rules: [
        eachItem<{ schedule?: string; duration?: string }>(
          "'schedule' must be set with 'duration'",
          (b) => (b.schedule === undefined) === (b.duration === undefined),
        ),
      ],
    },
  );

const nodeClassRefV1 = obj(
  {
    group: str({
      pattern: /^[^/]*$/,
      patternHint: 'the API group only, without a version: karpenter.k8s.aws',
      rules: [cel<string>('group may not be empty', (s) => s !== '')],
      default: 'karpenter.k8s.aws',
      examples: ['karpenter.k8s.aws'],
    }),
    kind: str({
      rules: [cel<string>('kind may not be empty', (s) => s !== '')],
      examples: ['EC2NodeClass'],
    }),
    name: str({
      rules: [cel<string>('name may not be empty', (s) => s !== '')],
      completion: 'nodeClasses',
    }),
  },
  { required: ['group', 'kind', 'name'], description: 'The EC2NodeClass this pool launches with.' },
);

const limits = map(quantity(), {
  description: 'Caps on the total capacity of the pool (cpu, memory, nodes, nvidia.com/gpu …).',
});
const templateLabels = (v1beta1: boolean): Spec =>
  map(str({ maxLength: 63, pattern: LABEL_VALUE }), {
    maxProperties: 100,
    completion: 'labelKeys',
    rules: [labelMapRules(v1beta1)],
    description: 'Labels put on every node of this pool.',
  });

export function nodePoolV1(v: KarpenterVersion): Spec {
  const staticPools = atLeastV1(v, 8);
  const policies = [
    'WhenEmpty',
    'WhenEmptyOrUnderutilized',
    ...(atLeastV1(v, 14) ? ['Balanced'] : []),
  ];
  const spec = obj(
    {
      template: obj(
        {
          metadata: obj({ labels: templateLabels(false), annotations }),
          spec: obj(
            {
              requirements: requirementSpec(v, false),
              taints: arr(taintSpec, {
                description: 'Taints on every node; only pods that tolerate them land here.',
              }),
              startupTaints: arr(taintSpec, {
                description: 'Taints removed by a daemon after start-up; ignored while scheduling.',
              }),
              nodeClassRef: nodeClassRefV1,
              expireAfter: str({
                pattern: DURATION_OR_NEVER,
                patternHint: DURATION_HINT,
                default: '720h',
                description: 'Replace nodes older than this (forcefully). Default 720h.',
              }),
              terminationGracePeriod: str({
                pattern: /^([0-9]+(s|m|h))+$/,
                patternHint: 'a duration such as 30s, 10m or 1h',
                description: 'Longest time a draining node waits before forcing pods off.',
              }),
            },
            { required: ['nodeClassRef', 'requirements'] },
          ),
        },
        { required: ['spec'] },
      ),
      disruption: obj(
        {
          consolidationPolicy: str({
            enum: policies,
            default: 'WhenEmptyOrUnderutilized',
            description: 'Which nodes consolidation may remove or replace.',
          }),
          consolidateAfter: str({
            pattern: DURATION_OR_NEVER,
            patternHint: DURATION_HINT,
            default: '0s',
            description: 'How long a node must be consolidatable before Karpenter acts.',
          }),
          budgets: budgets(true),
        },
        {
          default: { consolidateAfter: '0s' },
          description:
            "When and how fast Karpenter may disrupt this pool's nodes: which nodes consolidation may take, how long a node waits after its pods last changed, and budgets that cap how many nodes are disrupted at once.",
        },
      ),
      limits,
      weight: int({
        minimum: 1,
        maximum: 100,
        description: 'Higher weight pools are tried first (1–100).',
      }),
      ...(staticPools
        ? {
            replicas: int({
              minimum: 0,
              format: 'int64',
              description: 'Static pool: keep exactly this many nodes (alpha, v1.8+).',
            }),
          }
        : {}),
    },
    {
      required: ['template'],
      rules: staticPools
        ? [
            cel<{ replicas?: number; limits?: Record<string, unknown> }>(
              "only 'limits.nodes' is supported on static NodePools",
              (s) =>
                s.replicas === undefined || Object.keys(s.limits ?? {}).every((k) => k === 'nodes'),
            ),
            cel<{ replicas?: number; weight?: number }>(
              "'weight' is not supported on static NodePools",
              (s) => s.replicas === undefined || s.weight === undefined,
            ),
          ]
        : [],
    },
  );
  return obj(
    { metadata: metadata(false), spec, status: any() },
    { required: ['metadata', 'spec'] },
  );
}

export function nodePoolV1beta1(v: KarpenterVersion): Spec {
  const kubelet = kubeletSpec();
  const spec = obj(
    {
      template: obj(
        {
          metadata: obj({ labels: templateLabels(true), annotations }),
          spec: obj(
            {
              requirements: requirementSpec(v, true),
              taints: arr(taintSpec),
              startupTaints: arr(taintSpec),
              kubelet,
              resources: obj({
                requests: resourceList('Extra resources requested on every node.'),
              }),
              nodeClassRef: obj(
                {
                  apiVersion: str(),
                  kind: str({ examples: ['EC2NodeClass'] }),
                  name: str({ completion: 'nodeClasses' }),
                },
                { required: ['name'] },
              ),
            },
            { required: ['nodeClassRef', 'requirements'] },
          ),
        },
        { required: ['spec'] },
      ),
      disruption: obj(
        {
          consolidationPolicy: str({
            enum: ['WhenEmpty', 'WhenUnderutilized'],
            default: 'WhenUnderutilized',
          }),
          consolidateAfter: str({ pattern: DURATION_OR_NEVER, patternHint: DURATION_HINT }),
          expireAfter: str({
            pattern: DURATION_OR_NEVER,
            patternHint: DURATION_HINT,
            default: '720h',
          }),
          budgets: budgets(false),
        },
        {
          description:
            "When and how fast Karpenter may disrupt this pool's nodes (v1beta1: expireAfter lives here too).",
          rules: [
            cel<{ consolidationPolicy?: string; consolidateAfter?: string }>(
              'consolidateAfter cannot be combined with consolidationPolicy=WhenUnderutilized',
              (d) =>
                d.consolidateAfter === undefined ||
                (d.consolidationPolicy ?? 'WhenUnderutilized') !== 'WhenUnderutilized' ||
                d.consolidateAfter === 'Never',
            ),
            cel<{ consolidationPolicy?: string; consolidateAfter?: string }>(
              'consolidateAfter must be specified with consolidationPolicy=WhenEmpty',
              (d) => d.consolidationPolicy !== 'WhenEmpty' || d.consolidateAfter !== undefined,
            ),
          ],
        },
      ),
      limits,
      weight: int({ minimum: 1, maximum: 100 }),
    },
    { required: ['template'] },
  );
  return obj(
    { metadata: metadata(false), spec, status: any() },
    { required: ['metadata', 'spec'] },
  );
}
