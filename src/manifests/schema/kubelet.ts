// Kubelet settings (v1alpha5 kubeletConfiguration, v1beta1 template.spec.kubelet): they change
// allocatable capacity, so the lab reads them. Key checks follow the v1beta1 CRD's CEL rules.

import type { Rule, Spec } from './dsl.ts';
import { arr, bool, int, map, obj, str } from './dsl.ts';
import { exactQuantities, quantity } from './common.ts';

export function kubeletSpec(): Spec {
  const reserved = map(quantity(), {
    rules: [
      exactQuantities,
      ((m: Record<string, unknown>) =>
        Object.keys(m)
          .filter((k) => !['cpu', 'memory', 'ephemeral-storage', 'pid'].includes(k))
          .map((k) => ({
            path: [k],
            message: "valid keys are ['cpu','memory','ephemeral-storage','pid']",
          }))) as Rule,
    ],
  });
  const eviction = map(str(), {
    rules: [
      ((m: Record<string, unknown>) =>
        Object.keys(m)
          .filter(
            (k) =>
              ![
                'memory.available',
                'nodefs.available',
                'nodefs.inodesFree',
                'imagefs.available',
                'imagefs.inodesFree',
                'pid.available',
              ].includes(k),
          )
          .map((k) => ({
            path: [k],
            message:
              "valid keys are ['memory.available','nodefs.available','nodefs.inodesFree','imagefs.available','imagefs.inodesFree','pid.available']",
          }))) as Rule,
    ],
  });
  return obj(
    {
      maxPods: int({
        minimum: 0,
        description: 'Pods per node cap (overrides the ENI-based default).',
      }),
      podsPerCore: int({ minimum: 0 }),
      systemReserved: reserved,
      kubeReserved: reserved,
      evictionHard: eviction,
      evictionSoft: eviction,
      evictionSoftGracePeriod: map(str()),
      evictionMaxPodGracePeriod: int(),
      imageGCHighThresholdPercent: int({ minimum: 0, maximum: 100 }),
      imageGCLowThresholdPercent: int({ minimum: 0, maximum: 100 }),
      cpuCFSQuota: bool(),
      clusterDNS: arr(str()),
      containerRuntime: str(),
    },
    { description: 'Kubelet settings; they change allocatable capacity.' },
  );
}
