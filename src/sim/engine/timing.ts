// The time model (../shared/DESIGN.md "Time model"). Karpenter's own numbers (batch windows,
// nomination window, ICE TTL, disruption polling) come from the behaviour reference; the boot
// times are ASSUMPTIONS about a typical EC2 + AL2023 node, and are labelled so in every output.
import { parseDuration } from './duration.ts';

export interface Timings {
  /** Karpenter BATCH_IDLE_DURATION (§1.1): the batch closes this long after the last new pod. */
  batchIdle: number;
  /** Karpenter BATCH_MAX_DURATION (§1.1): a batch never stays open longer than this. */
  batchMax: number;
  /** Assumption: CreateFleet returns an instance. */
  launch: number;
  /** Assumption: instance boots and the kubelet registers the Node. */
  register: number;
  /** Assumption: registered → Ready and startup taints removed (NodeClaim Initialized). */
  initialize: number;
  /** Assumption: image pull + container start after binding. */
  imagePull: number;
  /** Fraction of each boot stage drawn as seeded jitter, ± (0.2 = ±20%). */
  jitter: number;
  /** Assumption: instance shutdown after the drain completes. */
  shutdown: number;
  /** AWS spot interruption notice (§4.2). */
  spotNotice: number;
  /** Unavailable-offerings cache TTL after an InsufficientCapacity error (§4.3). */
  iceTtl: number;
  /** Disruption controller polling period when idle (§3.1). */
  disruptionPoll: number;
  /** Cap of the eviction retry backoff (100 ms doubling) when a PDB blocks an eviction (§3.14: 10 s). */
  evictionRetry: number;
  /** Assumption: the CSI driver creates a volume (CreateVolume → PV bound). */
  volumeProvision: number;
  /** Assumption: the attach/detach controller detaches a volume (ControllerUnpublish) once its pod is gone. */
  volumeDetach: number;
  /**
   * Assumption: Karpenter's computation time for one disruption dry run (SimulateScheduling), per
   * pod it places. Karpenter's published scheduling benchmark solves 0.75–1 ms per pod.
   */
  dryRunPerPod: number;
  /**
   * Assumption: the same dry run's cost per 1,000 nodes in the cluster (the snapshot of every node,
   * their existing-node and topology setup), whatever it moves. Consolidation's 3 min (single) and
   * 1 min (multi) timeouts run out on this modelled time; see disruption/pass.ts.
   */
  dryRunPer1kNodes: number;
}

export const DEFAULT_TIMINGS: Readonly<Timings> = {
  batchIdle: 1_000,
  batchMax: 10_000,
  launch: 2_000,
  register: 30_000,
  initialize: 15_000,
  imagePull: 2_000,
  jitter: 0.2,
  shutdown: 30_000,
  spotNotice: 120_000,
  iceTtl: 180_000,
  disruptionPoll: 10_000,
  evictionRetry: 10_000,
  volumeProvision: 5_000,
  volumeDetach: 10_000,
  dryRunPerPod: 1,
  dryRunPer1kNodes: 100,
};

/** Which timings are assumptions (shown to users as such), not Karpenter's documented numbers. */
export const ASSUMED_TIMINGS: readonly (keyof Timings)[] = [
  'launch',
  'register',
  'initialize',
  'imagePull',
  'shutdown',
  'volumeProvision',
  'volumeDetach',
  'dryRunPerPod',
  'dryRunPer1kNodes',
];

/** The boot stages that get seeded jitter (lifecycle.ts); the others are fixed. */
export const JITTERED: readonly (keyof Timings)[] = ['launch', 'register', 'initialize'];

/**
 * Merge Scenario overrides: spec.karpenter.batchIdleDuration / batchMaxDuration and
 * spec.karpenter.timings {launch: "5s", register: "1m", jitter: "0", …}. Unknown keys and
 * unparsable values are reported, never thrown.
 */
export function resolveTimings(karpenter?: {
  batchIdleDuration?: string;
  batchMaxDuration?: string;
  timings?: Record<string, string>;
}): { timings: Timings; warnings: string[] } {
  const timings: Timings = { ...DEFAULT_TIMINGS };
  const warnings: string[] = [];
  const set = (key: keyof Timings, raw: string, label: string): void => {
    if (key === 'jitter') {
      const v = Number(raw);
      if (Number.isFinite(v) && v >= 0 && v < 1) timings.jitter = v;
      else warnings.push(`${label}: jitter must be a fraction in [0, 1), got "${raw}"`);
      return;
    }
    const ms = parseDuration(raw);
    if (ms === undefined) warnings.push(`${label}: "${raw}" is not a duration`);
    // The poll divides time into periods; zero would divide by zero (validation refuses it too).
    else if (ms === 0 && key === 'disruptionPoll')
      warnings.push(`${label}: a repeat period must be more than 0`);
    else timings[key] = ms;
  };
  if (karpenter?.batchIdleDuration !== undefined)
    set('batchIdle', karpenter.batchIdleDuration, 'batchIdleDuration');
  if (karpenter?.batchMaxDuration !== undefined)
    set('batchMax', karpenter.batchMaxDuration, 'batchMaxDuration');
  for (const [k, v] of Object.entries(karpenter?.timings ?? {})) {
    // Own keys only: `constructor` or `toString` are "in" every object.
    if (Object.hasOwn(DEFAULT_TIMINGS, k)) set(k as keyof Timings, v, `timings.${k}`);
    else
      warnings.push(
        `timings.${k}: unknown timing (known: ${Object.keys(DEFAULT_TIMINGS).join(', ')})`,
      );
  }
  return { timings, warnings };
}

/** A boot stage with seeded jitter: base × (1 ± jitter), whole milliseconds. */
export function jittered(base: number, jitter: number, rng: () => number): number {
  return Math.max(0, Math.round(base * (1 + jitter * (2 * rng() - 1))));
}
