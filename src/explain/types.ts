// View models the explanation panel renders: plain data only (strings, numbers, arrays, plain
// objects), so they cross the worker boundary with structuredClone and render without logic.
// Times are ms since the start (the engine's unit) next to a ready-made text ("43.8s").
import type { Catalog } from '../sim/catalog/index.ts';
import type { ClusterState } from '../sim/engine/index.ts';
import type { PodErrorKind } from '../sim/scheduling/types.ts';

/** One labelled value: "Instance type" → "m5.large". `note` flags caveats ("estimate"). */
export interface Fact {
  label: string;
  value: string;
  note?: string;
}

/** A moment in an object's life: "Launched" at 3358 ms → "3.4s". */
export interface Moment {
  label: string;
  at: number;
  text: string;
  detail?: string;
}

export interface FunnelStageView {
  stage: string;
  count: number;
  sentence: string;
}

export interface OfferingView {
  instanceType: string;
  zone: string;
  capacityType: string;
  pricePerHour: number;
  /** "$0.2800/h", with "(estimate)" when priceIsEstimate. */
  price: string;
  priceIsEstimate: boolean;
}

export interface ResourceUse {
  resource: string;
  allocatable: number;
  requested: number;
  /** "3 of 7.91 CPU (38%)" */
  text: string;
  percent: number;
}

export interface DisruptionView {
  /** 'derived': facts this module reads off the state, not the disruption simulator's verdict. */
  source: 'derived' | 'disruption';
  headline: string;
  /** Set when source is 'disruption': the simulator's state name and Karpenter's own reason. */
  state?: string;
  karpenterReason?: string;
  /** Karpenter's candidate checks that currently block disruption ("node isn't initialized"). */
  blockers: string[];
  facts: Fact[];
  /** Recent disruption events on this node or its NodeClaim (Unconsolidatable, DisruptionBlocked…). */
  events: { at: number; text: string; reason: string; message: string }[];
}

export interface NodeExplanation {
  kind: 'node';
  title: string;
  /** Node name (undefined while the NodeClaim has no Node yet). */
  node?: string;
  nodeClaim?: string;
  nodePool?: string;
  state: string;
  /**
   * The node (or its NodeClaim) is gone at this moment: deleted, or its launch failed, then. Its
   * live figures (allocatable, use, pods, consolidation) are left out; its story stays.
   */
  gone?: { label: 'Deleted' | 'Failed'; at: number; text: string };
  facts: Fact[];
  resources: ResourceUse[];
  /** Scheduler funnel: catalog → requirements → fits → limits → offerings (→ sent to the cloud). */
  funnel: FunnelStageView[];
  /** The funnel as one sentence: "2 instance types in the catalog → 2 match … → chosen …". */
  funnelSentence: string;
  /** The cloud provider's launch filters (compatible + available, exotic, spot price, truncate). */
  launchStages: FunnelStageView[];
  chosen?: OfferingView;
  runnerUp?: OfferingView & { whyLost: string };
  pods: { key: string; phase: string; requests: string; daemonSet: boolean }[];
  lifecycle: Moment[];
  disruption: DisruptionView;
  /** Caveats the UI must show (simplifications, missing data). */
  notes: string[];
}

export type PendingKind = PodErrorKind | 'notInstalled' | 'waiting' | 'launchFailed' | 'refused';

/** Why one NodePool cannot take the pod: our sentence next to Karpenter's own text. */
export interface PendingRow {
  nodePool: string;
  kind: PendingKind;
  sentence: string;
  karpenterMessage: string;
}

export interface PodExplanation {
  kind: 'pod';
  title: string;
  key: string;
  phase: string;
  owner?: string;
  requests: string;
  /** One line: where it went and why, or why it is Pending. */
  headline: string;
  journey: Moment[];
  placement?: { nodeClaim?: string; node?: string; nodePool?: string; instanceType?: string };
  /** Set while the pod waits: per NodePool rows plus the last messages seen. */
  pending?: { rows: PendingRow[]; karpenterMessage?: string; kubeSchedulerMessage?: string };
  /** Set when the pod mounts PersistentVolumeClaims. */
  volumes?: PodVolumes;
  notes: string[];
}

/** A pod's claims → volumes → zones, and why the zone constrained where it runs. */
export interface PodVolumes {
  rows: { claim: string; phase: string; storageClass: string; volume: string; zone: string }[];
  why: string;
}

export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

export interface ObjectChange {
  kind: 'pod' | 'node' | 'nodeClaim' | 'nodePool' | 'object' | 'offering' | 'karpenter';
  key: string;
  change: 'added' | 'removed' | 'changed';
  fields: FieldChange[];
}

export interface EventExplanation {
  index: number;
  at: number;
  time: string;
  type: string;
  sentence: string;
  /** Kubernetes-style event fields when the event is one (type 'k8s'). */
  k8s?: { type: string; reason: string; object: string; message: string };
  changes: ObjectChange[];
}

export interface RunSummary {
  at: number;
  paragraph: string;
  pods: { running: number; pending: number; other: number; total: number };
  nodes: { instanceType: string; capacityType: string; count: number; pricePerHour: number }[];
  perHour: number;
  /** The same instance types at their cheapest on-demand price; undefined without a catalog. */
  onDemandBaselinePerHour?: number;
  savingsPerHour?: number;
  savingsPercent?: number;
  totalCost: number;
  pricesAreEstimates: boolean;
}

/** What explanations may use beyond the timeline. */
export interface ExplainOptions {
  /** The catalog the run used (explainCatalog(input) rebuilds it); enables "largest type" and
   *  on-demand baseline figures. */
  catalog?: Catalog;
  /** The disruption simulator's own verdict for a node, once it offers one. */
  disruption?: (state: ClusterState, node: string, t: number) => DisruptionVerdict | undefined;
}

/** The disruption simulator's word on one node (see disruptionFromController). */
export interface DisruptionVerdict {
  headline: string;
  blockers: string[];
  /** Its state name: blocked, waiting, kept, budget, validating, disrupting, candidate… */
  state?: string;
  /** Karpenter's own text (DisruptionBlocked / Unconsolidatable) where one exists. */
  karpenterReason?: string;
  /** ms: when a countdown (consolidateAfter) ends. */
  until?: number;
  /** ms: when Karpenter next looks at consolidation, for a node waiting for it (not a countdown). */
  nextPass?: number;
  /** ms: since when the node has been consolidatable, by the controller's own pod-event times. */
  consolidatableSince?: number;
  /** v1.14+: nodes its pods may not move to now (inside their consolidateAfter), soonest first. */
  closedDestinations?: readonly { node: string; until: number }[];
}
