// The view model: what the page draws at one moment of the timeline. Plain JSON (it crosses the
// worker boundary by structured clone). Produced from the engine's timeline by src/pipeline/run.ts.

export type NodeState =
  'launching' | 'registering' | 'ready' | 'cordoned' | 'draining' | 'terminating' | 'terminated';

export interface NodeView {
  /** Stable card identity: the NodeClaim name (a launching NodeClaim and its node are one card). */
  key: string;
  name: string;
  nodeClaim: string;
  nodePool: string;
  instanceType: string;
  capacityType: string;
  zone: string;
  arch: string;
  pricePerHour: number;
  priceIsEstimate: boolean;
  state: NodeState;
  /** cpu in millicores, memory in bytes, pods as a count. */
  allocatable: { cpu: number; memory: number; pods: number };
  used: { cpu: number; memory: number; pods: number };
}

export type PodPhaseView =
  'Pending' | 'Nominated' | 'Running' | 'Starting' | 'Failed' | 'Terminating';

export interface PodView {
  /** namespace/name */
  key: string;
  name: string;
  namespace: string;
  phase: PodPhaseView;
  /** Key of the node card it is bound or nominated to. */
  node?: string;
  reason?: string;
  cpu: number;
  memory: number;
  daemon: boolean;
  /** Set when the pod mounts PersistentVolumeClaims: the canvas draws it as a volume. */
  volume?: PodVolumeView;
}

export interface PodVolumeView {
  /** Every claim is Bound to a volume (the glyph is dimmed until then). */
  bound: boolean;
  /** The zone(s) the pod's bound volumes live in, or the classes allow ("" when none). */
  zone: string;
  /** "data-web-0 → pvc-1a2b in us-east-1a": one line per claim, for the tooltip. */
  claims: string[];
}

export interface Frame {
  /** Milliseconds since the simulation started. */
  time: number;
  nodes: NodeView[];
  pods: PodView[];
  costPerHour: number;
  costTotal: number;
  /** $/h of running instances by "NodePool · capacity type". */
  costByGroup: Record<string, number>;
  /** $/h if the same instances were on-demand (the savings baseline). */
  baselinePerHour: number;
  /** $ spent up to `time` by "NodePool · capacity type" (sums to costTotal). */
  spentByGroup: Record<string, number>;
  /** $ the same instances would have cost up to `time` on-demand. */
  baselineSpent: number;
  /** The newest Kubernetes events at or before `time` (at most RECENT_EVENTS, oldest first): the
   *  Events panel's rows. Carried by the frame, not the result: at 2,000 pods the whole list was
   *  9,400 events, 1.7 MB of the result's 2.2 MB, for a panel that shows 200. */
  events: EventView[];
  /** What costPerHour pays for, by workload (sim/engine/workloadCost.ts): the most expensive
   *  WORKLOAD_ROWS, the rest summed, and the idle part. Built with the cards. */
  workloads?: WorkloadsView;
}

export interface WorkloadsView {
  rows: { workload: string; pods: number; perHour: number; daemon: boolean }[];
  others?: { workloads: number; pods: number; perHour: number };
  idle: number;
}

/** A frame's time and cost figures, without its cards: what every frame of a result carries. */
export type FrameSummary = Omit<Frame, 'nodes' | 'pods' | 'events' | 'workloads'>;

export interface EventView {
  /** Index of the event in the engine's timeline (for explain requests). */
  index: number;
  time: number;
  type: 'Normal' | 'Warning';
  reason: string;
  object: string;
  message: string;
  /** Not a Kubernetes event: an error Karpenter only writes to its log (a NodeClaim that Create
   *  refused), listed so the moment is not silent. */
  log?: true;
}

export interface DiagnosticView {
  severity: 'error' | 'warning';
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  path: string;
  /** A fix the UI can offer (today: convert old Karpenter APIs to v1). */
  fix?: { title: string; action: 'convert' };
}
