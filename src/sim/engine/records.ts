// The records a ClusterState holds. Immutable by convention: the reducer (state.ts) replaces a
// record, never edits it, which is what makes snapshots a cheap shallow copy.
import type {
  KubeObject,
  NodePool,
  NodeSelectorRequirementWithMinValues,
  Pod,
  Taint,
} from '../k8s.ts';
import type { Resources } from '../quantity.ts';
import type { FunnelStage, PodError } from '../scheduling/types.ts';

export type Semantics = 'v1' | 'v1alpha5';

export type PodPhaseRec = 'Pending' | 'Running' | 'Failed' | 'Terminating';

export interface PodRec {
  /** namespace/name */
  key: string;
  uid: string;
  pod: Pod;
  /** The controlling workload, "Deployment/default/inflate"; undefined for a bare pod. */
  owner?: string;
  daemonSet?: boolean;
  phase: PodPhaseRec;
  createdAt: number;
  requests: Resources;
  nodeName?: string;
  /** Karpenter's nomination (a NodeClaim name); kube-scheduler still decides the binding. */
  nominatedTo?: string;
  boundAt?: number;
  startedAt?: number;
  /** Why the pod is not Running: "Unschedulable", "CrashLoopBackOff", … */
  reason?: string;
  message?: string;
  /** Karpenter's typed scheduling failure, per NodePool (from the last solve). */
  error?: PodError;
}

export interface LaunchInfo {
  instanceType: string;
  zone: string;
  capacityType: string;
  price: number;
  priceIsEstimate: boolean;
  runnerUp?: {
    instanceType: string;
    zone: string;
    capacityType: string;
    price: number;
    whyLost: string;
  };
  filtered: { stage: string; remaining: number }[];
}

export type NodeClaimPhase =
  'Pending' | 'Launched' | 'Registered' | 'Initialized' | 'Deleting' | 'Deleted' | 'Failed';

export interface NodeClaimRec {
  name: string;
  nodePool: string;
  phase: NodeClaimPhase;
  createdAt: number;
  requirements: NodeSelectorRequirementWithMinValues[];
  /** Instance-type options in price order (already truncated by the scheduler). */
  instanceTypes: string[];
  requests: Resources;
  labels: Record<string, string>;
  taints: Taint[];
  startupTaints: Taint[];
  /** The pods the solve planned onto it (keys) and the funnel that led to its type list. */
  plannedPods: string[];
  funnel: FunnelStage[];
  launch?: LaunchInfo;
  nodeName?: string;
  launchedAt?: number;
  registeredAt?: number;
  initializedAt?: number;
  deletingAt?: number;
  deletedAt?: number;
  error?: string;
}

export type NodeStateName =
  'not-ready' | 'ready' | 'cordoned' | 'draining' | 'terminating' | 'terminated';

export interface NodeRec {
  name: string;
  nodeClaim?: string;
  nodePool?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  taints: Taint[];
  unschedulable: boolean;
  capacity: Resources;
  allocatable: Resources;
  instanceType: string;
  /** A workspace Node of its pool whose type the catalog lacks (or that has no type label):
   *  Karpenter cannot resolve its instance type (disruption/wording.ts unresolvedTypeBlocker). */
  unknownType?: true;
  zone: string;
  capacityType: string;
  arch: string;
  price: number;
  priceIsEstimate: boolean;
  /** When the instance started billing (launch; 0 for workspace nodes). */
  billedFrom: number;
  createdAt: number;
  ready: boolean;
  readyAt?: number;
  drainingAt?: number;
  deletingAt?: number;
  terminatedAt?: number;
  /** Set by a spot interruption notice: the instance is reclaimed at this time. */
  reclaimAt?: number;
  /** CSINode allocatable.count per CSI driver, set when the node's CSI plugins register (Ready). */
  volumeLimits?: Record<string, number>;
}

export interface KarpenterState {
  installed: boolean;
  /** As given ("v1", "v1.14", "v0.31"); semantics follows from it. */
  version: string;
  semantics: Semantics;
}

export interface ClusterState {
  time: number;
  karpenter: KarpenterState;
  /** v1-shaped NodePools Karpenter uses (Provisioners already converted under v1alpha5). */
  nodePools: Map<string, NodePool>;
  /** Every other object by "Kind/namespace/name": workloads, DaemonSets, PDBs, node classes… */
  objects: Map<string, KubeObject>;
  pods: Map<string, PodRec>;
  nodeClaims: Map<string, NodeClaimRec>;
  /** Every node that ever existed; terminated ones stay with terminatedAt set. */
  nodes: Map<string, NodeRec>;
  /** ICE cache mirror: "capacityType:instanceType:zone" → until (ms). */
  unavailable: Map<string, number>;
}
