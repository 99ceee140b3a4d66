// AWS node classes: EC2NodeClass (karpenter.k8s.aws/v1 and v1beta1) and the v1alpha1
// AWSNodeTemplate. The lab does not launch real instances, so selector terms are checked for
// shape and the CRD's CEL rules only; `kubelet` matters because it changes allocatable.

import type { Rule, Spec } from './dsl.ts';
import { any, arr, bool, cel, int, map, obj, str } from './dsl.ts';
import { exactQuantities, metadata, quantity } from './common.ts';

const AMI_FAMILIES = [
  'AL2',
  'AL2023',
  'Bottlerocket',
  'Custom',
  'Windows2019',
  'Windows2022',
  'Windows2025',
];

const tags = map(str(), {
  description: 'Tags to match or apply.',
  rules: [
    ((m: Record<string, string>) =>
      Object.entries(m).flatMap(([k, v]) =>
        k === '' || v === ''
          ? [{ path: [k], message: "empty tag keys or values aren't supported" }]
          : [],
      )) as Rule,
  ],
});

const atLeastOne = (fields: string[]): Rule =>
  cel<Record<string, unknown>>(
    `expected at least one, got none, [${fields.map((f) => `'${f}'`).join(', ')}]`,
    (t) => fields.some((f) => t[f] !== undefined),
  );
const exclusive = (field: string, where: string): Rule =>
  cel<Record<string, unknown>>(
    `'${field}' is mutually exclusive, cannot be set with a combination of other fields in ${where}`,
    (t) => t[field] === undefined || Object.keys(t).length === 1,
  );

const subnetTerms = arr(
  obj(
    { tags, id: str({ pattern: /^subnet-[0-9a-z]+$/ }) },
    { rules: [atLeastOne(['tags', 'id']), exclusive('id', 'a subnet selector term')] },
  ),
  { maxItems: 30, description: 'Which subnets (and so which zones) nodes may use.' },
);
const sgTerms = arr(
  obj(
    { tags, id: str({ pattern: /^sg-[0-9a-z]+$/ }), name: str() },
    {
      rules: [
        atLeastOne(['tags', 'id', 'name']),
        exclusive('id', 'a security group selector term'),
        exclusive('name', 'a security group selector term'),
      ],
    },
  ),
  { maxItems: 30 },
);

const kubeletV1 = obj(
  {
    maxPods: int({
      minimum: 0,
      description: 'Pods per node cap (overrides the ENI-based default).',
    }),
    podsPerCore: int({ minimum: 0 }),
    systemReserved: map(quantity(), { rules: [exactQuantities] }),
    kubeReserved: map(quantity(), { rules: [exactQuantities] }),
    evictionHard: map(str()),
    evictionSoft: map(str()),
    evictionSoftGracePeriod: map(str()),
    evictionMaxPodGracePeriod: int(),
    imageGCHighThresholdPercent: int({ minimum: 0, maximum: 100 }),
    imageGCLowThresholdPercent: int({ minimum: 0, maximum: 100 }),
    cpuCFSQuota: bool(),
    clusterDNS: arr(str()),
  },
  {
    description: 'Kubelet settings; they change allocatable capacity.',
    rules: [
      cel<{ imageGCHighThresholdPercent?: number; imageGCLowThresholdPercent?: number }>(
        'imageGCHighThresholdPercent must be greater than imageGCLowThresholdPercent',
        (k) =>
          k.imageGCHighThresholdPercent === undefined ||
          k.imageGCLowThresholdPercent === undefined ||
          k.imageGCHighThresholdPercent > k.imageGCLowThresholdPercent,
      ),
    ],
  },
);

const metadataOptions = obj({
  httpEndpoint: str({ enum: ['enabled', 'disabled'] }),
  httpProtocolIPv6: str({ enum: ['enabled', 'disabled'] }),
  httpPutResponseHopLimit: int({ minimum: 1, maximum: 64 }),
  httpTokens: str({ enum: ['required', 'optional'] }),
});

const common = {
  subnetSelectorTerms: subnetTerms,
  securityGroupSelectorTerms: sgTerms,
  role: str({ description: 'IAM role for the instance profile Karpenter creates.' }),
  instanceProfile: str(),
  tags,
  userData: str(),
  blockDeviceMappings: arr(any()),
  instanceStorePolicy: str({ enum: ['RAID0'] }),
  detailedMonitoring: bool(),
  associatePublicIPAddress: bool(),
  metadataOptions,
  context: str(),
};

const roleXorProfile = cel<{ role?: string; instanceProfile?: string }>(
  "must specify exactly one of ['role', 'instanceProfile']",
  (s) => (s.role !== undefined) !== (s.instanceProfile !== undefined),
);

export function ec2NodeClassV1(): Spec {
  const amiTerm = obj(
    {
      alias: str({
        maxLength: 30,
        pattern: /^[a-zA-Z0-9]+@.+$/,
        patternHint: "format 'family@version', e.g. al2023@latest",
        examples: ['al2023@latest', 'bottlerocket@latest', 'al2@latest'],
        rules: [
          cel<string>(
            "family is not supported, must be one of the following: 'al2', 'al2023', 'bottlerocket', 'windows2019', 'windows2022', 'windows2025'",
            (a) =>
              [
                'al2',
                'al2023',
                'bottlerocket',
                'windows2019',
                'windows2022',
                'windows2025',
              ].includes(a.split('@')[0] ?? ''),
          ),
        ],
      }),
      tags,
      id: str({ pattern: /^ami-[0-9a-z]+$/ }),
      name: str(),
      owner: str(),
      ssmParameter: str(),
    },
    {
      rules: [
        atLeastOne(['tags', 'id', 'name', 'alias', 'ssmParameter']),
        exclusive('id', 'amiSelectorTerms'),
        exclusive('alias', 'amiSelectorTerms'),
      ],
    },
  );
  const spec = obj(
    {
      ...common,
      amiSelectorTerms: arr(amiTerm, {
        minItems: 1,
        maxItems: 30,
        description: 'Which AMIs to use; `alias: al2023@latest` is the simple choice.',
      }),
      amiFamily: str({ enum: AMI_FAMILIES, description: 'Needed only when no alias is used.' }),
      kubelet: kubeletV1,
      capacityReservationSelectorTerms: arr(any()),
      placementGroupSelector: any(),
      ipPrefixCount: int({ minimum: 0 }),
      networkInterfaces: arr(any()),
      connectionTracking: any(),
      cpuOptions: any(),
    },
    {
      required: ['amiSelectorTerms', 'securityGroupSelectorTerms', 'subnetSelectorTerms'],
      rules: [
        roleXorProfile,
        cel<{ amiSelectorTerms?: { alias?: string }[]; amiFamily?: string }>(
          'must specify amiFamily if amiSelectorTerms does not contain an alias',
          (s) =>
            s.amiFamily !== undefined ||
            (s.amiSelectorTerms ?? []).some((t) => t.alias !== undefined) ||
            s.amiSelectorTerms === undefined,
        ),
        cel<{ amiSelectorTerms?: { alias?: string }[] }>(
          "'alias' is mutually exclusive, cannot be set with a combination of other amiSelectorTerms",
          (s) =>
            !(s.amiSelectorTerms ?? []).some((t) => t.alias !== undefined) ||
            (s.amiSelectorTerms ?? []).length === 1,
        ),
      ],
    },
  );
  return obj(
    { metadata: metadata(false), spec, status: any() },
    { required: ['metadata', 'spec'] },
  );
}

export function ec2NodeClassV1beta1(): Spec {
  const spec = obj(
    {
      ...common,
      amiFamily: str({
        enum: ['AL2', 'AL2023', 'Bottlerocket', 'Ubuntu', 'Custom', 'Windows2019', 'Windows2022'],
      }),
      amiSelectorTerms: arr(obj({ tags, id: str(), name: str(), owner: str() }), { maxItems: 30 }),
    },
    {
      required: ['amiFamily', 'securityGroupSelectorTerms', 'subnetSelectorTerms'],
      rules: [roleXorProfile],
    },
  );
  return obj(
    { metadata: metadata(false), spec, status: any() },
    { required: ['metadata', 'spec'] },
  );
}

export function awsNodeTemplateV1alpha1(): Spec {
  const spec = obj({
    amiFamily: str({
      enum: ['AL2', 'Bottlerocket', 'Ubuntu', 'Custom', 'Windows2019', 'Windows2022'],
    }),
    amiSelector: map(str()),
    subnetSelector: map(str(), { description: 'Tags (or aws-ids) that select subnets.' }),
    securityGroupSelector: map(str()),
    instanceProfile: str(),
    launchTemplate: str(),
    tags: map(str()),
    userData: str(),
    blockDeviceMappings: arr(any()),
    metadataOptions,
    detailedMonitoring: bool(),
    context: str(),
  });
  return obj(
    { metadata: metadata(false), spec, status: any() },
    { required: ['metadata', 'spec'] },
  );
}
