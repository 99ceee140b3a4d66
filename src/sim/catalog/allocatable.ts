// Karpenter's AWS capacity and overhead formulas (§2; aws/karpenter-provider-aws
// pkg/providers/instancetype/types.go) for the AL2023 AMI family, which is the default and the
// one the published allocatable figures use. Worked example, m5.large (2 vCPU, 8192 MiB, 3×10 ENIs):
//   pods     = 3 × (10 − 1) + 2                       = 29
//   memory   = 8192 − ceil(8192 × 7.5 %)              = 7577 MiB capacity
//   reserved = 11 × 29 + 255 = 574 MiB, eviction 100 MiB → 6903 MiB allocatable
//   cpu      = 2000m − (60m + 10m)                    = 1930m allocatable

import type { KubeletConfiguration } from '../k8s.ts';
import type { Resources } from '../quantity.ts';
import { GiB, MiB, addResources, parseQuantity, toCanonical } from '../quantity.ts';

/** VM_MEMORY_OVERHEAD_PERCENT default. */
export const VM_MEMORY_OVERHEAD_PERCENT = 0.075;
/** Graviton reserves 64 MiB of CMA memory the OS cannot use. */
export const ARM64_CMA_MIB = 64;
/** Root volume size when no block device mapping says otherwise. */
export const DEFAULT_EPHEMERAL_STORAGE = 20 * GiB;

/** ENI-limited pod density: usable ENIs × (IPv4 per ENI − 1) + 2 (host-network pods). */
export function eniLimitedPods(maxENIs: number, ipv4PerENI: number, reservedENIs = 0): number {
  const usable = Math.max(maxENIs - reservedENIs, 0);
  return usable === 0 ? 0 : usable * (ipv4PerENI - 1) + 2;
}

/** Memory capacity in bytes. Float arithmetic in the same order as upstream, so rounding agrees. */
export function memoryCapacity(memoryMiB: number, arch: string): number {
  const mib = arch === 'arm64' ? memoryMiB - ARM64_CMA_MIB : memoryMiB;
  const overheadMiB = Math.ceil((mib * MiB * VM_MEMORY_OVERHEAD_PERCENT) / 1024 / 1024);
  return (mib - overheadMiB) * MiB;
}

/** pods capacity: kubelet maxPods if set, else ENI-limited; capped by podsPerCore × vCPU. */
export function podsCapacity(
  eniPods: number,
  vcpu: number,
  kubelet?: KubeletConfiguration,
): number {
  let pods = kubelet?.maxPods ?? eniPods;
  if (kubelet?.podsPerCore) pods = Math.min(pods, kubelet.podsPerCore * vcpu);
  return pods;
}

// kube-reserved CPU: a share of each core, smaller for later cores (GKE/EKS convention).
const CPU_TIERS: readonly { from: number; to: number; share: number }[] = [
  { from: 0, to: 1000, share: 0.06 },
  { from: 1000, to: 2000, share: 0.01 },
  { from: 2000, to: 4000, share: 0.005 },
  { from: 4000, to: Infinity, share: 0.0025 },
];

/** kube-reserved cpu in millicores for a vCPU count. */
export function kubeReservedCpu(vcpu: number): number {
  const milli = vcpu * 1000;
  let reserved = 0;
  for (const t of CPU_TIERS) {
    if (milli > t.from) reserved += (Math.min(milli, t.to) - t.from) * t.share;
  }
  return Math.floor(reserved);
}

/** kube-reserved memory in bytes: 11 MiB per pod + 255 MiB. On AL2023 `pods` is the ENI-limited
 *  density even when kubelet maxPods is set. */
export function kubeReservedMemory(pods: number): number {
  return (11 * pods + 255) * MiB;
}

// The same few quantities ("100Mi", a NodeClass's kubeReserved…) recur for every one of the
// catalog's 1,345 types: parse each (resource, text) pair once.
const parsed = new Map<string, number>();

function quantity(resource: string, q: string): number {
  const id = `${resource}\u0000${q}`;
  let n = parsed.get(id);
  if (n === undefined) parsed.set(id, (n = toCanonical(resource, parseQuantity(q))));
  return n;
}

/** An eviction threshold: an absolute quantity, or a percentage of capacity ("100%" disables it). */
function evictionAmount(resource: string, value: string, capacity: number): number {
  if (value.endsWith('%')) {
    const pct = Number(value.slice(0, -1));
    if (pct >= 100) return 0;
    return Math.ceil((capacity * pct) / 100);
  }
  return quantity(resource, value);
}

export interface AwsShape {
  vcpu: number;
  memoryMiB: number;
  arch: string;
  maxENIs: number;
  ipv4PerENI: number;
}

/** Capacity (cpu, memory, pods, ephemeral-storage) and overhead for an EC2 shape on AL2023. */
export function awsResources(
  shape: AwsShape,
  kubelet?: KubeletConfiguration,
): { capacity: Resources; overhead: Resources } {
  const eniPods = eniLimitedPods(shape.maxENIs, shape.ipv4PerENI);
  const capacity = {
    cpu: shape.vcpu * 1000,
    memory: memoryCapacity(shape.memoryMiB, shape.arch),
    pods: podsCapacity(eniPods, shape.vcpu, kubelet),
    'ephemeral-storage': DEFAULT_EPHEMERAL_STORAGE,
  };
  const kubeReserved: Record<string, number> = {
    cpu: kubeReservedCpu(shape.vcpu),
    memory: kubeReservedMemory(eniPods),
    'ephemeral-storage': 1 * GiB,
  };
  for (const [k, v] of Object.entries(kubelet?.kubeReserved ?? {}))
    kubeReserved[k] = quantity(k, v);
  const systemReserved: Record<string, number> = {};
  for (const [k, v] of Object.entries(kubelet?.systemReserved ?? {}))
    systemReserved[k] = quantity(k, v);
  const hard = kubelet?.evictionHard ?? {};
  const eviction = {
    memory: evictionAmount('memory', hard['memory.available'] ?? '100Mi', capacity.memory),
    'ephemeral-storage': evictionAmount(
      'ephemeral-storage',
      hard['nodefs.available'] ?? '10%',
      capacity['ephemeral-storage'],
    ),
  };
  return { capacity, overhead: addResources(kubeReserved, systemReserved, eviction) };
}
