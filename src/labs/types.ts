// The shapes of a lab: what a labs/<id>/README.md parses into, the declarative checks a step
// carries, and what evaluating one returns. Types only.
import type { AutoscalerMetricName } from '../explain/autoscalers.ts';

/** Label selector written as "app=inflate" or "app=inflate,tier=web"; empty matches every pod. */
export type Selector = Readonly<Record<string, string>>;

/** When a check looks: a Go-style duration into the run ("5m"); absent = the end of the run. */
interface At {
  at?: number;
}

/**
 * Declarative assertions on the simulated cluster and its timeline (outcomes, not keystrokes).
 * Times are milliseconds once parsed (the Markdown says "5m").
 */
export type Check =
  | { kind: 'karpenterInstalled'; version?: string }
  /** Karpenter serves this NodePool (a Provisioner under v0.31 semantics) at the end. */
  | { kind: 'poolServed'; name: string }
  | ({ kind: 'podsRunning'; selector: Selector; count: number } & At)
  | ({ kind: 'noPendingPods' } & At)
  | {
      kind: 'allNodes';
      /** Every node that existed during the run (or, with `at`, the nodes alive then). */
      capacityType?: string;
      arch?: string;
      at?: number;
      /** Only the nodes of this NodePool / Provisioner. */
      nodePool?: string;
    }
  | ({
      kind: 'nodeCount';
      min?: number;
      max?: number;
      nodePool?: string;
      capacityType?: string;
    } & At)
  /** Nodes launched during the whole run (alive or not), optionally of one pool / capacity type. */
  | { kind: 'nodesLaunched'; min?: number; max?: number; nodePool?: string; capacityType?: string }
  /** Running pods spread over node label domains (zones by default) with at most maxSkew. */
  | ({
      kind: 'podsSpread';
      selector: Selector;
      topologyKey: string;
      maxSkew: number;
      minDomains?: number;
    } & At)
  /** The most NodeClaims Karpenter was disrupting at the same moment (deleting, not yet gone). */
  | { kind: 'disruptionsAtOnce'; max: number; min?: number; after?: number }
  /** NodeClaims Karpenter deleted for a reason (Empty, Underutilized, Drifted, Expired, Interrupted). */
  | {
      kind: 'nodeDisrupted';
      reason: string;
      min: number;
      max?: number;
      after?: number;
      before?: number;
      nodePool?: string;
    }
  /** The workspace has no errors (every document is valid for the Karpenter version). */
  | { kind: 'workspaceValid' }
  /** At every moment of the window, at least `min` matching pods were Running (what a PDB promises). */
  | { kind: 'minPodsRunning'; selector: Selector; min: number; after?: number; before?: number }
  /** A figure of the Karpenter or the Cluster Autoscaler run of the same workspace (Compare tab). */
  | {
      kind: 'autoscalerMetric';
      autoscaler: Autoscaler;
      metric: AutoscalerMetricName;
      min?: number;
      max?: number;
    }
  /** One autoscaler did strictly better (lower) than the other on a figure. */
  | { kind: 'autoscalerBetter'; metric: AutoscalerMetricName; better: Autoscaler }
  | { kind: 'cheapestFittingInstance'; nodePool?: string }
  | { kind: 'nodeTerminated'; after?: number; before?: number; min: number; max?: number }
  | ({ kind: 'costPerHour'; max?: number; min?: number } & At)
  | {
      kind: 'event';
      reason: string;
      object?: string;
      message?: string;
      after?: number;
      before?: number;
    }
  | { kind: 'podFailed'; reason: string; selector: Selector; message?: string }
  | { kind: 'consolidated'; after: number }
  /** Every matching Running pod is in `zone`, or (sameAsClaim) in the zone of its claims' volumes. */
  | ({ kind: 'podZone'; selector: Selector; zone?: string; sameAsClaim?: boolean } & At)
  /** Every matching claim (by its labels, or `name`) is Bound (to a volume in `zone`). */
  | ({ kind: 'claimBound'; selector: Selector; name?: string; zone?: string } & At)
  /** A matching pod is Pending, with kube-scheduler's or Karpenter's message containing `message`. */
  | ({ kind: 'podPending'; selector: Selector; message?: string } & At)
  /** No node ever had more than `max` distinct claims mounted by its pods. */
  | { kind: 'volumesPerNode'; max: number }
  /** A figure of the plan report (src/plan) of the run's first `kubectl apply -f <document>`. */
  | {
      kind: 'plan';
      document?: string;
      minDrifted?: number;
      /** A drifted NodeClaim's field contains this text (e.g. amiSelectorTerms). */
      field?: string;
      /** ms from the apply until the cluster is quiet again. */
      maxConverge?: number;
      /** ms: the longest a moved pod was not Running. */
      maxNotRunning?: number;
      /** $/h after − before. */
      maxCostDelta?: number;
      minCostDelta?: number;
    };

export type CheckKind = Check['kind'];

export type Autoscaler = 'karpenter' | 'clusterAutoscaler';

/** A figure of the Compare tab (src/explain/autoscalers.ts); times in ms, costs in dollars. */
export type { AutoscalerMetricName };

export interface CheckResult {
  /** The check in words ("5 pods app=inflate Running at the end"). */
  label: string;
  pass: boolean;
  /** On failure: exactly what is wrong. On success: the evidence (which node, which price). */
  message: string;
}

/** How a step's solution is played: a whole workspace, or console commands at playhead times. */
export type Solution =
  | { kind: 'workspace'; text: string }
  | { kind: 'console'; commands: { atMs: number; command: string }[] };

export interface LabStep {
  /** 1-based, as in "## Step 3: …" and the #lab=<id>&step=3 deep link. */
  n: number;
  title: string;
  /** The step's Markdown without its fenced lab blocks. */
  body: string;
  /** Workspace text to load for this step (undefined: keep the learner's workspace). */
  start?: string;
  checks: Check[];
  hints: string[];
  /** Played in order (a workspace, then console commands on it); empty when there is none. */
  solution: Solution[];
  /** Markdown shown once every check passes. */
  explain?: string;
}

export interface LabMeta {
  title: string;
  difficulty: string;
  duration: string;
  prerequisites: string[];
  karpenterVersion: string;
  summary?: string;
  /** Place in the lab list (a suggested learning path); labs without one come last, by id. */
  order?: number;
}

export interface Lab {
  id: string;
  meta: LabMeta;
  /** Markdown before the first step. */
  intro: string;
  steps: LabStep[];
}

export interface LabError {
  lab: string;
  /** 1-based line in the README, when known. */
  line?: number;
  message: string;
}
