// Per-pod data the solve computes once per (possibly relaxed) spec (scheduler.go PodData).
import type { Pod } from '../k8s.ts';
import type { Resources } from '../quantity.ts';
import type { Requirements } from '../requirements.ts';
import { hostPorts, type HostPort } from './hostports.ts';
import { requestsForPod } from './podrequests.ts';
import { hasPreferredNodeAffinity, podRequirements } from './podrequirements.ts';

export interface PodData {
  readonly requests: Resources;
  /** nodeSelector + first required term + heaviest preference (unless preferences are ignored). */
  readonly requirements: Requirements;
  /** Required only; topology uses these so a preference never narrows pod domains. */
  readonly strict: Requirements;
  readonly ports: readonly HostPort[];
}

export function podData(pod: Pod, ignorePreferences: boolean, requests?: Resources): PodData {
  const requirements = podRequirements(pod, ignorePreferences);
  const strict =
    !ignorePreferences && hasPreferredNodeAffinity(pod) ? podRequirements(pod, true) : requirements;
  return { requests: requests ?? requestsForPod(pod), requirements, strict, ports: hostPorts(pod) };
}
