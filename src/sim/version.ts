// The one rule for "which Karpenter is this, and what does it serve?" — used by the manifests layer
// (which kinds the API server accepts), the editor's schema markers (the same kinds), the engine
// (semantics, version-dependent numbers, helm actions), the disruption controller and the console.
//
//   version text        API generation   kinds served                         engine semantics
//   v0.31, 0.31.0, v0.3x  v1alpha5       Provisioner, AWSNodeTemplate          v1alpha5
//   v0.32 … v0.37       v1beta1          NodePool, EC2NodeClass (v1beta1)      v1
//   v1.0                v1               v1, and v1beta1 via the conversion webhook
//   v1.1+, v1           v1               v1 only                               v1
//
// A workspace without a version runs the latest v1 ("v1"), in the editor, the Problems panel and
// the engine alike. `helm install|upgrade karpenter --version X` changes it mid-run (afterHelm).

export type ApiGeneration = 'v1alpha5' | 'v1beta1' | 'v1';

export interface KarpenterVersion {
  readonly text: string;
  readonly generation: ApiGeneration;
  readonly major: number;
  /** Infinity when only the major is given ("v1" = latest v1.x). */
  readonly minor: number;
}

/** What the engine models: everything from v0.32 on runs the NodePool (v1) semantics. */
export type Semantics = 'v1' | 'v1alpha5';

export const LATEST: KarpenterVersion = { text: 'v1', generation: 'v1', major: 1, minor: Infinity };

/** "v0.31", "0.31.0", "v0.3x", "v1", "v1.14", "1.0.0"; anything else is undefined (say so). */
export function parseKarpenterVersion(text: string | undefined): KarpenterVersion | undefined {
  if (text === undefined) return LATEST;
  const m = /^v?(\d+)(?:\.(\d+|x|\dx)(?:\.\d+)?)?$/i.exec(text.trim());
  if (!m) return undefined;
  const major = Number(m[1]);
  const minorText = m[2];
  if (major >= 1) {
    const minor = minorText === undefined || /x/i.test(minorText) ? Infinity : Number(minorText);
    return { text, generation: 'v1', major, minor };
  }
  if (minorText === undefined) return undefined;
  if (/^3x$/i.test(minorText)) return { text, generation: 'v1alpha5', major: 0, minor: 31 };
  const minor = Number(minorText);
  if (!Number.isFinite(minor)) return undefined;
  return { text, generation: minor >= 32 ? 'v1beta1' : 'v1alpha5', major: 0, minor };
}

/** The newest release whose behaviour the lab models (README's version table); a later one
 *  runs as it (atLeast holds for every rule up to it). */
export const NEWEST_MODELLED = { major: 1, minor: 14 } as const;

/** "v1.14" when the text names a Karpenter newer than the lab models (v1.15, v2), else undefined:
 *  "v1" (the latest) and every modelled version are not newer. */
export function newerThanModelled(text: string | undefined): string | undefined {
  const v = parseKarpenterVersion(text);
  if (v === undefined) return undefined;
  const { major, minor } = NEWEST_MODELLED;
  // "v1" (minor Infinity) is the latest v1.x, which the lab models; "v2" and "v1.15" are newer.
  const newer =
    v.major > major || (v.major === major && Number.isFinite(v.minor) && v.minor > minor);
  return newer ? `v${major}.${minor}` : undefined;
}

/** The version a text names, the latest v1 when it names none or cannot be read. */
export const karpenterVersion = (text: string | undefined): KarpenterVersion =>
  parseKarpenterVersion(text) ?? LATEST;

/** True from version major.minor on ("v1" without a minor is the newest v1.x). */
export const atLeast = (v: KarpenterVersion, major: number, minor: number): boolean =>
  v.major > major || (v.major === major && v.minor >= minor);

/** True when this Karpenter has at least version 1.minor (always false before v1). */
export const atLeastV1 = (v: KarpenterVersion, minor: number): boolean => atLeast(v, 1, minor);

export const semanticsOf = (v: KarpenterVersion): Semantics =>
  v.generation === 'v1alpha5' ? 'v1alpha5' : 'v1';

/** Whether this Karpenter serves objects of an API generation. */
export function servesGeneration(v: KarpenterVersion, generation: ApiGeneration): boolean {
  if (generation === v.generation) return true;
  // v1.0.x kept serving v1beta1 through the conversion webhook; v1.1 dropped it.
  return generation === 'v1beta1' && v.generation === 'v1' && v.major === 1 && v.minor === 0;
}

/**
 * The Karpenter a workspace starts with: an override (the CLI's flag) wins, then the Scenario's
 * `spec.karpenter.version`, else the latest v1. Unreadable text is the Scenario schema's error to
 * report; the run goes on with the latest v1.
 */
export function startingVersion(scenarioVersion?: string, override?: string): KarpenterVersion {
  return karpenterVersion(override ?? scenarioVersion);
}

/**
 * The Karpenter after `helm install|upgrade karpenter [--version X]`: the chart's version, or the
 * one installed now when the command names none. An unreadable version is an error message.
 */
export function afterHelm(
  current: KarpenterVersion,
  helmVersion: string | undefined,
): KarpenterVersion | string {
  if (helmVersion === undefined) return current;
  return (
    parseKarpenterVersion(helmVersion) ??
    `helm: "${helmVersion}" is not a Karpenter version (expected e.g. 0.31.0 or 1.0.0)`
  );
}

/**
 * Version-dependent numbers the solve needs (reference §0): core MaxInstanceTypes was 60 up to
 * v0.34, 100 in v0.35, 60 again in v0.36–v1.6 and 600 since v1.7; DaemonSet overhead per
 * instance-type group since v1.14; where a NodePool's `limits.nodes` is enforced (NodeLimits).
 */
export function versionOptions(v: KarpenterVersion): VersionOptions {
  const maxInstanceTypes = atLeast(v, 1, 7) ? 600 : v.major === 0 && v.minor === 35 ? 100 : 60;
  return {
    maxInstanceTypes,
    daemonOverheadPerTypeGroup: atLeast(v, 1, 14),
    daemonNodeStateAffinity: atLeast(v, 1, 14),
    hostPortsPerNodeClaim: atLeast(v, 1, 13),
    filterMessage: atLeast(v, 1, 3) ? 'fields' : 'satisfied',
    podErrorNamesPool: !atLeast(v, 1, 5),
    restrictedLabels: atLeast(v, 1, 9)
      ? 'karpenter'
      : atLeast(v, 1, 5)
        ? 'kubernetes'
        : 'kubernetes-v0',
    nodeLimits: atLeast(v, 1, 11) ? 'scheduler' : v.major >= 1 ? 'creation' : 'ignored',
  };
}

/**
 * Where a dynamic NodePool's `limits.nodes` is enforced:
 * - `ignored` (v0.3x): the pool's usage carries no `nodes`, so the limit never bites.
 * - `creation` (v1.0–v1.10): the usage counts 1 per NodeClaim (status.resources, since v1.4 the
 *   cluster state), but no node's capacity carries it, so only NodeClaim creation's
 *   `Limits.ExceededBy(usage)` refuses, strictly above the limit: with `nodes: 2` a third node
 *   still launches (provisioner.go Create).
 * - `scheduler` (v1.11+, kubernetes-sigs/karpenter#2526): each existing node counts 1 in the
 *   solve; at 0 left the pool is refused with "node limits have been exhausted for nodepool".
 * In every version the NodeClaims one solve plans do not count against each other.
 */
export type NodeLimits = 'ignored' | 'creation' | 'scheduler';

/** v1.9+ (`karpenter`, kubernetes-sigs/karpenter#2586): only karpenter.sh (and the AWS
 *  provider's karpenter.k8s.aws). Before, kubernetes.io and k8s.io too, but for kops.k8s.io,
 *  node.kubernetes.io and node-restriction.kubernetes.io: `kubernetes` in v1.5–v1.8 (a structured
 *  error), `kubernetes-v0` up to v1.4 (v0.31 included). */
export type RestrictedLabelRule = 'karpenter' | 'kubernetes' | 'kubernetes-v0';

export interface VersionOptions {
  maxInstanceTypes: number;
  daemonOverheadPerTypeGroup: boolean;
  /** v1.14 (#2161): a DaemonSet selecting karpenter.sh/registered or karpenter.sh/initialized
   *  counts in a new node's overhead; before, it was left out. */
  daemonNodeStateAffinity: boolean;
  /** v1.13 (#3022): each new NodeClaim tracks its own host ports. */
  hostPortsPerNodeClaim: boolean;
  /** v1.3+: "<reason>, requirements=…, resources=…"; before: "no instance type satisfied
   *  resources … and requirements … (<reason>)" (nodeclaim.go). */
  filterMessage: 'fields' | 'satisfied';
  /** Up to v1.4 a NodePool's failure reads "incompatible with nodepool "x", daemonset
   *  overhead=…, <why>"; v1.5 (#2126) dropped the prefix. */
  podErrorNamesPool: boolean;
  /** The label domains a pod may not select: v1.9 (#2586) left only karpenter.sh. */
  restrictedLabels: RestrictedLabelRule;
  nodeLimits: NodeLimits;
}

const optionsByText = new Map<string, VersionOptions>();

/** versionOptions of a version text (the state's), kept per text: solves ask on every call. */
export function versionOptionsOf(text: string | undefined): VersionOptions {
  const key = text ?? '';
  let o = optionsByText.get(key);
  if (!o) {
    o = versionOptions(karpenterVersion(text));
    optionsByText.set(key, o);
  }
  return o;
}
