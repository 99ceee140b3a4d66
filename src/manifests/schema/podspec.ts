// The pod vocabulary shared by every workload kind: containers and resources, node and pod
// affinity, tolerations, topology spread — with the API server's validation messages.

import type { NodeSelectorRequirement, ResourceRequirements, Toleration } from '../../sim/k8s.ts';
import type { Rule, Spec, Violation } from './dsl.ts';
import { arr, cel, int, intOrString, map, named, obj, str } from './dsl.ts';
import {
  exactQuantities,
  labelMap,
  MSG,
  QUANTITY,
  qualifiedNameErrors,
  quantityMilli,
  resourceList,
  taintEffect,
} from './common.ts';
import { podVolume } from './claims.ts';

const NODE_OPS = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'] as const;
const SELECTOR_OPS = ['In', 'NotIn', 'Exists', 'DoesNotExist'] as const;

/** Values must fit the operator (label selectors and node selectors alike). */
function setValues(r: { operator: string; values?: string[] }): Violation[] {
  const n = r.values?.length ?? 0;
  if ((r.operator === 'In' || r.operator === 'NotIn') && n === 0)
    return [
      {
        path: ['values'],
        message: "Required value: must be specified when `operator` is 'In' or 'NotIn'",
      },
    ];
  if ((r.operator === 'Exists' || r.operator === 'DoesNotExist') && n > 0)
    return [
      {
        path: ['values'],
        message: "Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
      },
    ];
  return [];
}

const selectorValues: Rule = setValues as Rule;

/** core/v1 ValidateNodeSelectorRequirement: the set operators as above, plus one integer for Gt/Lt. */
const nodeSelectorValues: Rule = ((r: NodeSelectorRequirement) => {
  const n = r.values?.length ?? 0;
  if (
    (r.operator === 'Gt' || r.operator === 'Lt') &&
    (n !== 1 || !/^-?\d+$/.test(r.values?.[0] ?? ''))
  )
    return [
      {
        path: ['values'],
        message: "Required value: must be specified single value when `operator` is 'Lt' or 'Gt'",
      },
    ];
  return setValues(r);
}) as Rule;

export const nodeSelectorRequirement = (ops: readonly string[] = NODE_OPS): Spec =>
  obj(
    {
      key: str({ description: 'A node label key.', completion: 'labelKeys' }),
      operator: str({ enum: ops, description: 'How the label relates to `values`.' }),
      values: arr(str()),
    },
    { required: ['key', 'operator'], rules: [nodeSelectorValues] },
  );

export const labelSelector = named(
  'LabelSelector',
  obj(
    {
      matchLabels: labelMap('Pods whose labels include all of these key/value pairs.'),
      matchExpressions: arr(
        obj(
          {
            key: str({ completion: 'labelKeys' }),
            operator: str({ enum: SELECTOR_OPS }),
            values: arr(str()),
          },
          { required: ['key', 'operator'], rules: [selectorValues] },
        ),
      ),
    },
    { description: 'Selects pods by label.' },
  ),
);

const nodeSelectorTerm = obj({
  matchExpressions: arr(nodeSelectorRequirement()),
  matchFields: arr(nodeSelectorRequirement()),
});

const podAffinityTerm = obj(
  {
    labelSelector,
    namespaces: arr(str()),
    namespaceSelector: labelSelector,
    topologyKey: str({
      description: 'The node label that defines a domain (zone, hostname, …).',
      completion: 'labelKeys',
      minLength: 1,
    }),
    matchLabelKeys: arr(str()),
    mismatchLabelKeys: arr(str()),
  },
  { required: ['topologyKey'] },
);
const weight = int({ minimum: 1, maximum: 100, description: 'Preference weight, 1–100.' });
const podAffinity = obj({
  requiredDuringSchedulingIgnoredDuringExecution: arr(podAffinityTerm),
  preferredDuringSchedulingIgnoredDuringExecution: arr(
    obj({ weight, podAffinityTerm }, { required: ['weight', 'podAffinityTerm'] }),
  ),
});

const affinity = named(
  'Affinity',
  obj({
    nodeAffinity: obj({
      requiredDuringSchedulingIgnoredDuringExecution: obj(
        { nodeSelectorTerms: arr(nodeSelectorTerm, { minItems: 1 }) },
        { required: ['nodeSelectorTerms'] },
      ),
      preferredDuringSchedulingIgnoredDuringExecution: arr(
        obj({ weight, preference: nodeSelectorTerm }, { required: ['weight', 'preference'] }),
      ),
    }),
    podAffinity,
    podAntiAffinity: podAffinity,
  }),
);

/** core/v1 ValidateTolerations. */
const tolerationRules: Rule = ((t: Toleration) => {
  const out: Violation[] = [];
  if (!t.key && t.operator !== 'Exists')
    out.push({
      path: ['operator'],
      message: `Invalid value: ${JSON.stringify(t.operator ?? '')}: operator must be Exists when \`key\` is empty, which means "match all values and all keys"`,
    });
  if (t.operator === 'Exists' && t.value)
    out.push({
      path: ['operator'],
      message: 'Invalid value: "Exists": value must be empty when `operator` is \'Exists\'',
    });
  if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute')
    out.push({
      path: ['effect'],
      message: `Invalid value: ${JSON.stringify(t.effect ?? '')}: effect must be 'NoExecute' when \`tolerationSeconds\` is set`,
    });
  return out;
}) as Rule;

export const toleration = named(
  'Toleration',
  obj(
    {
      key: str({ completion: 'labelKeys' }),
      operator: str({
        enum: ['Exists', 'Equal'],
        description: 'Equal (default) matches key and value; Exists matches any value.',
      }),
      value: str(),
      effect: taintEffect,
      tolerationSeconds: int({
        format: 'int64',
        description: 'NoExecute only: how long the pod stays after the taint appears.',
      }),
    },
    { rules: [tolerationRules] },
  ),
);

/**
 * core/v1 validateContainerResourceName: a qualified name, and without a domain one of the standard
 * container resources (so a bare "constructor" or "toString" never names a resource).
 */
const containerResourceNames: Rule = ((list: Record<string, unknown>) =>
  Object.keys(list).flatMap((name) => {
    const errs = qualifiedNameErrors(name);
    if (errs.length > 0)
      return errs.map((e) => ({
        path: [name],
        message: `Invalid value: ${JSON.stringify(name)}: ${e}`,
      }));
    const standard =
      ['cpu', 'memory', 'ephemeral-storage'].includes(name) || name.startsWith('hugepages-');
    return name.includes('/') || standard
      ? []
      : [
          {
            path: [name],
            message: `Invalid value: ${JSON.stringify(name)}: must be a standard resource for containers`,
          },
        ];
  })) as Rule;

/** core/v1: requests must not exceed limits, resource by resource. */
const requestsWithinLimits: Rule = ((r: ResourceRequirements) => {
  const out: Violation[] = [];
  for (const [name, limit] of Object.entries(r.limits ?? {})) {
    const req = r.requests?.[name];
    if (req === undefined) continue;
    const a = quantityMilli(req);
    const b = quantityMilli(limit);
    if (a !== undefined && b !== undefined && a > b)
      out.push({
        path: ['requests', name],
        message: `Invalid value: ${JSON.stringify(String(req))}: must be less than or equal to ${name} limit of ${String(limit)}`,
      });
  }
  return out;
}) as Rule;

const nonNegativeQuantity: Spec = intOrString({
  pattern: QUANTITY,
  patternMessage: MSG.quantity,
  rules: [
    ((q: string | number) =>
      (quantityMilli(q) ?? 0n) < 0n
        ? [
            {
              path: [],
              message: `Invalid value: ${JSON.stringify(String(q))}: must be greater than or equal to 0`,
            },
          ]
        : []) as Rule,
  ],
});
const resources = obj(
  {
    requests: map(nonNegativeQuantity, {
      description: 'What the scheduler reserves for the container (cpu: 500m, memory: 1Gi).',
      rules: [containerResourceNames, exactQuantities],
    }),
    limits: map(nonNegativeQuantity, {
      description: 'The most the container may use. Requests default to limits when unset.',
      rules: [containerResourceNames, exactQuantities],
    }),
  },
  { rules: [requestsWithinLimits], ignored: ['claims'] },
);

const containerName = str({
  rules: [
    cel<string>(
      `Invalid value: ${MSG.label}`,
      (s) => /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(s) && s.length <= 63,
    ),
  ],
});
const container = named(
  'Container',
  obj(
    {
      name: containerName,
      image: str(),
      command: arr(str()),
      args: arr(str()),
      resources,
      ports: arr(
        obj(
          {
            containerPort: int({ minimum: 1, maximum: 65535 }),
            hostPort: int({ minimum: 1, maximum: 65535 }),
            protocol: str({ enum: ['TCP', 'UDP', 'SCTP'] }),
            hostIP: str(),
            name: str(),
          },
          { required: ['containerPort'] },
        ),
      ),
      restartPolicy: str({
        enum: ['Always'],
        description: 'Always on an init container makes it a native sidecar.',
      }),
    },
    {
      required: ['name'],
      ignored: [
        'env',
        'envFrom',
        'volumeMounts',
        'volumeDevices',
        'livenessProbe',
        'readinessProbe',
        'startupProbe',
        'lifecycle',
        'securityContext',
        'imagePullPolicy',
        'terminationMessagePath',
        'terminationMessagePolicy',
        'workingDir',
        'stdin',
        'stdinOnce',
        'tty',
        'resizePolicy',
      ],
    },
  ),
);

export const topologySpreadConstraint = obj(
  {
    maxSkew: int({ minimum: 1, description: 'How uneven the spread may be (≥ 1).' }),
    topologyKey: str({
      completion: 'labelKeys',
      description: 'e.g. topology.kubernetes.io/zone or kubernetes.io/hostname.',
    }),
    whenUnsatisfiable: str({ enum: ['DoNotSchedule', 'ScheduleAnyway'] }),
    labelSelector,
    minDomains: int({ minimum: 1 }),
    matchLabelKeys: arr(str()),
    nodeAffinityPolicy: str({ enum: ['Honor', 'Ignore'] }),
    nodeTaintsPolicy: str({ enum: ['Honor', 'Ignore'] }),
  },
  {
    required: ['maxSkew', 'topologyKey', 'whenUnsatisfiable'],
    rules: [
      cel<{ minDomains?: number; whenUnsatisfiable?: string }>(
        'Invalid value: minDomains: can only use minDomains if whenUnsatisfiable=DoNotSchedule',
        (t) => t.minDomains === undefined || t.whenUnsatisfiable === 'DoNotSchedule',
      ),
    ],
  },
);

export const podSpec = named(
  'PodSpec',
  obj(
    {
      containers: arr(container, { minItems: 1, description: 'At least one container.' }),
      initContainers: arr(container),
      nodeSelector: labelMap(
        'Node labels the pod requires (e.g. karpenter.sh/capacity-type: spot).',
      ),
      nodeName: str(),
      affinity,
      tolerations: arr(toleration),
      topologySpreadConstraints: arr(topologySpreadConstraint),
      priorityClassName: str(),
      priority: int(),
      runtimeClassName: str(),
      overhead: resourceList('RuntimeClass overhead (already resolved).'),
      resources,
      terminationGracePeriodSeconds: int({ minimum: 0, format: 'int64' }),
      schedulerName: str(),
      volumes: arr(podVolume, {
        description:
          'Volumes; persistentVolumeClaim and ephemeral ones tie the pod to a claim (and its zone).',
      }),
    },
    {
      required: ['containers'],
      ignored: [
        'restartPolicy',
        'dnsPolicy',
        'dnsConfig',
        'serviceAccountName',
        'serviceAccount',
        'automountServiceAccountToken',
        'securityContext',
        'hostNetwork',
        'hostPID',
        'hostIPC',
        'imagePullSecrets',
        'enableServiceLinks',
        'preemptionPolicy',
        'hostname',
        'subdomain',
        'readinessGates',
        'shareProcessNamespace',
        'activeDeadlineSeconds',
        'ephemeralContainers',
        'os',
        'setHostnameAsFQDN',
        'schedulingGates',
        'resourceClaims',
        'hostAliases',
        'hostUsers',
      ],
    },
  ),
);
