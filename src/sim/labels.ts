// Label keys the engine reasons about (§5.6), the beta → GA key normalization (§1.6) and the
// restricted-domain rule (§5.3). Mirrors core pkg/apis/v1/labels.go plus the AWS provider's
// additions (pkg/apis/v1/labels.go in karpenter-provider-aws).

const AWS = 'karpenter.k8s.aws';

const LABEL_KEYS = {
  // core / Kubernetes
  instanceType: 'node.kubernetes.io/instance-type',
  arch: 'kubernetes.io/arch',
  os: 'kubernetes.io/os',
  zone: 'topology.kubernetes.io/zone',
  region: 'topology.kubernetes.io/region',
  hostname: 'kubernetes.io/hostname',
  windowsBuild: 'node.kubernetes.io/windows-build',
  capacityType: 'karpenter.sh/capacity-type',
  nodePool: 'karpenter.sh/nodepool',
  /** v1alpha5 name of the pool label (Karpenter ≤ v0.31). */
  provisionerName: 'karpenter.sh/provisioner-name',
  initialized: 'karpenter.sh/initialized',
  registered: 'karpenter.sh/registered',
  // AWS
  zoneId: 'topology.k8s.aws/zone-id',
  nodeClass: `${AWS}/ec2nodeclass`,
  instanceCategory: `${AWS}/instance-category`,
  instanceFamily: `${AWS}/instance-family`,
  instanceGeneration: `${AWS}/instance-generation`,
  instanceSize: `${AWS}/instance-size`,
  instanceCpu: `${AWS}/instance-cpu`,
  instanceCpuManufacturer: `${AWS}/instance-cpu-manufacturer`,
  instanceCpuSustainedClockSpeedMhz: `${AWS}/instance-cpu-sustained-clock-speed-mhz`,
  instanceMemory: `${AWS}/instance-memory`,
  instanceEbsBandwidth: `${AWS}/instance-ebs-bandwidth`,
  instanceNetworkBandwidth: `${AWS}/instance-network-bandwidth`,
  instanceHypervisor: `${AWS}/instance-hypervisor`,
  instanceEncryptionInTransitSupported: `${AWS}/instance-encryption-in-transit-supported`,
  instanceLocalNvme: `${AWS}/instance-local-nvme`,
  instanceGpuName: `${AWS}/instance-gpu-name`,
  instanceGpuManufacturer: `${AWS}/instance-gpu-manufacturer`,
  instanceGpuCount: `${AWS}/instance-gpu-count`,
  instanceGpuMemory: `${AWS}/instance-gpu-memory`,
  instanceAcceleratorName: `${AWS}/instance-accelerator-name`,
  instanceAcceleratorManufacturer: `${AWS}/instance-accelerator-manufacturer`,
  instanceAcceleratorCount: `${AWS}/instance-accelerator-count`,
  instanceCapabilityFlex: `${AWS}/instance-capability-flex`,
  instanceTenancy: `${AWS}/instance-tenancy`,
  nitroSandbox: `${AWS}/nitro-sandbox`,
  capacityReservationId: `${AWS}/capacity-reservation-id`,
  capacityReservationType: `${AWS}/capacity-reservation-type`,
  capacityReservationInterruptible: `${AWS}/capacity-reservation-interruptible`,
  placementGroupId: `${AWS}/placement-group-id`,
  placementGroupPartition: `${AWS}/placement-group-partition`,
} as const;

/** Label keys by name. Typed as plain strings so a variable initialised from one (for example
 *  `key = LABEL.zone`) can still hold any other key. */
export const LABEL: { readonly [K in keyof typeof LABEL_KEYS]: string } = LABEL_KEYS;

const CORE_WELL_KNOWN = [
  LABEL.nodePool,
  LABEL.zone,
  LABEL.region,
  LABEL.instanceType,
  LABEL.arch,
  LABEL.os,
  LABEL.capacityType,
  LABEL.windowsBuild,
];

const AWS_WELL_KNOWN = [
  LABEL.zoneId,
  LABEL.instanceCategory,
  LABEL.instanceFamily,
  LABEL.instanceGeneration,
  LABEL.instanceSize,
  LABEL.instanceCpu,
  LABEL.instanceCpuManufacturer,
  LABEL.instanceCpuSustainedClockSpeedMhz,
  LABEL.instanceMemory,
  LABEL.instanceEbsBandwidth,
  LABEL.instanceNetworkBandwidth,
  LABEL.instanceHypervisor,
  LABEL.instanceEncryptionInTransitSupported,
  LABEL.instanceLocalNvme,
  LABEL.instanceGpuName,
  LABEL.instanceGpuManufacturer,
  LABEL.instanceGpuCount,
  LABEL.instanceGpuMemory,
  LABEL.instanceAcceleratorName,
  LABEL.instanceAcceleratorManufacturer,
  LABEL.instanceAcceleratorCount,
  LABEL.instanceCapabilityFlex,
  LABEL.instanceTenancy,
  LABEL.nitroSandbox,
  LABEL.capacityReservationId,
  LABEL.capacityReservationType,
  LABEL.capacityReservationInterruptible,
  LABEL.placementGroupId,
  LABEL.placementGroupPartition,
];

/** Keys whose values the cloud provider knows (core + AWS). A pod may require one of these on a
 *  NodePool template that does not mention it: the instance types supply the values. */
/** Marks a NodePool converted from a v1alpha5 Provisioner (the UI shows "converted from
 *  Provisioner default"; the scheduler reads v0.31's label rules for such a cluster). */
export const CONVERTED_FROM = 'lab.karpenter.playground/converted-from';

export const WELL_KNOWN_LABELS: ReadonlySet<string> = new Set([
  ...CORE_WELL_KNOWN,
  ...AWS_WELL_KNOWN,
]);

/** Deprecated beta keys and the GA keys Karpenter rewrites them to before any comparison. */
export const NORMALIZED_LABELS: Readonly<Record<string, string>> = {
  'failure-domain.beta.kubernetes.io/zone': LABEL.zone,
  'failure-domain.beta.kubernetes.io/region': LABEL.region,
  'beta.kubernetes.io/arch': LABEL.arch,
  'beta.kubernetes.io/os': LABEL.os,
  'beta.kubernetes.io/instance-type': LABEL.instanceType,
  // The AWS provider adds the EBS CSI driver's zone key (operator.go init), so a PV or class on
  // that key means "zone" to Karpenter, whose new nodes carry no EBS label at launch.
  'topology.ebs.csi.aws.com/zone': LABEL.zone,
};

export function normalizeLabelKey(key: string): string {
  return NORMALIZED_LABELS[key] ?? key;
}

// Domains the user may not put labels in (kubelet and Karpenter own them), minus sub-domains that
// are open to users; Karpenter checks "domain ends with".
export const RESTRICTED_DOMAINS = ['kubernetes.io', 'k8s.io', 'karpenter.sh', AWS];
export const DOMAIN_EXCEPTIONS = [
  'kops.k8s.io',
  'node.kubernetes.io',
  'node-restriction.kubernetes.io',
];
const RESTRICTED_KEYS = new Set<string>([LABEL.hostname]);

/** The key's domain (what comes before the '/'); '' for a key without one. */
export function labelDomain(key: string): string {
  const slash = key.indexOf('/');
  return slash < 0 ? '' : key.slice(0, slash);
}

/** Whether Karpenter restricts a label domain (IsRestrictedLabel: "ends with"), the sub-domains
 *  open to users checked first. Pods were held to this rule up to v1.8 (validation.ts). */
export function inRestrictedDomain(domain: string): boolean {
  if (DOMAIN_EXCEPTIONS.some((d) => domain.endsWith(d))) return false;
  return RESTRICTED_DOMAINS.some((d) => domain.endsWith(d));
}

/** True when a NodePool may not use the key in requirements or template labels (§5.3):
 *  restricted domains (kubernetes.io, k8s.io, karpenter.sh, karpenter.k8s.aws) and
 *  kubernetes.io/hostname. Well-known labels are exempt. */
export function isRestrictedLabel(key: string): boolean {
  const k = normalizeLabelKey(key);
  if (WELL_KNOWN_LABELS.has(k)) return false;
  if (RESTRICTED_KEYS.has(k)) return true;
  return inRestrictedDomain(labelDomain(k));
}

/** True when Karpenter must not put the key on a node itself (IsRestrictedNodeLabel): well-known
 *  labels (the cloud provider sets them from the launched offering) and restricted domains. */
export function isRestrictedNodeLabel(key: string): boolean {
  return WELL_KNOWN_LABELS.has(normalizeLabelKey(key)) || isRestrictedLabel(key);
}

/** Karpenter's validation text for a restricted key, or undefined when the key is allowed. */
export function restrictedLabelError(key: string): string | undefined {
  if (!isRestrictedLabel(key)) return undefined;
  return `label ${key} is restricted; specify a well known label or a custom label that does not use a restricted domain: ${RESTRICTED_DOMAINS.join(', ')}`;
}
