// The timeline's vocabulary: typed events as data (convention 8). Views animate them, lab checks
// read them, and state.ts `apply` folds them into a ClusterState. Kubernetes-style events (what
// `kubectl get events` would show, with Karpenter's own reason strings) travel as `k8s` events.
import type { KubeObject, PersistentVolume, PersistentVolumeClaim } from '../k8s.ts';
import type { PodError } from '../scheduling/types.ts';
import type { TimedAction } from './actions.ts';
import type { KarpenterState, LaunchInfo, NodeClaimRec, NodeRec, PodRec } from './state.ts';

export interface KubeEvent {
  /** ms since the start. */
  time: number;
  type: 'Normal' | 'Warning';
  reason: string;
  /** "pod/default/inflate-…", "nodeclaim/default-x2k9q", "node/ip-…", "nodepool/default" */
  object: string;
  message: string;
  /** Set on a repeat the event recorder aggregated (kube-scheduler's FailedScheduling): the
   *  occurrences so far of this (object, reason, message) and when the first was seen; `time` is
   *  the last. kubectl shows it as "(x4 over 2m)". Absent on a first occurrence. */
  count?: number;
  firstTime?: number;
}

type At<T> = T & { t: number };

export type SimEvent = At<
  | { type: 'karpenter.changed'; karpenter: KarpenterState }
  | { type: 'object.applied'; object: KubeObject }
  | { type: 'object.deleted'; kind: string; key: string }
  /** A controller created a claim (StatefulSet template, ephemeral volume); `by` is its owner key. */
  | { type: 'claim.created'; claim: PersistentVolumeClaim; by?: string }
  /** The provisioner created `volume` for claim "ns/name", which is now Bound to it. */
  | { type: 'volume.provisioned'; claim: string; volume: PersistentVolume }
  | { type: 'pod.created'; pod: PodRec }
  | { type: 'pod.unschedulable'; pod: string; reason: string; message: string; error?: PodError }
  | { type: 'pod.nominated'; pod: string; nodeClaim: string }
  | { type: 'pod.bound'; pod: string; node: string }
  | { type: 'pod.running'; pod: string }
  | { type: 'pod.failed'; pod: string; reason: string; message: string }
  | { type: 'pod.terminating'; pod: string }
  | { type: 'pod.deleted'; pod: string }
  | { type: 'nodeclaim.created'; nodeClaim: NodeClaimRec }
  | { type: 'nodeclaim.launched'; nodeClaim: string; launch: LaunchInfo }
  | { type: 'nodeclaim.failed'; nodeClaim: string; error: string }
  /** provisioner.go Create refused a planned NodeClaim: the pool's usage from before the batch is
   *  above a limit (`resource` is the first such, in name order). Nothing is created or nominated.
   *  With `disruption`, the NodeClaim was a disruption command's replacement: `pods` is empty (the
   *  candidates' pods stay where they run) and the command failed (queue.go StartCommand). */
  | {
      type: 'nodeclaim.refused';
      nodePool: string;
      pods: string[];
      resource: string;
      usage: number;
      limit: number;
      disruption?: {
        reason: string;
        nodes: string[];
        /** The pods the command would move, and the refused replacement's instance types. */
        pods: number;
        instanceTypes: string[];
        capacityTypes: string[];
      };
    }
  | { type: 'node.registered'; node: NodeRec }
  | { type: 'node.ready'; node: string; nodeClaim?: string }
  | {
      type: 'node.updated';
      node: string;
      patch: Partial<
        Pick<NodeRec, 'labels' | 'annotations' | 'taints' | 'unschedulable' | 'volumeLimits'>
      >;
    }
  | { type: 'node.draining'; node: string }
  | { type: 'node.interrupted'; node: string; reclaimAt: number }
  | { type: 'nodeclaim.deleting'; nodeClaim: string; node?: string; reason: string }
  | { type: 'nodeclaim.deleted'; nodeClaim: string; node?: string }
  | { type: 'offering.unavailable'; offering: string; until: number }
  | { type: 'offering.available'; offering: string }
  | { type: 'k8s'; event: KubeEvent }
  | { type: 'action'; action: TimedAction; error?: string }
  /** Marks where a run stopped early (limit, cancellation); carries the reason. */
  | { type: 'progress'; note: string }
>;

export type SimEventType = SimEvent['type'];
