// The engine's view of Kubernetes and Karpenter API objects: the subset of fields the lab reads,
// shaped exactly like the JSON the API server stores (so `kubectl get -o yaml` output and the
// learner's YAML map onto it directly). Quantities stay strings here; src/sim/quantity.ts parses them.
// src/manifests produces these objects (validated); src/sim consumes them. Keep this file types-only.

export type Labels = Readonly<Record<string, string>>;
export type ResourceList = Readonly<Record<string, string | number>>;

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  ownerReferences?: OwnerReference[];
}

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid?: string;
  controller?: boolean;
}

export interface TypeMeta {
  apiVersion: string;
  kind: string;
}

// ---------- core/v1 scheduling vocabulary ----------

export type NodeSelectorOperator =
  'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt' | 'Gte' | 'Lte';

export interface NodeSelectorRequirement {
  key: string;
  operator: NodeSelectorOperator;
  values?: string[];
}

/** Karpenter's requirement shape (NodePool / NodeClaim): a node selector requirement plus minValues. */
export interface NodeSelectorRequirementWithMinValues extends NodeSelectorRequirement {
  minValues?: number;
}

export interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}

export interface PreferredSchedulingTerm {
  weight: number;
  preference: NodeSelectorTerm;
}

export interface NodeAffinity {
  requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms: NodeSelectorTerm[] };
  preferredDuringSchedulingIgnoredDuringExecution?: PreferredSchedulingTerm[];
}

export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

export interface PodAffinityTerm {
  labelSelector?: LabelSelector;
  namespaces?: string[];
  namespaceSelector?: LabelSelector;
  topologyKey: string;
  matchLabelKeys?: string[];
  mismatchLabelKeys?: string[];
}

export interface WeightedPodAffinityTerm {
  weight: number;
  podAffinityTerm: PodAffinityTerm;
}

export interface PodAffinity {
  requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTerm[];
  preferredDuringSchedulingIgnoredDuringExecution?: WeightedPodAffinityTerm[];
}

export interface Affinity {
  nodeAffinity?: NodeAffinity;
  podAffinity?: PodAffinity;
  podAntiAffinity?: PodAffinity;
}

export type TaintEffect = 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';

export interface Taint {
  key: string;
  value?: string;
  effect: TaintEffect;
}

export interface Toleration {
  key?: string;
  operator?: 'Exists' | 'Equal';
  value?: string;
  effect?: TaintEffect;
  tolerationSeconds?: number;
}

export interface TopologySpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  whenUnsatisfiable: 'DoNotSchedule' | 'ScheduleAnyway';
  labelSelector?: LabelSelector;
  minDomains?: number;
  matchLabelKeys?: string[];
  nodeAffinityPolicy?: 'Honor' | 'Ignore';
  nodeTaintsPolicy?: 'Honor' | 'Ignore';
}

export interface ContainerPort {
  containerPort: number;
  hostPort?: number;
  protocol?: 'TCP' | 'UDP' | 'SCTP';
  hostIP?: string;
  name?: string;
}

export interface ResourceRequirements {
  requests?: ResourceList;
  limits?: ResourceList;
}

export interface Container {
  name: string;
  image?: string;
  command?: string[];
  args?: string[];
  resources?: ResourceRequirements;
  ports?: ContainerPort[];
  /** Native sidecar when set to Always on an init container (Kubernetes 1.28+). */
  restartPolicy?: 'Always';
}

export interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  nodeSelector?: Record<string, string>;
  nodeName?: string;
  affinity?: Affinity;
  tolerations?: Toleration[];
  topologySpreadConstraints?: TopologySpreadConstraint[];
  priorityClassName?: string;
  priority?: number;
  runtimeClassName?: string;
  /** RuntimeClass overhead.podFixed, set at admission from the pod's RuntimeClass. */
  overhead?: ResourceList;
  /** Pod-level resources (Kubernetes 1.32+). */
  resources?: ResourceRequirements;
  terminationGracePeriodSeconds?: number;
  schedulerName?: string;
  volumes?: Volume[];
}

/**
 * A pod volume. Only the two kinds that name a PersistentVolumeClaim are typed: Karpenter and
 * kube-scheduler skip every other source (emptyDir, configMap, …), which the schema keeps as-is.
 */
export interface Volume {
  name: string;
  persistentVolumeClaim?: { claimName: string; readOnly?: boolean };
  /** Generic ephemeral volume: the ephemeral-volume controller creates claim `<pod>-<volume>`. */
  ephemeral?: { volumeClaimTemplate: { metadata?: ObjectMeta; spec: PersistentVolumeClaimSpec } };
  /** Node-local sources Cluster Autoscaler's drain rules read; every other source is kept untyped. */
  emptyDir?: { medium?: string; sizeLimit?: string } | null;
  hostPath?: { path: string; type?: string };
}

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';

export interface PodStatus {
  phase?: PodPhase;
  nominatedNodeName?: string;
  startTime?: string;
  conditions?: {
    type: string;
    status: 'True' | 'False' | 'Unknown';
    reason?: string;
    message?: string;
  }[];
}

export interface Pod extends TypeMeta {
  kind: 'Pod';
  metadata: ObjectMeta;
  spec: PodSpec;
  status?: PodStatus;
}

export interface PodTemplateSpec {
  metadata?: ObjectMeta;
  spec: PodSpec;
}

export interface Deployment extends TypeMeta {
  kind: 'Deployment' | 'ReplicaSet' | 'StatefulSet';
  metadata: ObjectMeta;
  spec: {
    replicas?: number;
    selector?: LabelSelector;
    template: PodTemplateSpec;
    /** StatefulSet only (the schema prunes it elsewhere): claim `<template>-<sts>-<ordinal>` per pod. */
    volumeClaimTemplates?: { metadata?: ObjectMeta; spec: PersistentVolumeClaimSpec }[];
    /** StatefulSet only; both default to Retain (claims outlive their pods). */
    persistentVolumeClaimRetentionPolicy?: {
      whenDeleted?: 'Retain' | 'Delete';
      whenScaled?: 'Retain' | 'Delete';
    };
  };
}

/** A StatefulSet is stored as a Deployment-shaped workload with its claim templates. */
export type StatefulSet = Deployment & { kind: 'StatefulSet' };

export interface DaemonSet extends TypeMeta {
  kind: 'DaemonSet';
  metadata: ObjectMeta;
  spec: {
    selector?: LabelSelector;
    template: PodTemplateSpec;
  };
}

export interface PodDisruptionBudget extends TypeMeta {
  kind: 'PodDisruptionBudget';
  metadata: ObjectMeta;
  spec: {
    minAvailable?: number | string;
    maxUnavailable?: number | string;
    selector?: LabelSelector;
    unhealthyPodEvictionPolicy?: 'IfHealthyBudget' | 'AlwaysAllow';
  };
}

export interface Node extends TypeMeta {
  kind: 'Node';
  metadata: ObjectMeta;
  spec?: { taints?: Taint[]; unschedulable?: boolean; providerID?: string };
  status?: { capacity?: ResourceList; allocatable?: ResourceList };
}

/** node.k8s.io/v1 RuntimeClass: applied to its pods at admission (engine/runtimeClass.ts). */
export interface RuntimeClass extends TypeMeta {
  kind: 'RuntimeClass';
  metadata: ObjectMeta;
  handler: string;
  overhead?: { podFixed?: ResourceList };
  scheduling?: { nodeSelector?: Record<string, string>; tolerations?: Toleration[] };
}

// ---------- storage (storage.k8s.io/v1 StorageClass, CSINode; core/v1 PVC, PV) ----------

export type VolumeBindingMode = 'Immediate' | 'WaitForFirstConsumer';

/** One allowedTopologies term: every expression is `key In values` (ANDed). */
export interface TopologySelectorTerm {
  matchLabelExpressions?: { key: string; values: string[] }[];
}

export interface StorageClass extends TypeMeta {
  kind: 'StorageClass';
  metadata: ObjectMeta;
  provisioner: string;
  /** The API server defaults an absent field to Immediate; the engine stores that default. */
  volumeBindingMode?: VolumeBindingMode;
  allowedTopologies?: TopologySelectorTerm[];
  reclaimPolicy?: 'Delete' | 'Retain' | 'Recycle';
  allowVolumeExpansion?: boolean;
  parameters?: Record<string, string>;
}

export interface PersistentVolumeClaimSpec {
  /**
   * Absent: the DefaultStorageClass admission plugin fills in the default class at creation.
   * "" means "no class" (only a pre-created PV can satisfy it). null is kept as absent.
   */
  storageClassName?: string;
  volumeName?: string;
  accessModes?: string[];
  resources?: { requests?: ResourceList; limits?: ResourceList };
  volumeMode?: 'Filesystem' | 'Block';
  selector?: LabelSelector;
}

export type ClaimPhase = 'Pending' | 'Bound' | 'Lost';

export interface PersistentVolumeClaim extends TypeMeta {
  kind: 'PersistentVolumeClaim';
  /** `deletionTimestamp` is kept: a deleting claim makes its pods unschedulable. */
  metadata: ObjectMeta;
  spec: PersistentVolumeClaimSpec;
  /** Kept from the workspace (a Lost claim blocks its pods); the engine sets Bound. */
  status?: { phase?: ClaimPhase };
}

export interface PersistentVolume extends TypeMeta {
  kind: 'PersistentVolume';
  metadata: ObjectMeta;
  spec: {
    capacity?: ResourceList;
    accessModes?: string[];
    storageClassName?: string;
    persistentVolumeReclaimPolicy?: 'Delete' | 'Retain' | 'Recycle';
    volumeMode?: 'Filesystem' | 'Block';
    claimRef?: { namespace?: string; name: string };
    nodeAffinity?: { required?: { nodeSelectorTerms: NodeSelectorTerm[] } };
    csi?: { driver: string; volumeHandle: string; fsType?: string; readOnly?: boolean };
    /** In-tree EBS: counted as ebs.csi.aws.com (CSI migration). */
    awsElasticBlockStore?: { volumeID: string; fsType?: string };
    local?: { path: string };
    hostPath?: { path: string; type?: string };
    nfs?: { server: string; path: string; readOnly?: boolean };
  };
}

/** What a node's CSI plugins report (imported clusters); allocatable.count is the attach limit. */
export interface CSINode extends TypeMeta {
  kind: 'CSINode';
  metadata: ObjectMeta;
  spec: {
    drivers: {
      name: string;
      nodeID?: string;
      topologyKeys?: string[];
      allocatable?: { count?: number };
    }[];
  };
}

// ---------- Karpenter ----------

export interface NodeClassReference {
  group?: string;
  kind?: string;
  name: string;
  apiVersion?: string;
}

export interface Budget {
  nodes: string;
  schedule?: string;
  duration?: string;
  reasons?: ('Underutilized' | 'Empty' | 'Drifted')[];
}

export type ConsolidationPolicy =
  | 'WhenEmpty'
  | 'WhenEmptyOrUnderutilized'
  | 'Balanced'
  /** v1beta1 name; converted to WhenEmptyOrUnderutilized. */
  | 'WhenUnderutilized';

/** karpenter.sh/v1 (and v1beta1, which has the same shape but for the disruption block). */
export interface NodePool extends TypeMeta {
  kind: 'NodePool';
  metadata: ObjectMeta;
  spec: {
    template: {
      metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
      spec: {
        requirements?: NodeSelectorRequirementWithMinValues[];
        taints?: Taint[];
        startupTaints?: Taint[];
        nodeClassRef?: NodeClassReference;
        /** Duration string or "Never"; default 720h. */
        expireAfter?: string;
        terminationGracePeriod?: string;
        /** v1beta1 only: kubelet moved to EC2NodeClass in v1. */
        kubelet?: KubeletConfiguration;
      };
    };
    disruption?: {
      consolidationPolicy?: ConsolidationPolicy;
      /** Duration string or "Never"; default 0s. */
      consolidateAfter?: string;
      /** v1beta1 only. */
      expireAfter?: string;
      budgets?: Budget[];
    };
    limits?: ResourceList;
    weight?: number;
    replicas?: number;
  };
}

export interface KubeletConfiguration {
  maxPods?: number;
  podsPerCore?: number;
  systemReserved?: Record<string, string>;
  kubeReserved?: Record<string, string>;
  evictionHard?: Record<string, string>;
  evictionSoft?: Record<string, string>;
  clusterDNS?: string[];
}

/** karpenter.sh/v1alpha5 (Karpenter ≤ v0.31). */
export interface Provisioner extends TypeMeta {
  kind: 'Provisioner';
  metadata: ObjectMeta;
  spec: {
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    taints?: Taint[];
    startupTaints?: Taint[];
    requirements?: NodeSelectorRequirement[];
    kubeletConfiguration?: KubeletConfiguration;
    providerRef?: NodeClassReference;
    provider?: Record<string, unknown>;
    ttlSecondsAfterEmpty?: number;
    ttlSecondsUntilExpired?: number;
    limits?: { resources?: ResourceList };
    weight?: number;
    consolidation?: { enabled?: boolean };
  };
}

export interface EC2NodeClass extends TypeMeta {
  kind: 'EC2NodeClass';
  metadata: ObjectMeta;
  spec: {
    amiFamily?: string;
    amiSelectorTerms?: Record<string, unknown>[];
    subnetSelectorTerms?: Record<string, unknown>[];
    securityGroupSelectorTerms?: Record<string, unknown>[];
    role?: string;
    instanceProfile?: string;
    kubelet?: KubeletConfiguration;
    tags?: Record<string, string>;
    userData?: string;
    blockDeviceMappings?: unknown[];
    metadataOptions?: Record<string, unknown>;
  };
}

export interface AWSNodeTemplate extends TypeMeta {
  kind: 'AWSNodeTemplate';
  metadata: ObjectMeta;
  spec: {
    amiFamily?: string;
    amiSelector?: Record<string, string>;
    subnetSelector?: Record<string, string>;
    securityGroupSelector?: Record<string, string>;
    instanceProfile?: string;
    tags?: Record<string, string>;
    userData?: string;
    blockDeviceMappings?: unknown[];
    metadataOptions?: Record<string, unknown>;
  };
}

// ---------- the lab's own Scenario document (lab.karpenter.playground/v1alpha1) ----------

export interface ScenarioInstanceType {
  name: string;
  cpu: string | number;
  memory: string;
  pods: number;
  arch?: string;
  os?: string[];
  labels?: Record<string, string>;
  resources?: ResourceList;
  overhead?: ResourceList;
  /** CSINode attach limits per CSI driver for nodes of this type (replaces the EBS figure). */
  volumeLimits?: Record<string, number>;
  offerings?: {
    zone: string;
    capacityType: 'spot' | 'on-demand' | 'reserved';
    /** Default: Karpenter's fake price for the type (catalog/scenario.ts fakePrice). */
    price?: number;
    available?: boolean;
  }[];
}

export type ScenarioAction = { at: string } & (
  | { run: string }
  | { interrupt: { node: string } }
  | { ice: { instanceType: string; zone?: string; capacityType?: string; for?: string } }
);

export interface Scenario extends TypeMeta {
  kind: 'Scenario';
  metadata: ObjectMeta;
  spec: {
    region?: string;
    zones?: string[];
    karpenter?: {
      installed?: boolean;
      /** "v1" (default, latest v1.x semantics), "v1.14", "v0.31" (v1alpha5 semantics), … */
      version?: string;
      featureGates?: Record<string, boolean>;
      batchIdleDuration?: string;
      batchMaxDuration?: string;
      minValuesPolicy?: 'Strict' | 'BestEffort';
      preferencePolicy?: 'Respect' | 'Ignore';
      spotAllocation?: 'lowest-price' | 'price-capacity-optimized';
      timings?: Record<string, string>;
      /** Off by default: a seeded spot-interruption MODEL from the Spot Advisor buckets (not AWS data). */
      interruptionModel?: boolean;
    };
    /**
     * The Cluster Autoscaler comparison run (src/sim/clusterAutoscaler): one ASG-style node group.
     * Durations are Go durations ("10s", "10m"); every field defaults to CA's own default.
     */
    clusterAutoscaler?: {
      nodeGroup?: string;
      instanceType?: string;
      capacityType?: 'on-demand' | 'spot';
      minSize?: number;
      maxSize?: number;
      scanInterval?: string;
      asgLaunchDelay?: string;
      scaleDownUnneededTime?: string;
      scaleDownDelayAfterAdd?: string;
      scaleDownUtilizationThreshold?: number;
      maxEmptyBulkDelete?: number;
    };
    /** The EBS CSI driver (installed unless false) and its attach-limit flags. */
    storage?: {
      ebsCsiDriver?: boolean;
      /** --volume-attach-limit: every node reports this many attachable volumes. */
      volumeAttachLimit?: number;
      /** --reserved-volume-attachments (default: the root volume). */
      reservedVolumeAttachments?: number;
    };
    instanceTypes?: ScenarioInstanceType[];
    actions?: ScenarioAction[];
    images?: Record<string, string[]>;
    until?: string;
    seed?: number;
  };
}

export type KubeObject =
  | Pod
  | Deployment
  | DaemonSet
  | PodDisruptionBudget
  | Node
  | RuntimeClass
  | StorageClass
  | PersistentVolumeClaim
  | PersistentVolume
  | CSINode
  | NodePool
  | Provisioner
  | EC2NodeClass
  | AWSNodeTemplate
  | Scenario;

export type KubeKind = KubeObject['kind'];
