// Kubernetes built-in kinds the lab reads (Pod, workloads, PDB, Node) and the API server's
// workload checks: the selector must be non-empty and match the template labels, replicas ≥ 0.
// Fields the lab ignores are accepted silently.

import type { LabelSelector } from '../../sim/k8s.ts';
import type { Rule, Spec } from './dsl.ts';
import { any, arr, bool, cel, int, intOrString, obj, str } from './dsl.ts';
import { labelMap, metadata, resourceList, taintEffect } from './common.ts';
import { labelSelector, podSpec, toleration } from './podspec.ts';
import { retentionPolicy, volumeClaimTemplate } from './claims.ts';

const podTemplate = obj(
  { metadata: metadata(true, { template: true }), spec: podSpec },
  { required: ['spec'] },
);

/** apps/v1 ValidateDeploymentSpec & friends: the selector must be non-empty and match the template. */
export function selectorMatches(
  sel: LabelSelector,
  labels: Readonly<Record<string, string>>,
): boolean {
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of sel.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, e.key);
    const val = labels[e.key];
    if (e.operator === 'In' && !(has && e.values?.includes(val ?? ''))) return false;
    if (e.operator === 'NotIn' && has && e.values?.includes(val ?? '')) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

const goMap = (m: Readonly<Record<string, string>>): string =>
  `map[string]string{${Object.entries(m)
    .map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`)
    .join(', ')}}`;

const selectorRule = (what: string): Rule =>
  ((spec: {
    selector?: LabelSelector;
    template?: { metadata?: { labels?: Record<string, string> } };
  }) => {
    const sel = spec.selector;
    if (!sel) return [];
    if (
      Object.keys(sel.matchLabels ?? {}).length === 0 &&
      (sel.matchExpressions ?? []).length === 0
    )
      return [
        {
          path: ['selector'],
          message: `Invalid value: ${JSON.stringify(sel)}: empty selector is invalid for ${what}`,
        },
      ];
    const labels = spec.template?.metadata?.labels ?? {};
    return selectorMatches(sel, labels)
      ? []
      : [
          {
            path: ['template', 'metadata', 'labels'],
            message: `Invalid value: ${goMap(labels)}: \`selector\` does not match template \`labels\``,
          },
        ];
  }) as Rule;

const workloadSpec = (what: string, withReplicas: boolean, stateful = false): Spec =>
  obj(
    {
      ...(stateful
        ? {
            volumeClaimTemplates: arr(volumeClaimTemplate, {
              description:
                'One PersistentVolumeClaim per template per pod, named <template>-<statefulset>-<ordinal>; a re-created pod mounts the same claim.',
            }),
            persistentVolumeClaimRetentionPolicy: retentionPolicy,
          }
        : {}),
      ...(withReplicas
        ? { replicas: int({ minimum: 0, description: 'How many pods to run (≥ 0). Default 1.' }) }
        : {}),
      selector: labelSelector,
      template: podTemplate,
    },
    {
      required: ['selector', 'template'],
      rules: [selectorRule(what)],
      ignored: [
        'strategy',
        'updateStrategy',
        'minReadySeconds',
        'revisionHistoryLimit',
        'progressDeadlineSeconds',
        'paused',
        'serviceName',
        'podManagementPolicy',
        ...(stateful ? [] : ['volumeClaimTemplates', 'persistentVolumeClaimRetentionPolicy']),
        'ordinals',
      ],
    },
  );

/**
 * policy/v1 ValidatePodDisruptionBudgetSpec: an int ≥ 0 (int32), or a percentage string up to
 * 100%, with the API server's messages.
 */
const pdbCountOrPercent: Rule = ((v: number | string) => {
  const bad = (message: string) => [{ path: [], message }];
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) return bad(`Invalid value: ${v}: must be an integer or a percentage`);
    if (v < 0) return bad(`Invalid value: ${v}: must be greater than or equal to 0`);
    if (v > 2 ** 31 - 1) return bad(`Invalid value: ${v}: must fit in a 32-bit integer`);
    return [];
  }
  if (!/^[0-9]+%$/.test(v))
    return bad(
      `Invalid value: ${JSON.stringify(v)}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')`,
    );
  if (Number(v.slice(0, -1)) > 100)
    return bad(`Invalid value: ${JSON.stringify(v)}: must not be greater than 100%`);
  return [];
}) as Rule;

export const coreKinds = {
  Pod: obj(
    { metadata: metadata(true), spec: podSpec, status: any() },
    { required: ['metadata', 'spec'] },
  ),
  Deployment: obj(
    { metadata: metadata(true), spec: workloadSpec('deployment', true), status: any() },
    { required: ['metadata', 'spec'] },
  ),
  ReplicaSet: obj(
    { metadata: metadata(true), spec: workloadSpec('replicaset', true), status: any() },
    { required: ['metadata', 'spec'] },
  ),
  StatefulSet: obj(
    { metadata: metadata(true), spec: workloadSpec('statefulset', true, true), status: any() },
    { required: ['metadata', 'spec'] },
  ),
  DaemonSet: obj(
    { metadata: metadata(true), spec: workloadSpec('daemonset', false), status: any() },
    { required: ['metadata', 'spec'] },
  ),
  PodDisruptionBudget: obj(
    {
      metadata: metadata(true),
      spec: obj(
        {
          minAvailable: intOrString({
            rules: [pdbCountOrPercent],
            description:
              'Pods that must stay available during voluntary disruption: a count like 2 or a percentage like "50%".',
          }),
          maxUnavailable: intOrString({
            rules: [pdbCountOrPercent],
            description:
              'Pods that may be unavailable during voluntary disruption: a count like 1 or a percentage like "25%".',
          }),
          selector: labelSelector,
          unhealthyPodEvictionPolicy: str({ enum: ['IfHealthyBudget', 'AlwaysAllow'] }),
        },
        {
          rules: [
            cel<{ minAvailable?: unknown; maxUnavailable?: unknown }>(
              'Invalid value: minAvailable and maxUnavailable cannot be both set',
              (s) => s.minAvailable === undefined || s.maxUnavailable === undefined,
            ),
          ],
        },
      ),
      status: any(),
    },
    { required: ['metadata', 'spec'] },
  ),
  // node.k8s.io/v1: no spec, its fields sit at the top level like the API's.
  RuntimeClass: obj(
    {
      metadata: metadata(false),
      handler: str({
        pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
        patternHint: 'a DNS label such as runc or gvisor',
        description: 'The CRI handler that runs pods of this class.',
      }),
      overhead: obj(
        {
          podFixed: resourceList(
            'Added to the requests of every pod of this class (by the RuntimeClass admission controller), for Karpenter and kube-scheduler alike.',
          ),
        },
        { description: 'Resources the runtime itself uses per pod.' },
      ),
      scheduling: obj(
        {
          nodeSelector: labelMap(
            "Merged into the pod's nodeSelector at admission; a conflict rejects the pod.",
          ),
          tolerations: arr(toleration),
        },
        { description: 'Constrains pods of this class to nodes that support it.' },
      ),
    },
    { required: ['metadata', 'handler'] },
  ),
  Node: obj(
    {
      metadata: metadata(false),
      spec: obj(
        {
          taints: arr(
            obj(
              { key: str({ minLength: 1 }), value: str(), effect: taintEffect, timeAdded: str() },
              { required: ['key', 'effect'] },
            ),
          ),
          unschedulable: bool(),
          providerID: str(),
        },
        { ignored: ['podCIDR', 'podCIDRs'] },
      ),
      // Node status is cluster state the lab uses (capacity/allocatable), so it is kept.
      status: obj(
        {
          capacity: resourceList('What the machine has.'),
          allocatable: resourceList('What pods can request.'),
        },
        {
          preserveUnknown: false,
          ignored: [
            'conditions',
            'addresses',
            'daemonEndpoints',
            'nodeInfo',
            'images',
            'volumesAttached',
            'volumesInUse',
            'phase',
            'runtimeHandlers',
            'features',
            'config',
          ],
        },
      ),
    },
    { required: ['metadata'] },
  ),
} satisfies Record<string, Spec>;
