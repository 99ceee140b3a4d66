// Conversion to the v1 APIs, following the migration map (reference §5.7):
//   v1alpha5 Provisioner (+ v1alpha1 AWSNodeTemplate) → v1 NodePool (+ EC2NodeClass)
//   v1beta1 NodePool / EC2NodeClass                    → v1 NodePool / EC2NodeClass
// Behaviour is kept, not just shape: defaults the v1alpha5 AWS webhook applied become explicit
// requirements (only for keys the Provisioner did not set), and old implicit behaviours (no
// expiry, no consolidation) become explicit v1 settings. Every judgement call is a note.

import { stringify } from 'yaml';
import type {
  AWSNodeTemplate,
  EC2NodeClass,
  KubeletConfiguration,
  NodePool,
  NodeSelectorRequirementWithMinValues,
  Provisioner,
} from '../sim/k8s.ts';

export interface Conversion<T> {
  readonly result: T;
  readonly notes: readonly string[];
}

const BETA_KEYS: Record<string, string> = {
  'failure-domain.beta.kubernetes.io/zone': 'topology.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/region': 'topology.kubernetes.io/region',
  'beta.kubernetes.io/arch': 'kubernetes.io/arch',
  'beta.kubernetes.io/os': 'kubernetes.io/os',
  'beta.kubernetes.io/instance-type': 'node.kubernetes.io/instance-type',
};
const normalize = (k: string): string => BETA_KEYS[k] ?? k;

/** The AWS v1alpha5 webhook's SetDefaults (v0.31): requirements it added for unset keys. */
export function v1alpha5DefaultRequirements(
  set: readonly NodeSelectorRequirementWithMinValues[],
): NodeSelectorRequirementWithMinValues[] {
  const has = new Set(set.map((r) => normalize(r.key)));
  const out: NodeSelectorRequirementWithMinValues[] = [];
  if (!has.has('kubernetes.io/os'))
    out.push({ key: 'kubernetes.io/os', operator: 'In', values: ['linux'] });
  if (!has.has('kubernetes.io/arch'))
    out.push({ key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] });
  if (!has.has('karpenter.sh/capacity-type'))
    out.push({ key: 'karpenter.sh/capacity-type', operator: 'In', values: ['on-demand'] });
  const typeKeys = [
    'node.kubernetes.io/instance-type',
    'karpenter.k8s.aws/instance-family',
    'karpenter.k8s.aws/instance-category',
    'karpenter.k8s.aws/instance-generation',
  ];
  if (!typeKeys.some((k) => has.has(k)))
    out.push(
      { key: 'karpenter.k8s.aws/instance-category', operator: 'In', values: ['c', 'm', 'r'] },
      { key: 'karpenter.k8s.aws/instance-generation', operator: 'Gt', values: ['2'] },
    );
  return out;
}

const meta = (m: {
  name?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}) => ({
  ...(m.name !== undefined ? { name: m.name } : {}),
  ...(m.labels ? { labels: m.labels } : {}),
  ...(m.annotations ? { annotations: m.annotations } : {}),
});

export function convertProvisioner(p: Provisioner): Conversion<NodePool> {
  const notes: string[] = [];
  const s = p.spec;
  const own = (s.requirements ?? []).map((r) => ({ ...r, key: normalize(r.key) }));
  const defaults = v1alpha5DefaultRequirements(own);
  if (defaults.length > 0)
    notes.push(
      `added the requirements the v1alpha5 webhook defaulted (${defaults.map((r) => r.key).join(', ')}); v1 has no such defaults`,
    );
  const name = s.providerRef?.name ?? p.metadata.name ?? 'default';
  if (s.provider !== undefined)
    notes.push(
      'spec.provider (inline AWS settings) became an EC2NodeClass reference named after the Provisioner; create that EC2NodeClass',
    );
  if (s.kubeletConfiguration)
    notes.push(`spec.kubeletConfiguration moved to EC2NodeClass "${name}" spec.kubelet in v1`);
  let disruption: NonNullable<NodePool['spec']['disruption']>;
  if (s.ttlSecondsAfterEmpty !== undefined)
    disruption = {
      consolidationPolicy: 'WhenEmpty',
      consolidateAfter: `${s.ttlSecondsAfterEmpty}s`,
    };
  else if (s.consolidation?.enabled)
    disruption = { consolidationPolicy: 'WhenEmptyOrUnderutilized', consolidateAfter: '0s' };
  else {
    disruption = { consolidationPolicy: 'WhenEmpty', consolidateAfter: 'Never' };
    notes.push(
      'the Provisioner had neither ttlSecondsAfterEmpty nor consolidation, so nodes were never removed for being empty or under-used: consolidateAfter: Never keeps that',
    );
  }
  const expireAfter =
    s.ttlSecondsUntilExpired !== undefined ? `${s.ttlSecondsUntilExpired}s` : 'Never';
  if (s.ttlSecondsUntilExpired === undefined)
    notes.push(
      'v1alpha5 nodes did not expire by default; v1 defaults to 720h, so expireAfter: Never keeps the old behaviour',
    );
  const templateMeta = {
    ...(s.labels ? { labels: s.labels } : {}),
    ...(s.annotations ? { annotations: s.annotations } : {}),
  };
  const nodePool: NodePool = {
    apiVersion: 'karpenter.sh/v1',
    kind: 'NodePool',
    metadata: meta(p.metadata),
    spec: {
      template: {
        ...(Object.keys(templateMeta).length > 0 ? { metadata: templateMeta } : {}),
        spec: {
          requirements: [...own, ...defaults],
          ...(s.taints ? { taints: s.taints } : {}),
          ...(s.startupTaints ? { startupTaints: s.startupTaints } : {}),
          nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name },
          expireAfter,
        },
      },
      disruption,
      ...(s.limits?.resources ? { limits: s.limits.resources } : {}),
      ...(s.weight !== undefined ? { weight: s.weight } : {}),
    },
  };
  return { result: nodePool, notes };
}

/** v1alpha1 selector maps: `aws-ids` lists IDs, `aws::name`/`aws::owners` select AMIs, the rest are tags. */
function selectorTerms(
  sel: Record<string, string> | undefined,
  ami = false,
): Record<string, unknown>[] {
  if (!sel) return [];
  const ids = (sel['aws-ids'] ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  if (ids.length > 0) return ids.map((id) => ({ id }));
  const tags: Record<string, string> = {};
  const term: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(sel)) {
    if (ami && k === 'aws::name') term.name = v;
    else if (ami && k === 'aws::owners') term.owner = v;
    else tags[k] = v;
  }
  return [{ ...term, ...(Object.keys(tags).length > 0 ? { tags } : {}) }];
}

const ALIAS_FAMILIES: Record<string, string> = {
  AL2: 'al2',
  AL2023: 'al2023',
  Bottlerocket: 'bottlerocket',
  Windows2019: 'windows2019',
  Windows2022: 'windows2022',
};

function amiTerms(
  family: string | undefined,
  terms: Record<string, unknown>[],
  notes: string[],
): Pick<EC2NodeClass['spec'], 'amiFamily' | 'amiSelectorTerms'> {
  if (terms.length > 0) return { amiFamily: family ?? 'AL2', amiSelectorTerms: terms };
  const alias = ALIAS_FAMILIES[family ?? 'AL2'];
  if (alias) return { amiSelectorTerms: [{ alias: `${alias}@latest` }] };
  notes.push(`amiFamily ${family ?? ''} has no v1 alias; pick AMIs with amiSelectorTerms`);
  return {
    amiFamily: 'Custom',
    amiSelectorTerms: [{ tags: { 'karpenter.sh/discovery': 'CLUSTER_NAME' } }],
  };
}

function roleOrProfile(
  profile: string | undefined,
  notes: string[],
): { role: string } | { instanceProfile: string } {
  if (profile) return { instanceProfile: profile };
  notes.push(
    'v1 needs a role or an instanceProfile; role: KarpenterNodeRole-CLUSTER_NAME is a placeholder',
  );
  return { role: 'KarpenterNodeRole-CLUSTER_NAME' };
}

export function convertAWSNodeTemplate(
  t: AWSNodeTemplate,
  kubelet?: KubeletConfiguration,
): Conversion<EC2NodeClass> {
  const notes: string[] = [];
  const s = t.spec;
  const extra = s as { launchTemplate?: string; detailedMonitoring?: boolean; context?: string };
  if (extra.launchTemplate) notes.push('launchTemplate is not supported in v1 and was dropped');
  const result: EC2NodeClass = {
    apiVersion: 'karpenter.k8s.aws/v1',
    kind: 'EC2NodeClass',
    metadata: meta(t.metadata),
    spec: {
      ...amiTerms(s.amiFamily, selectorTerms(s.amiSelector, true), notes),
      subnetSelectorTerms: selectorTerms(s.subnetSelector),
      securityGroupSelectorTerms: selectorTerms(s.securityGroupSelector),
      ...roleOrProfile(s.instanceProfile, notes),
      ...(kubelet ? { kubelet } : {}),
      ...(s.tags ? { tags: s.tags } : {}),
      ...(s.userData ? { userData: s.userData } : {}),
      ...(s.blockDeviceMappings ? { blockDeviceMappings: s.blockDeviceMappings } : {}),
      ...(s.metadataOptions ? { metadataOptions: s.metadataOptions } : {}),
    },
  };
  return { result, notes };
}

type NodePoolV1beta1 = NodePool & { spec: { template: { spec: { resources?: unknown } } } };

export function convertNodePoolV1beta1(np: NodePoolV1beta1): Conversion<NodePool> {
  const notes: string[] = [];
  const { kubelet, resources, nodeClassRef, ...tspec } = np.spec.template.spec;
  if (kubelet)
    notes.push(
      `template.spec.kubelet moved to EC2NodeClass "${nodeClassRef?.name ?? ''}" spec.kubelet in v1`,
    );
  if (resources !== undefined)
    notes.push('template.spec.resources does not exist in v1 and was dropped');
  const d = np.spec.disruption ?? {};
  const policy = d.consolidationPolicy === 'WhenEmpty' ? 'WhenEmpty' : 'WhenEmptyOrUnderutilized';
  if (d.consolidationPolicy !== 'WhenEmpty')
    notes.push('consolidationPolicy WhenUnderutilized is called WhenEmptyOrUnderutilized in v1');
  const group = nodeClassRef?.apiVersion?.split('/')[0] || 'karpenter.k8s.aws';
  const result: NodePool = {
    apiVersion: 'karpenter.sh/v1',
    kind: 'NodePool',
    metadata: np.metadata,
    spec: {
      template: {
        ...(np.spec.template.metadata ? { metadata: np.spec.template.metadata } : {}),
        spec: {
          ...tspec,
          nodeClassRef: {
            group,
            kind: nodeClassRef?.kind ?? 'EC2NodeClass',
            name: nodeClassRef?.name ?? '',
          },
          expireAfter: d.expireAfter ?? '720h',
        },
      },
      disruption: {
        consolidationPolicy: policy,
        consolidateAfter: d.consolidateAfter ?? '0s',
        ...(d.budgets ? { budgets: d.budgets } : {}),
      },
      ...(np.spec.limits ? { limits: np.spec.limits } : {}),
      ...(np.spec.weight !== undefined ? { weight: np.spec.weight } : {}),
    },
  };
  return { result, notes };
}

export function convertEC2NodeClassV1beta1(
  nc: EC2NodeClass,
  kubelet?: KubeletConfiguration,
): Conversion<EC2NodeClass> {
  const notes: string[] = [];
  const { amiFamily, amiSelectorTerms, role, instanceProfile, ...rest } = nc.spec;
  if (!nc.spec.metadataOptions)
    notes.push(
      'the default metadataOptions.httpPutResponseHopLimit changed from 2 (v1beta1) to 1 (v1)',
    );
  const result: EC2NodeClass = {
    apiVersion: 'karpenter.k8s.aws/v1',
    kind: 'EC2NodeClass',
    metadata: nc.metadata,
    spec: {
      ...amiTerms(amiFamily, amiSelectorTerms ?? [], notes),
      ...rest,
      ...(role !== undefined ? { role } : roleOrProfile(instanceProfile, notes)),
      ...(kubelet ? { kubelet } : {}),
    },
  };
  return { result, notes };
}

/** YAML text for side-by-side display. */
export function toYaml(objects: readonly object[]): string {
  return objects.map((o) => stringify(o, { lineWidth: 0 })).join('---\n');
}
