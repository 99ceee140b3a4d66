// Which pods a drain waits for and in what order (reference §3.14, Karpenter's terminator): pure
// decisions over one pod, so termination.ts only sequences them in time.
import type { Pod, Taint } from '../k8s.ts';
import { toleratesTaint } from '../scheduling/taints.ts';
import { atLeast, karpenterVersion } from '../version.ts';
import { parseDuration } from './duration.ts';
import { DISRUPTED_TAINT } from './lifecycle.ts';
import type { PodRec, Semantics } from './state.ts';

/** Kubernetes' default pod terminationGracePeriodSeconds. */
export const DEFAULT_POD_GRACE_MS = 30_000;

/** Karpenter's eviction retry: exponential from 100 ms, capped (10 s upstream; `timings.evictionRetry`). */
export const EVICTION_BACKOFF_BASE_MS = 100;

const CRITICAL = new Set(['system-cluster-critical', 'system-node-critical']);

/** The pod annotation that keeps a pod from being evicted, by API generation (§3.16). */
export function doNotDisruptAnnotation(semantics: Semantics): string {
  return semantics === 'v1alpha5' ? 'karpenter.sh/do-not-evict' : 'karpenter.sh/do-not-disrupt';
}

/**
 * Drain tier: 0 non-critical non-DaemonSet, 1 non-critical DaemonSet, 2 critical non-DaemonSet,
 * 3 critical DaemonSet. A tier must be empty before the next one is evicted.
 */
export function drainTier(p: PodRec): number {
  const critical = CRITICAL.has(p.pod.spec.priorityClassName ?? '');
  return (critical ? 2 : 0) + (p.daemonSet ? 1 : 0);
}

/** Karpenter leaves pods alone that tolerate its disrupted taint (they would land right back). */
export function toleratesDisrupted(pod: Pod, taint: Taint = DISRUPTED_TAINT): boolean {
  return (pod.spec.tolerations ?? []).some((t) => toleratesTaint(t, taint));
}

/** The pod's own grace period in ms (spec.terminationGracePeriodSeconds, default 30 s). */
export function podGraceMs(pod: Pod): number {
  const s = pod.spec.terminationGracePeriodSeconds;
  return typeof s === 'number' && s >= 0 ? Math.round(s * 1000) : DEFAULT_POD_GRACE_MS;
}

/**
 * Whether the pod's do-not-disrupt annotation (`key`) protects it at `now` (upstream
 * IsDoNotDisruptActive, shared by candidate gathering and the drain): "true" always; with
 * `durations` (Karpenter v1.12+) also a positive duration ("15m") until the pod has run that
 * long since it started, and a pod not started yet (fail safe). Any other value is ignored, and
 * before v1.12 a duration is such a value.
 */
export function doNotDisruptActive(
  p: PodRec,
  key: string,
  now: number,
  durations: boolean,
): boolean {
  const v = p.pod.metadata.annotations?.[key];
  if (v === undefined) return false;
  if (v === 'true') return true;
  if (!durations) return false;
  const d = parseDuration(v);
  // Go's time.ParseDuration needs a unit ("5" is invalid), and the value must be positive.
  if (d === undefined || !(d > 0) || /^\s*[-+]?\d+(\.\d+)?\s*$/.test(v)) return false;
  return p.startedAt === undefined || now - p.startedAt < d;
}

/** Whether this Karpenter reads a do-not-disrupt duration (v1.12+, kubernetes-sigs/karpenter#2874). */
export function doNotDisruptDurations(k: { semantics: Semantics; version?: string }): boolean {
  return k.semantics === 'v1' && atLeast(karpenterVersion(k.version), 1, 12);
}

/** Why the pod's do-not-disrupt annotation stops its eviction now, or undefined. */
export function doNotDisruptBlocks(
  p: PodRec,
  now: number,
  semantics: Semantics,
  durations: boolean,
): string | undefined {
  const key = doNotDisruptAnnotation(semantics);
  if (!doNotDisruptActive(p, key, now, durations)) return undefined;
  const v = p.pod.metadata.annotations?.[key];
  return v === 'true'
    ? `pod has the ${key} annotation`
    : `pod has the ${key} annotation (${v ?? ''}, not yet elapsed)`;
}

/** The next eviction retry delay after `attempts` blocked tries: 100 ms, 200 ms, … up to `cap`. */
export function evictionBackoff(attempts: number, cap: number): number {
  return Math.min(cap, EVICTION_BACKOFF_BASE_MS * 2 ** Math.min(attempts, 30));
}

/**
 * When a pod must be deleted so it still gets its full grace before the node's
 * terminationGracePeriod runs out: nodeDeadline − pod grace (never before now).
 */
export function expiringDeleteAt(nodeDeadline: number, pod: Pod): number {
  return nodeDeadline - podGraceMs(pod);
}

/**
 * The grace a pod deleted for the node's terminationGracePeriod gets (terminator.go
 * DeleteExpiringPods): the whole seconds left to the node's termination time, at least 1 s so it
 * is never a force-delete (kubernetes-sigs/karpenter#3038).
 */
export function forcedGraceSeconds(deadline: number, now: number): number {
  return Math.max(Math.floor((deadline - now) / 1000), 1);
}
