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

/** v1.IsRestrictedLabel as applied to pod requirements (not the NodePool rule in labels.ts). */
export function isRestrictedForPods(key: string): boolean {
  if (WELL_KNOWN_LABELS.has(key)) return false;
  if (key === LABEL.hostname) return true;
  const d = domainOf(key);
  return RESTRICTED_DOMAINS.some((r) => d === r || d.endsWith(`.${r}`));
}

function validateRequirement(r: NodeSelectorRequirement): string[] {
  const errs: string[] = [];
  const key = normalizeLabelKey(r.key);
  if (!SUPPORTED_OPERATORS.has(r.operator)) {
    errs.push(
      `key ${key} has an unsupported operator ${r.operator} not in ${[...SUPPORTED_OPERATORS].join(' ')}`,
    );
  }
  if (isRestrictedForPods(key)) {
    errs.push(
      `using label ${key} is not allowed as it might interfere with the internal provisioning logic; specify a well known label: [${[...WELL_KNOWN_LABELS].sort().join(' ')}], or a custom label that does not use a restricted domain: [${RESTRICTED_DOMAINS.join(' ')}]`,
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
export function ignoredReason(pod: Pod): string | undefined {
  let r = ignoredCache.get(pod);
  if (r === undefined) ignoredCache.set(pod, (r = uncachedIgnoredReason(pod) ?? null));
  return r ?? undefined;
}

/** Per pod object (pods are never mutated): every solve and dry run validates the same pods. */
const ignoredCache = new WeakMap<Pod, string | null>();

function uncachedIgnoredReason(pod: Pod): string | undefined {
  if (
    (pod.metadata.ownerReferences ?? []).some(
      (o) => o.kind === 'DaemonSet' && o.controller !== false,
    )
  ) {
    return 'pod is owned by a DaemonSet';
  }
  const errs: string[] = [];
  for (const [k, v] of Object.entries(pod.spec.nodeSelector ?? {})) {
    errs.push(...validateRequirement({ key: k, operator: 'In', values: [v] }));
  }
  for (const term of pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
    ?.nodeSelectorTerms ?? []) {
    if (term.matchFields) errs.push('node selector term with matchFields is not supported');
    for (const r of term.matchExpressions ?? []) errs.push(...validateRequirement(r));
  }
  if (errs.length > 0) return errs.join('; ');
  // Checked after the syntax so podRequirements never sees an operator it cannot parse.
  if (podRequirements(pod, false).get(LABEL.nodePool).operator() === 'DoesNotExist') {
    return `configured to not run on a Karpenter provisioned node (requirement=${LABEL.nodePool} DoesNotExist)`;
  }
  return undefined;
}
