// A workspace with one name in every place where user text becomes a key: the prototype-safety
// test feeds it Object.prototype member names (prototype.test.ts), the fuzzer any names.
import { stringify } from 'yaml';

/** Own or inherited members of every plain object (and two that are not functions). */
export const PROTOTYPE_NAMES = [
  'constructor',
  'valueOf',
  'toString',
  'toLocaleString',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  '__proto__',
  '__defineGetter__',
  '__lookupGetter__',
];

/** `name` in every keyed slot; `dns` where Kubernetes needs a DNS-1123 name. */
export function prototypeWorkspace(name: string): string {
  const dns = name.toLowerCase().replace(/[^a-z0-9-]/g, '') || 'x';
  // A label key or value starts and ends alphanumeric.
  const key = `${/^[A-Za-z0-9]/.test(name) ? '' : 'x'}${name}${/[A-Za-z0-9]$/.test(name) ? '' : 'x'}`;
  const docs = [
    {
      apiVersion: 'lab.karpenter.playground/v1alpha1',
      kind: 'Scenario',
      metadata: { name: dns },
      spec: {
        until: '5m',
        zones: [name, 'zone-b'],
        // The pods' image is `name`, not listed here: a lookup must not find Object.prototype's.
        images: { pause: ['amd64'] },
        karpenter: { featureGates: { [name]: true }, timings: { [name]: '1s' } },
        instanceTypes: [
          {
            name,
            cpu: '4',
            memory: '16Gi',
            pods: 20,
            labels: { [`example.com/${key}`]: key },
            resources: { [`example.com/${key}`]: 2 },
            offerings: [
              { zone: name, capacityType: 'on-demand', price: 0.2 },
              { zone: 'zone-b', capacityType: 'spot', price: 0.1 },
            ],
          },
        ],
        actions: [
          { at: '2m', run: `kubectl scale deployment ${dns} -n ${dns} --replicas=1` },
          { at: '3m', run: `kubectl label node ${dns}-static ${key}=${key}` },
          { at: '3m', run: `kubectl cordon ${dns}` },
        ],
      },
    },
    {
      apiVersion: 'karpenter.sh/v1',
      kind: 'NodePool',
      metadata: { name: dns, annotations: { [key]: name } },
      spec: {
        disruption: { consolidateAfter: '0s' },
        limits: { cpu: '100', [`example.com/${key}`]: '10' },
        template: {
          metadata: { labels: { [`example.com/${key}`]: key } },
          spec: {
            nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: dns },
            requirements: [
              { key: `example.com/${key}`, operator: 'In', values: [key] },
              { key: 'topology.kubernetes.io/zone', operator: 'Exists' },
            ],
            taints: [{ key: `example.com/${key}`, value: key, effect: 'NoSchedule' }],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: `${dns}-static`, labels: { [key]: key, 'kubernetes.io/arch': 'amd64' } },
      status: {
        capacity: { cpu: '2', memory: '4Gi', pods: '10' },
        allocatable: { cpu: '2', memory: '4Gi', pods: '10' },
      },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: dns, namespace: dns, labels: { [key]: key } },
      spec: {
        replicas: 3,
        selector: { matchLabels: { [key]: key } },
        template: {
          metadata: { labels: { [key]: key }, annotations: { [key]: name } },
          spec: {
            nodeSelector: { [`example.com/${key}`]: key },
            tolerations: [{ key: `example.com/${key}`, operator: 'Exists' }],
            topologySpreadConstraints: [
              {
                maxSkew: 1,
                topologyKey: 'topology.kubernetes.io/zone',
                whenUnsatisfiable: 'ScheduleAnyway',
                labelSelector: { matchLabels: { [key]: key } },
              },
            ],
            containers: [
              {
                name: dns,
                image: name,
                resources: { requests: { cpu: '1', [`example.com/${key}`]: '1' } },
              },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: dns, namespace: dns },
      spec: { maxUnavailable: 1, selector: { matchLabels: { [key]: key } } },
    },
  ];
  return docs.map((d) => stringify(d)).join('---\n');
}
