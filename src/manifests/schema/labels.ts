// Karpenter's label vocabulary as the API validation sees it (reference §5.3, §5.6).
// TODO(swap): take WELL_KNOWN_LABELS from src/sim/labels.ts once it exists; the restricted-domain
// rules below are the CRDs' CEL rules and stay here (they are validation, not engine semantics).

export const CORE_WELL_KNOWN = [
  'karpenter.sh/nodepool',
  'topology.kubernetes.io/zone',
  'topology.kubernetes.io/region',
  'node.kubernetes.io/instance-type',
  'kubernetes.io/arch',
  'kubernetes.io/os',
  'karpenter.sh/capacity-type',
  'node.kubernetes.io/windows-build',
] as const;

/** Requirement keys the AWS CRD lets through its `karpenter.k8s.aws` domain rule. */
export const AWS_ALLOWED = [
  'karpenter.k8s.aws/instance-tenancy',
  'karpenter.k8s.aws/capacity-reservation-type',
  'karpenter.k8s.aws/capacity-reservation-id',
  'karpenter.k8s.aws/capacity-reservation-interruptible',
  'karpenter.k8s.aws/ec2nodeclass',
  'karpenter.k8s.aws/instance-encryption-in-transit-supported',
  'karpenter.k8s.aws/nitro-sandbox',
  'karpenter.k8s.aws/instance-category',
  'karpenter.k8s.aws/instance-hypervisor',
  'karpenter.k8s.aws/instance-family',
  'karpenter.k8s.aws/instance-generation',
  'karpenter.k8s.aws/instance-local-nvme',
  'karpenter.k8s.aws/instance-size',
  'karpenter.k8s.aws/instance-cpu',
  'karpenter.k8s.aws/instance-cpu-manufacturer',
  'karpenter.k8s.aws/instance-cpu-sustained-clock-speed-mhz',
  'karpenter.k8s.aws/instance-memory',
  'karpenter.k8s.aws/instance-ebs-bandwidth',
  'karpenter.k8s.aws/instance-network-bandwidth',
  'karpenter.k8s.aws/instance-gpu-name',
  'karpenter.k8s.aws/instance-gpu-manufacturer',
  'karpenter.k8s.aws/instance-gpu-count',
  'karpenter.k8s.aws/instance-gpu-memory',
  'karpenter.k8s.aws/instance-accelerator-name',
  'karpenter.k8s.aws/instance-accelerator-manufacturer',
  'karpenter.k8s.aws/instance-accelerator-count',
  'karpenter.k8s.aws/instance-capability-flex',
  'karpenter.k8s.aws/placement-group-id',
  'karpenter.k8s.aws/placement-group-partition',
] as const;

/** Keys offered by completion for requirements and selectors. */
export const SCHEDULING_LABEL_KEYS: readonly string[] = [
  ...CORE_WELL_KNOWN,
  'kubernetes.io/hostname',
  'topology.k8s.aws/zone-id',
  ...AWS_ALLOWED.filter((k) => k !== 'karpenter.k8s.aws/ec2nodeclass'),
];

/** CEL `x.find("^([^/]+)")`: the prefix, or the whole key when it has no slash. */
export const labelDomain = (key: string): string => /^([^/]+)/.exec(key)?.[1] ?? '';

/** The v1 CRD rules (core + AWS copy), in CRD order; [] when the key is allowed. */
export function restrictedKeyMessages(key: string, opts: { v1beta1?: boolean } = {}): string[] {
  const d = labelDomain(key);
  const out: string[] = [];
  if (opts.v1beta1) {
    // v1beta1 CRDs also carried the kubernetes.io / k8s.io domain rules.
    const k8sAllowed = [
      'beta.kubernetes.io/instance-type',
      'failure-domain.beta.kubernetes.io/region',
      'beta.kubernetes.io/os',
      'beta.kubernetes.io/arch',
      'failure-domain.beta.kubernetes.io/zone',
      'topology.kubernetes.io/zone',
      'topology.kubernetes.io/region',
      'node.kubernetes.io/instance-type',
      'kubernetes.io/arch',
      'kubernetes.io/os',
      'node.kubernetes.io/windows-build',
    ];
    if (!(
      k8sAllowed.includes(key) ||
      d.endsWith('node.kubernetes.io') ||
      d.endsWith('node-restriction.kubernetes.io') ||
      !d.endsWith('kubernetes.io')
    ))
      out.push('label domain "kubernetes.io" is restricted');
    if (!(d.endsWith('kops.k8s.io') || !d.endsWith('k8s.io')))
      out.push('label domain "k8s.io" is restricted');
  }
  if (!(
    ['karpenter.sh/capacity-type', 'karpenter.sh/nodepool'].includes(key) ||
    !d.endsWith('karpenter.sh')
  ))
    out.push('label domain "karpenter.sh" is restricted');
  if (key === 'karpenter.sh/nodepool') out.push('label "karpenter.sh/nodepool" is restricted');
  if (key === 'kubernetes.io/hostname') out.push('label "kubernetes.io/hostname" is restricted');
  if (!((AWS_ALLOWED as readonly string[]).includes(key) || !d.endsWith('karpenter.k8s.aws')))
    out.push('label domain "karpenter.k8s.aws" is restricted');
  return out;
}

/** v1alpha5 (v0.31) webhook: IsRestrictedLabel. Well-known labels pass; restricted domains fail. */
const V1ALPHA5_WELL_KNOWN = [
  'topology.kubernetes.io/zone',
  'node.kubernetes.io/instance-type',
  'kubernetes.io/os',
  'kubernetes.io/arch',
  'karpenter.sh/capacity-type',
  'karpenter.sh/provisioner-name',
  'topology.kubernetes.io/region',
  'node.kubernetes.io/windows-build',
  'karpenter.k8s.aws/instance-hypervisor',
  'karpenter.k8s.aws/instance-encryption-in-transit-supported',
  'karpenter.k8s.aws/instance-category',
  'karpenter.k8s.aws/instance-family',
  'karpenter.k8s.aws/instance-generation',
  'karpenter.k8s.aws/instance-local-nvme',
  'karpenter.k8s.aws/instance-size',
  'karpenter.k8s.aws/instance-cpu',
  'karpenter.k8s.aws/instance-memory',
  'karpenter.k8s.aws/instance-network-bandwidth',
  'karpenter.k8s.aws/instance-pods',
  'karpenter.k8s.aws/instance-gpu-name',
  'karpenter.k8s.aws/instance-gpu-manufacturer',
  'karpenter.k8s.aws/instance-gpu-count',
  'karpenter.k8s.aws/instance-gpu-memory',
  'karpenter.k8s.aws/instance-accelerator-name',
  'karpenter.k8s.aws/instance-accelerator-manufacturer',
  'karpenter.k8s.aws/instance-accelerator-count',
].sort();

export function v1alpha5RestrictedLabel(key: string): string | undefined {
  if (V1ALPHA5_WELL_KNOWN.includes(key)) return undefined;
  const d = labelDomain(key.includes('/') ? key : '');
  const exception = [
    'kops.k8s.io',
    'node.kubernetes.io',
    'node-restriction.kubernetes.io',
  ].includes(d);
  const restricted =
    !exception &&
    (['kubernetes.io', 'k8s.io', 'karpenter.sh', 'karpenter.k8s.aws'].some((r) => d.endsWith(r)) ||
      key === 'kubernetes.io/hostname');
  if (!restricted) return undefined;
  return `label ${key} is restricted; specify a well known label: [${V1ALPHA5_WELL_KNOWN.join(' ')}], or a custom label that does not use a restricted domain: [k8s.io karpenter.k8s.aws karpenter.sh kubernetes.io]`;
}
