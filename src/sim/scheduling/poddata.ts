// Per-pod data the solve computes once per (possibly relaxed) spec (scheduler.go PodData).
import type { Pod } from '../k8s.ts';
import type { Resources } from '../quantity.ts';
import type { Requirements } from '../requirements.ts';
import { hostPorts, type HostPort } from './hostports.ts';
import { requestsForPod } from './podrequests.ts';
import { hasPreferredNodeAffinity, podRequirements } from './podrequirements.ts';
import type { VolumeUsage } from './types.ts';

export interface PodData {
  readonly requests: Resources;
  /** nodeSelector + first required term + heaviest preference (unless preferences are ignored). */
  readonly requirements: Requirements;
  /** Required only; topology uses these so a preference never narrows pod domains. */
  readonly strict: Requirements;
  readonly ports: readonly HostPort[];
  /** Volume topology alternatives: NodeClaim-only requirements, never merged into the above. */
  readonly volumeAlternatives?: readonly Requirements[] | undefined;
  /** The pod's claims per CSI driver (attach limits of existing nodes). */
  readonly volumes?: VolumeUsage | undefined;
}

export function podData(
  pod: Pod,
  ignorePreferences: boolean,
  requests?: Resources,
  volumes?: { alternatives?: readonly Requirements[] | undefined; usage?: VolumeUsage | undefined },
): PodData {
  const requirements = podRequirements(pod, ignorePreferences);
  const strict =
    !ignorePreferences && hasPreferredNodeAffinity(pod) ? podRequirements(pod, true) : requirements;
  return {
    requests: requests ?? requestsForPod(pod),
    requirements,
    strict,
    ports: hostPorts(pod),
    ...(volumes?.alternatives ? { volumeAlternatives: volumes.alternatives } : {}),
    ...(volumes?.usage && volumes.usage.size > 0 ? { volumes: volumes.usage } : {}),
  };
}
