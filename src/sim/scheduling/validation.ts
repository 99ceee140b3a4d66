// Pods the provisioner ignores (§1.2, provisioner.go Validate and pod.IsProvisionable). They are
// reported with kind 'ignored' so the UI can say why Karpenter never looked at them.
import type { NodeSelectorRequirement, Pod } from '../k8s.ts';
import { LABEL, WELL_KNOWN_LABELS, normalizeLabelKey } from '../labels.ts';
import { podRequirements } from './podrequirements.ts';

const SUPPORTED_OPERATORS = new Set([
  'In',
  'NotIn',
  'Exists',
  'DoesNotExist',
  'Gt',
  'Lt',
  'Gte',
  'Lte',
]);
// Core restricts the karpenter.sh domain; the AWS provider adds its own group.
const RESTRICTED_DOMAINS = ['karpenter.sh', 'karpenter.k8s.aws'];

function domainOf(key: string): string {
  const i = key.indexOf('/');
  return i < 0 ? '' : key.slice(0, i);
}

/** v0.31 (v1alpha5): the Provisioner's name label was the well-known one, not the NodePool's. */
const V1ALPHA5_WELL_KNOWN: ReadonlySet<string> = new Set(
  [...WELL_KNOWN_LABELS].filter((k) => k !== LABEL.nodePool).concat(LABEL.provisionerName),
);
const wellKnownFor = (legacy: boolean) => (legacy ? V1ALPHA5_WELL_KNOWN : WELL_KNOWN_LABELS);

/** v1.IsRestrictedLabel as applied to pod requirements (not the NodePool rule in labels.ts);
 *  `legacy`: a v0.31 cluster, where `karpenter.sh/provisioner-name` is the well-known name label. */
export function isRestrictedForPods(key: string, legacy = false): boolean {
  if (wellKnownFor(legacy).has(key)) return false;
  if (key === LABEL.hostname) return true;
  const d = domainOf(key);
  return RESTRICTED_DOMAINS.some((r) => d === r || d.endsWith(`.${r}`));
}

function validateRequirement(r: NodeSelectorRequirement, legacy: boolean): string[] {
  const errs: string[] = [];
  const key = normalizeLabelKey(r.key);
  if (!SUPPORTED_OPERATORS.has(r.operator)) {
    errs.push(
      `key ${key} has an unsupported operator ${r.operator} not in ${[...SUPPORTED_OPERATORS].join(' ')}`,
    );
  }
  if (isRestrictedForPods(key, legacy)) {
    errs.push(
      `using label ${key} is not allowed as it might interfere with the internal provisioning logic; specify a well known label: [${[...wellKnownFor(legacy)].sort().join(' ')}], or a custom label that does not use a restricted domain: [${RESTRICTED_DOMAINS.join(' ')}]`,
    );
  }
  if (r.operator === 'In' && (r.values ?? []).length === 0) {
    errs.push(`key ${key} with operator ${r.operator} must have a value defined`);
  }
  if (['Gt', 'Lt', 'Gte', 'Lte'].includes(r.operator)) {
    const v = r.values ?? [];
    if (v.length !== 1 || !/^\d+$/.test(v[0] ?? '')) {
      errs.push(`key ${key} with operator ${r.operator} must have a single positive integer value`);
    }
  }
  return errs;
}

/** undefined when the provisioner considers the pod, else the reason it is ignored. Pods with a
 *  nodeName are accepted: the engine passes pods of deleting nodes to be rescheduled. */
export function ignoredReason(pod: Pod, legacy = false): string | undefined {
  const cache = ignoredCache[legacy ? 1 : 0];
  let r = cache.get(pod);
  if (r === undefined) cache.set(pod, (r = uncachedIgnoredReason(pod, legacy) ?? null));
  return r ?? undefined;
}

/** Per pod object (pods are never mutated): every solve and dry run validates the same pods.
 *  One map per API generation (the well-known labels differ). */
const ignoredCache = [
  new WeakMap<Pod, string | null>(),
  new WeakMap<Pod, string | null>(),
] as const;

function uncachedIgnoredReason(pod: Pod, legacy: boolean): string | undefined {
  if (
    (pod.metadata.ownerReferences ?? []).some(
      (o) => o.kind === 'DaemonSet' && o.controller !== false,
    )
  ) {
    return 'pod is owned by a DaemonSet';
  }
  const errs: string[] = [];
  for (const [k, v] of Object.entries(pod.spec.nodeSelector ?? {})) {
    errs.push(...validateRequirement({ key: k, operator: 'In', values: [v] }, legacy));
  }
  for (const term of pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
    ?.nodeSelectorTerms ?? []) {
    if (term.matchFields) errs.push('node selector term with matchFields is not supported');
    for (const r of term.matchExpressions ?? []) errs.push(...validateRequirement(r, legacy));
  }
  if (errs.length > 0) return errs.join('; ');
  // Checked after the syntax so podRequirements never sees an operator it cannot parse.
  const name = legacy ? LABEL.provisionerName : LABEL.nodePool;
  if (podRequirements(pod, false).get(name).operator() === 'DoesNotExist') {
    return `configured to not run on a Karpenter provisioned node (requirement=${name} DoesNotExist)`;
  }
  return undefined;
}
