// The scheduler's public data shapes, exactly as src/sim/CONTEXT.md states them. Kept apart from the
// algorithm so the engine, the disruption simulator and the UI can import types without the solver.
import type { DaemonSet, NodePool, Pod, Taint } from '../k8s.ts';
import type { Resources } from '../quantity.ts';
import type { Requirements } from '../requirements.ts';
import type { InstanceType } from '../catalog/types.ts';
import type { NodeLimits, RestrictedLabelRule } from '../version.ts';
import type { FilterMessage } from './instancefilter.ts';

/** An existing node or an in-flight NodeClaim, as cluster state sees it before the solve. */
export interface StateNode {
  name: string;
  nodePool: string | undefined;
  labels: Record<string, string>;
  taints: Taint[];
  /** Ignored while the node is not initialized (§1.11). */
  startupTaints: Taint[];
  allocatable: Resources;
  capacity: Resources;
  initialized: boolean;
  markedForDeletion: boolean;
  /** Bound or nominated pods, DaemonSet pods included. */
  pods: Pod[];
  /** CSINode allocatable.count per driver; absent = no CSINode (in-flight NodeClaims) = no limit. */
  volumeLimits?: Readonly<Record<string, number>>;
  /** Claim keys (ns/name) per driver used by the node's bound pods (statenode.go volumeUsage). */
  volumeUsage?: ReadonlyMap<string, ReadonlySet<string>>;
}

/** Per-driver claim keys (ns/name): what a pod or node attaches. */
export type VolumeUsage = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * What the provisioner precomputes about pods' volumes (provisioner.go getVolumeTopologyRequirements
 * and Validate), keyed by pod UID, so the solve needs no object lookups.
 */
export interface SolveVolumes {
  /** Volume topology alternatives; the first that fits wins, never relaxed. */
  alternatives: ReadonlyMap<string, readonly Requirements[]>;
  /** The pod's claims per CSI driver, for existing nodes' attach limits. */
  usage: ReadonlyMap<string, VolumeUsage>;
  /** Pending pods Karpenter ignores for their claims (ValidatePersistentVolumeClaims). */
  ignored: ReadonlyMap<string, string>;
}

export interface SolveOptions {
  /** Core truncates each NodeClaim's instance-type list to this many (600 since v1.7). */
  maxInstanceTypes?: number;
  minValuesPolicy?: 'Strict' | 'BestEffort';
  preferencePolicy?: 'Respect' | 'Ignore';
  /** Seeded; used where Karpenter leaves ties to Go map order (topology domains, Any()). */
  rng?: () => number;
  /** true (default) = v1.14 per-instance-type-group DaemonSet overhead; false = ≤ v1.13 (§1.8). */
  daemonOverheadPerTypeGroup?: boolean;
  /** v1.14+ (default true): new nodes' templates carry karpenter.sh/registered and
   *  karpenter.sh/initialized = true, so DaemonSets selecting them count in the overhead. */
  daemonNodeStateAffinity?: boolean;
  /** v1.13+ (default true): each new NodeClaim tracks its own host ports; before (#3022), the new
   *  NodeClaims of one NodePool shared one map in a solve, so two pods using the same host port
   *  could not both get a new node in one batch. */
  hostPortsPerNodeClaim?: boolean;
  /** A v0.31 cluster (v1alpha5: Provisioners, not NodePools), for its words ("no provisioners
   *  found") and label rules. Default: read from the pools (a converted Provisioner), which says
   *  nothing when there is none. */
  v1alpha5?: boolean;
  /** Which label domains a pod may not select (provisioner.go Validate → IsRestrictedLabel), and
   *  in which words; the pod is ignored. Default `karpenter` (v1.9+). */
  restrictedLabels?: RestrictedLabelRule;
  /** How "no instance type" errors read: v1.3+ `fields` (default), `satisfied` before. */
  filterMessage?: FilterMessage;
  /** ≤ v1.4 (default false): a NodePool's failure in a pod's error is prefixed with the pool and
   *  its DaemonSet overhead, "incompatible with nodepool "x", daemonset overhead=…, <why>".
   *  v1.5 (kubernetes-sigs/karpenter#2126, scheduler.go addToNewNodeClaim) returns the NodeClaim's
   *  own error, the pools' errors joined by multierr. */
  podErrorNamesPool?: boolean;
  /** Where `limits.nodes` is enforced (version.ts NodeLimits; default v1.11+'s `scheduler`): the
   *  solve reads it only under `scheduler`. */
  nodeLimits?: NodeLimits;
  /** Keys a pod may require although a NodePool does not mention them (the instance types supply
   *  the values). Default: core + AWS well-known labels; replaying upstream tests passes the fake
   *  provider's set (FAKE_WELL_KNOWN_LABELS). */
  wellKnownLabels?: ReadonlySet<string>;
  /**
   * A disruption dry run's own pods are the first `decidedBy` of `pods`. The solve may stop as
   * soon as their outcome is decided: every one of them placed on an existing node (a placement
   * is never undone, and the solve is the same up to there). Disruption reads only its own pods'
   * errors, the nodes they went to (one not initialized is an UninitializedNodeError) and the new
   * NodeClaims holding one of them (none then), so the other pods cannot change its answer. The
   * result is then `stopped`: its `existing` holds the placements so far, its `newNodeClaims`
   * nothing.
   */
  decidedBy?: number;
  /**
   * v1.14+ consolidation dry runs (#3006, scheduler.go addToExistingNode): existing nodes still
   * inside their NodePool's consolidateAfter window, by name. The pods in `restrictedPods` (by
   * UID: a candidate's pods that are not Pending) skip them; pending pods and pods of deleting
   * nodes may still land there. Both unset outside such a dry run.
   */
  closedNodes?: ReadonlySet<string>;
  restrictedPods?: ReadonlySet<string>;
}

export interface SolveInput {
  pods: Pod[];
  nodes: StateNode[];
  nodePools: NodePool[];
  /** Per NodePool name, already ICE-filtered. */
  instanceTypes: ReadonlyMap<string, readonly InstanceType[]>;
  daemonSets: DaemonSet[];
  /** Capacity of the pool's existing NodeClaims, plus `nodes`. */
  nodePoolUsage: ReadonlyMap<string, Resources>;
  volumes?: SolveVolumes;
  options?: SolveOptions;
}

export interface FunnelStage {
  stage: string;
  count: number;
}

export interface NodeClaimPlan {
  nodePool: string;
  /** The placeholder used during the solve (hostname-placeholder-NNNN). */
  hostname: string;
  requirements: Requirements;
  /** Shared between plans with the same options (read-only). */
  instanceTypes: readonly InstanceType[];
  /** Pods + daemon overhead. */
  requests: Resources;
  daemonOverhead: Resources;
  pods: Pod[];
  labels: Record<string, string>;
  taints: Taint[];
  startupTaints: Taint[];
  /** catalog → requirements → fits → limits → offerings. */
  funnel: FunnelStage[];
  minValuesRelaxed?: boolean;
}

export type PodErrorKind =
  | 'taint'
  | 'requirements'
  | 'resources'
  | 'limits'
  | 'offering'
  | 'topology'
  | 'affinity'
  | 'hostPort'
  | 'minValues'
  | 'volume'
  | 'ignored'
  | 'noNodePool'
  | 'other';

/** The facts behind a reason, so the UI can say it in plain words. */
export interface PodErrorDetail {
  /** The first taint the pod does not tolerate. */
  taint?: Taint;
  /** The label key no option (or the pool itself) can satisfy, or the topology key. */
  key?: string;
  /** Resources the pod (with pods already planned and DaemonSets) needs beyond what is left:
   *  beyond the largest instance type, or beyond the pool's remaining limits. */
  resources?: string[];
}

export interface PodErrorReason {
  /** '' when the reason is not about one NodePool (ignored pods, no usable pool). */
  nodePool: string;
  kind: PodErrorKind;
  message: string;
  detail?: PodErrorDetail;
}

export interface PodError {
  /** Karpenter's own text, e.g. "incompatible requirements, key …" (v1.4 and earlier prefix each
   *  pool's part with "incompatible with nodepool …, daemonset overhead=…"). */
  message: string;
  perNodePool: PodErrorReason[];
}

export interface SolveEvent {
  reason: string;
  object: string;
  message: string;
}

export interface SolveResult {
  newNodeClaims: NodeClaimPlan[];
  existing: { node: string; pods: Pod[] }[];
  podErrors: Map<string, PodError>;
  events: SolveEvent[];
  /** Ended early by `options.decidedBy`: only the placements made so far are in the result. */
  stopped?: true;
}
