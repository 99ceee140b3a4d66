// Typed actions: what a Scenario's spec.actions, the UI console and the CLI's timed steps turn into.
// kubectl.ts parses command strings into these; run/actions.ts executes them. Data only.
import type { KubeObject, Taint, TaintEffect } from '../k8s.ts';

/** Kinds an action can name, normalised from kubectl's aliases (deploy, rs, sts, no, po…). */
export type TargetKind =
  | 'pod'
  | 'deployment'
  | 'replicaset'
  | 'statefulset'
  | 'daemonset'
  | 'node'
  | 'nodeclaim'
  | 'nodepool'
  | 'provisioner'
  | 'poddisruptionbudget'
  | 'persistentvolumeclaim';

export interface Target {
  kind: TargetKind;
  name: string;
  namespace: string;
}

export type Action =
  | { kind: 'scale'; target: Target; replicas: number }
  | { kind: 'delete'; target: Target }
  /** `kubectl apply -f <ref>`: a document held back in the input (matched by file or metadata.name). */
  | { kind: 'apply'; ref: string }
  | { kind: 'applyObject'; object: KubeObject }
  | { kind: 'cordon'; node: string }
  | { kind: 'uncordon'; node: string }
  | { kind: 'drain'; node: string }
  | { kind: 'annotate' | 'label'; target: Target; set: Record<string, string>; remove: string[] }
  /** `kubectl patch <kind> <name> [--type merge] -p <json>`: a merge patch (RFC 7386), or
   *  kubectl's default strategic merge patch for built-in kinds (lists of named items merge by
   *  name). */
  | { kind: 'patch'; target: Target; patch: Record<string, unknown>; type: 'merge' | 'strategic' }
  | { kind: 'taint'; node: string; add: Taint[]; remove: { key: string; effect?: TaintEffect }[] }
  | { kind: 'helm'; op: 'install' | 'upgrade' | 'uninstall'; version?: string }
  /** A spot interruption notice for the node's instance (§4.2). */
  | { kind: 'interrupt'; node: string }
  /** The cloud refuses an offering (InsufficientInstanceCapacity) for a while (§4.3). */
  | {
      kind: 'ice';
      instanceType: string;
      zone?: string;
      capacityType?: string;
      /** Milliseconds; default the ICE cache TTL. */
      forMs?: number;
    };

export interface TimedAction {
  /** Milliseconds since the simulation started. */
  at: number;
  action: Action;
  /** The text the action came from, kept for the timeline and error messages. */
  source: string;
}
