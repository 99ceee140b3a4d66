// One generic description per resource type kubectl can `get`/`describe` here: its names, whether
// it is namespaced, whether the API server serves it (Karpenter's CRDs exist only once Karpenter is
// installed, and only for its API generation), its columns, and how to list it. get.ts, describe.ts
// and complete.ts all work from this table instead of one code path per kind.
import { events, nodes, pods } from './coreKinds.ts';
import { ec2nodeclasses, machines, nodeclaims, nodepools, provisioners } from './karpenterKinds.ts';
import type { ResourceType } from './resourceType.ts';
import { persistentvolumeclaims, persistentvolumes, storageclasses } from './storageKinds.ts';
import {
  daemonsets,
  deployments,
  poddisruptionbudgets,
  replicasets,
  statefulsets,
} from './workloadKinds.ts';

export type { Item, ResourceType } from './resourceType.ts';

// In `kubectl get all` order: pods, then daemonsets, deployments, replicasets, statefulsets.
export const RESOURCE_TYPES: readonly ResourceType[] = [
  nodes,
  pods,
  daemonsets,
  deployments,
  replicasets,
  statefulsets,
  poddisruptionbudgets,
  persistentvolumeclaims,
  persistentvolumes,
  storageclasses,
  nodeclaims,
  nodepools,
  ec2nodeclasses,
  provisioners,
  machines,
  events,
];

/** "po", "pod", "pods", "nodepools.karpenter.sh", "deployment.apps" → the type; case-insensitive. */
export function resolveType(word: string): ResourceType | undefined {
  const w = word.toLowerCase();
  return RESOURCE_TYPES.find((r) => {
    const names = [r.plural, r.singular, ...r.shortNames];
    return names.includes(w) || (r.group !== '' && names.some((n) => w === `${n}.${r.group}`));
  });
}

/** "deployment.apps", "nodeclaim.karpenter.sh", "pod": the prefix kubectl prints before /name. */
export function qualified(r: ResourceType, plural = false): string {
  const n = plural ? r.plural : r.singular;
  return r.group === '' ? n : `${n}.${r.group}`;
}
