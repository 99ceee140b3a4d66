// What a learner compares between two autoscalers, read from any Timeline (Karpenter's or CA's):
// how long pods waited, what the run cost, and how much paid capacity sat idle. One pass over the
// events with the engine's own reducer (state.ts applyInPlace), so the figures agree with stateAt;
// cost is json.ts costAt.
//
// Definitions (DaemonSet pods are left out of the waiting figures: they follow nodes, not demand):
//   - pod wait: creation → Running of each pod (a pod recreated by its controller is a new pod);
//   - pending wave: a stretch of time during which at least one pod is not Running yet (Pending,
//     bound or not); `timeToAllRunning` is the longest wave: "from the first pod waiting to every
//     pod running again";
//   - idle capacity: allocatable no pod requests, summed over each instance's billed time (launch
//     to termination; before a node registers, all of its allocatable is idle);
//   - unrequested share: 1 − requested vCPU-hours / paid vCPU-hours (paid = the instances' full
//     vCPU capacity while billed, so system reservations and boot time count as unrequested).
import { costAt } from '../engine/json.ts';
import { applyInPlace, cloneState, isTerminal, type PodRec } from '../engine/state.ts';
import type { SimEvent } from '../engine/events.ts';
import type { Timeline } from '../engine/timeline.ts';

const HOUR = 3_600_000;
const GIB = 1024 ** 3;

export interface PendingWave {
  /** ms: the first pod started waiting. */
  start: number;
  /** ms: every pod was Running again; undefined when the run ended first. */
  end?: number;
  /** Pods that waited during the wave. */
  pods: number;
}

export interface AutoscalerMetrics {
  /** ms: the span measured (the timeline's end, or a longer common horizon). */
  horizon: number;
  pods: {
    /** Non-DaemonSet pods created during the run. */
    created: number;
    running: number;
    /** Created but never Running (still Pending at the horizon, or deleted while waiting). */
    neverRan: number;
    pendingAtEnd: number;
    /** ms: the longest creation → Running among pods that ran. */
    maxWait?: number;
    meanWait?: number;
  };
  waves: PendingWave[];
  /** ms: the longest completed wave; undefined when no pod waited or the last wave never ended. */
  timeToAllRunning?: number;
  /** False when pods are still waiting at the horizon. */
  allRunningAtEnd: boolean;
  cost: { totalUsd: number; perHourAtEnd: number };
  capacity: {
    paidVcpuHours: number;
    requestedVcpuHours: number;
    idleVcpuHours: number;
    idleMemoryGiBHours: number;
    /** 0..100: share of paid vCPU-hours no pod requested. */
    unrequestedCpuPercent: number;
  };
  nodes: { launched: number; peak: number; atEnd: number };
  /** Registered, not terminated nodes: a step series (value holds until the next point). */
  nodeSeries: { t: number; nodes: number }[];
  /** Waiting (not yet Running) pods: a step series. */
  pendingSeries: { t: number; pods: number }[];
}

/** `horizon` (ms, ≥ timeline.end) measures a quiet run over a longer span: the cluster stays as it ended. */
export function compareMetrics(timeline: Timeline, horizon = timeline.end): AutoscalerMetrics {
  const until = Math.max(horizon, timeline.end);
  const state = cloneState(timeline.initial);
  const bound = new Map<string, { uid: string; cpu: number; memory: number }>();
  const waiting = new Set<string>(); // keys of non-DaemonSet pods not Running yet
  const waits: number[] = [];
  const uids = new Set<string>();
  let created = 0;
  const acc = { alloc: 0, allocMem: 0, cap: 0, req: 0, reqMem: 0 };
  const integral = { paid: 0, requested: 0, idleCpu: 0, idleMem: 0 };
  let last = 0;
  let liveNodes = 0;
  let launched = 0;
  const nodeSeries: { t: number; nodes: number }[] = [{ t: 0, nodes: 0 }];
  const pendingSeries: { t: number; pods: number }[] = [{ t: 0, pods: 0 }];
  const waves: PendingWave[] = [];
  let wave: PendingWave | undefined;
  const wavePods = new Set<string>();

  const advance = (t: number): void => {
    const dt = Math.max(0, Math.min(t, until) - last) / HOUR;
    integral.paid += (acc.cap / 1000) * dt;
    integral.requested += (acc.req / 1000) * dt;
    integral.idleCpu += (Math.max(0, acc.alloc - acc.req) / 1000) * dt;
    integral.idleMem += (Math.max(0, acc.allocMem - acc.reqMem) / GIB) * dt;
    last = Math.max(last, Math.min(t, until));
  };
  const step = <T extends { t: number }>(series: T[], point: T): void => {
    const prev = series.at(-1);
    if (prev && prev.t === point.t) series[series.length - 1] = point;
    else series.push(point);
  };
  const release = (key: string): void => {
    const b = bound.get(key);
    if (!b) return;
    bound.delete(key);
    acc.req -= b.cpu;
    acc.reqMem -= b.memory;
  };
  const bind = (p: PodRec): void => {
    if (p.nodeName === undefined || isTerminal(p) || bound.get(p.key)?.uid === p.uid) return;
    release(p.key);
    const b = { uid: p.uid, cpu: p.requests.cpu ?? 0, memory: p.requests.memory ?? 0 };
    bound.set(p.key, b);
    acc.req += b.cpu;
    acc.reqMem += b.memory;
  };
  const startWaiting = (p: PodRec, t: number): void => {
    if (waiting.size === 0) {
      wave = { start: t, pods: 0 };
      waves.push(wave);
      wavePods.clear();
    }
    waiting.add(p.key);
    wavePods.add(p.uid);
  };
  const stopWaiting = (key: string, t: number): void => {
    if (!waiting.delete(key)) return;
    if (waiting.size === 0 && wave) {
      wave.end = t;
      wave.pods = wavePods.size;
      wave = undefined;
    }
  };

  for (const e of timeline.events as readonly SimEvent[]) {
    if (e.t > until) break;
    advance(e.t);
    // Records as they were before this event (the reducer replaces them).
    const before = 'pod' in e && typeof e.pod === 'string' ? state.pods.get(e.pod) : undefined;
    const nodeBefore =
      e.type === 'nodeclaim.deleted' && e.node !== undefined ? state.nodes.get(e.node) : undefined;
    applyInPlace(state, e);
    switch (e.type) {
      case 'pod.created': {
        const p = e.pod;
        if (!p.daemonSet && !uids.has(p.uid)) {
          uids.add(p.uid);
          created++;
          if (p.phase === 'Running') waits.push(0);
          else startWaiting(p, e.t);
        }
        bind(p);
        break;
      }
      case 'pod.bound': {
        const p = state.pods.get(e.pod);
        if (p) bind(p);
        break;
      }
      case 'pod.running':
        if (before && !before.daemonSet && waiting.has(e.pod)) waits.push(e.t - before.createdAt);
        stopWaiting(e.pod, e.t);
        break;
      case 'pod.failed': {
        const p = state.pods.get(e.pod);
        if (p && isTerminal(p)) release(e.pod);
        stopWaiting(e.pod, e.t);
        break;
      }
      case 'pod.terminating':
        stopWaiting(e.pod, e.t);
        break;
      case 'pod.deleted':
        release(e.pod);
        stopWaiting(e.pod, e.t);
        break;
      case 'nodeclaim.launched':
        if (e.t > 0) launched++;
        break;
      case 'node.registered': {
        const n = e.node;
        const alloc = n.allocatable.cpu ?? 0;
        const cap = n.capacity.cpu ?? alloc;
        // Billed since launch: the boot time before registration was paid and idle.
        const booted = Math.max(0, Math.min(e.t, until) - n.billedFrom) / HOUR;
        integral.paid += (cap / 1000) * booted;
        integral.idleCpu += (alloc / 1000) * booted;
        integral.idleMem += ((n.allocatable.memory ?? 0) / GIB) * booted;
        acc.alloc += alloc;
        acc.allocMem += n.allocatable.memory ?? 0;
        acc.cap += cap;
        liveNodes++;
        step(nodeSeries, { t: e.t, nodes: liveNodes });
        break;
      }
      case 'nodeclaim.deleted': {
        const n = nodeBefore;
        if (!n || n.terminatedAt !== undefined) break;
        acc.alloc -= n.allocatable.cpu ?? 0;
        acc.allocMem -= n.allocatable.memory ?? 0;
        acc.cap -= n.capacity.cpu ?? n.allocatable.cpu ?? 0;
        liveNodes--;
        step(nodeSeries, { t: e.t, nodes: liveNodes });
        break;
      }
      default:
        break;
    }
    if (pendingSeries.at(-1)?.pods !== waiting.size)
      step(pendingSeries, { t: e.t, pods: waiting.size });
  }
  advance(until);
  if (wave) wave.pods = wavePods.size;
  const completed = waves.filter((w) => w.end !== undefined);
  const cost = costAt(timeline.final, until);
  return {
    horizon: until,
    pods: {
      created,
      running: [...state.pods.values()].filter((p) => !p.daemonSet && p.phase === 'Running').length,
      neverRan: created - waits.length,
      pendingAtEnd: waiting.size,
      ...(waits.length > 0
        ? {
            maxWait: Math.max(...waits),
            meanWait: Math.round(waits.reduce((a, b) => a + b, 0) / waits.length),
          }
        : {}),
    },
    waves,
    ...(completed.length > 0 && waiting.size === 0
      ? { timeToAllRunning: Math.max(...completed.map((w) => (w.end ?? 0) - w.start)) }
      : {}),
    allRunningAtEnd: waiting.size === 0,
    cost: { totalUsd: cost.total, perHourAtEnd: cost.perHour },
    capacity: {
      paidVcpuHours: round(integral.paid),
      requestedVcpuHours: round(integral.requested),
      idleVcpuHours: round(integral.idleCpu),
      idleMemoryGiBHours: round(integral.idleMem),
      unrequestedCpuPercent:
        integral.paid > 0 ? round(100 * (1 - integral.requested / integral.paid), 2) : 0,
    },
    nodes: {
      launched,
      peak: Math.max(...nodeSeries.map((s) => s.nodes)),
      atEnd: liveNodes,
    },
    nodeSeries,
    pendingSeries,
  };
}

const round = (v: number, d = 4): number => Math.round(v * 10 ** d) / 10 ** d;
