// Pods the provisioner ignores (§1.2, provisioner.go Validate and pod.IsProvisionable). They are
// reported with kind 'ignored' so the UI can say why Karpenter never looked at them.
import type { NodeSelectorRequirement, Pod } from '../k8s.ts';
import {
  LABEL,
  RESTRICTED_DOMAINS as KUBERNETES_ERA_DOMAINS,
  WELL_KNOWN_LABELS,
  inRestrictedDomain,
  labelDomain,
  normalizeLabelKey,
} from '../labels.ts';
import type { RestrictedLabelRule } from '../version.ts';
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
// Core restricts the karpenter.sh domain; the AWS provider adds its own group. Before v1.9
// (kubernetes-sigs/karpenter#2586) kubernetes.io and k8s.io were restricted too, but for the
// kops.k8s.io, node.kubernetes.io and node-restriction.kubernetes.io sub-domains
// (labels.ts inRestrictedDomain: the NodePool rule), matched by suffix.
const RESTRICTED_DOMAINS = ['karpenter.sh', 'karpenter.k8s.aws'];

/** v0.31 (v1alpha5): the Provisioner's name label was the well-known one, not the NodePool's. */
const V1ALPHA5_WELL_KNOWN: ReadonlySet<string> = new Set(
  [...WELL_KNOWN_LABELS].filter((k) => k !== LABEL.nodePool).concat(LABEL.provisionerName),
);
const wellKnownFor = (legacy: boolean) => (legacy ? V1ALPHA5_WELL_KNOWN : WELL_KNOWN_LABELS);

/** v1.IsRestrictedLabel as applied to pod requirements (not the NodePool rule in labels.ts);
 *  `legacy`: a v0.31 cluster, where `karpenter.sh/provisioner-name` is the well-known name label;
 *  `rule`: which domains the version restricts (types.ts RestrictedLabelRule). */
export function isRestrictedForPods(
  key: string,
  legacy = false,
  rule: RestrictedLabelRule = 'karpenter',
): boolean {
  if (wellKnownFor(legacy).has(key)) return false;
  if (key === LABEL.hostname) return true;
  const d = labelDomain(key);
  if (rule === 'karpenter') return RESTRICTED_DOMAINS.some((r) => d === r || d.endsWith(`.${r}`));
  // IsRestrictedNodeLabel up to v1.8: strings.HasSuffix, exceptions first (the NodePool rule).
  return inRestrictedDomain(d);
}

/** The provisioner's words for a restricted key: sets.List sorts both lists. v1.9+:
 *  "using label … is not allowed …"; v1.5–v1.8 a structured error (serrors: sorted key=value
 *  pairs); before, "label … is restricted; specify a well known label: […], …". */
function restrictedWords(key: string, legacy: boolean, rule: RestrictedLabelRule): string {
  const known = [...wellKnownFor(legacy)].sort().join(' ');
  if (rule === 'karpenter') {
    return `using label ${key} is not allowed as it might interfere with the internal provisioning logic; specify a well known label: [${known}], or a custom label that does not use a restricted domain: [${[...RESTRICTED_DOMAINS].sort().join(' ')}]`;
  }
  const domains = [...KUBERNETES_ERA_DOMAINS].sort().join(' ');
  if (rule === 'kubernetes') {
    return `label is restricted; specify a well known label or a custom label that does not use a restricted domain (label=${key}, restricted-labels=[${domains}], well-known-labels=[${known}])`;
  }
  return `label ${key} is restricted; specify a well known label: [${known}], or a custom label that does not use a restricted domain: [${domains}]`;
}

function validateRequirement(
  r: NodeSelectorRequirement,
  legacy: boolean,
  rule: RestrictedLabelRule,
): string[] {
  const errs: string[] = [];
  const key = normalizeLabelKey(r.key);
  if (!SUPPORTED_OPERATORS.has(r.operator)) {
    errs.push(
      `key ${key} has an unsupported operator ${r.operator} not in ${[...SUPPORTED_OPERATORS].join(' ')}`,
    );
  }
  if (isRestrictedForPods(key, legacy, rule)) errs.push(restrictedWords(key, legacy, rule));
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
export function ignoredReason(
  pod: Pod,
  legacy = false,
  rule: RestrictedLabelRule = 'karpenter',
): string | undefined {
  const key = `${legacy ? 'v1alpha5' : 'v1'}/${rule}`;
  let cache = ignoredCache.get(key);
  if (!cache) ignoredCache.set(key, (cache = new WeakMap()));
  let r = cache.get(pod);
  if (r === undefined) cache.set(pod, (r = uncachedIgnoredReason(pod, legacy, rule) ?? null));
  return r ?? undefined;
}

/** Per pod object (pods are never mutated): every solve and dry run validates the same pods.
 *  One map per API generation and label rule (the well-known labels and words differ). */
const ignoredCache = new Map<string, WeakMap<Pod, string | null>>();

function uncachedIgnoredReason(
  pod: Pod,
  legacy: boolean,
  rule: RestrictedLabelRule,
): string | undefined {
  if (
    (pod.metadata.ownerReferences ?? []).some(
      (o) => o.kind === 'DaemonSet' && o.controller !== false,
    )
  ) {
    return 'pod is owned by a DaemonSet';
  }
  const errs: string[] = [];
  for (const [k, v] of Object.entries(pod.spec.nodeSelector ?? {})) {
    errs.push(...validateRequirement({ key: k, operator: 'In', values: [v] }, legacy, rule));
  }
  for (const term of pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
    ?.nodeSelectorTerms ?? []) {
    if (term.matchFields) errs.push('node selector term with matchFields is not supported');
    for (const r of term.matchExpressions ?? []) errs.push(...validateRequirement(r, legacy, rule));
  }
  if (errs.length > 0) return errs.join('; ');
  // Checked after the syntax so podRequirements never sees an operator it cannot parse.
  const name = legacy ? LABEL.provisionerName : LABEL.nodePool;
  if (podRequirements(pod, false).get(name).operator() === 'DoesNotExist') {
    return `configured to not run on a Karpenter provisioned node (requirement=${name} DoesNotExist)`;
  }
  return undefined;
}
