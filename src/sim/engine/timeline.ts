// A finished run: the initial state plus every event in order, with periodic snapshots so any
// moment can be rebuilt quickly — stateAt(t) = nearest snapshot + the events after it.
import type { Snapshot } from './runtime.ts';
import type { SimEvent } from './events.ts';
import { countAtOrBefore } from '../sorted.ts';
import { applyInPlace, cloneState, type ClusterState, type Semantics } from './state.ts';

export type StopReason = 'until' | 'quiet' | 'cap' | 'cancelled' | 'refused' | 'budget';

/** Where in the workspace a refusal points: an object and a field path inside it. */
export interface ObjectField {
  kind: string;
  name?: string;
  namespace?: string;
  path: readonly (string | number)[];
}

export interface Timeline {
  seed: number;
  karpenterVersion: string;
  semantics: Semantics;
  /** Where the run stopped (ms) and why. */
  end: number;
  stoppedBy: StopReason;
  /**
   * Set when the input was refused before the run (e.g. over the pod limit; the timeline is then
   * empty, stoppedBy 'refused') or the run hit a work budget (stoppedBy 'budget'; the timeline
   * holds everything up to that moment). Plain words, with the simulated time where it applies.
   */
  refused?: string;
  /** The field the refusal is about, when there is one (the CLI and the Problems list locate it). */
  refusedAt?: ObjectField;
  initial: ClusterState;
  events: SimEvent[];
  snapshots: Snapshot[];
  final: ClusterState;
  catalogSource: string;
  /** Timings that are assumptions, not Karpenter facts ("register: 30s (assumed)"). */
  assumptions: string[];
  warnings: string[];
}

/** Number of events with time ≤ t (events are in time order). */
export function countUpTo(events: readonly SimEvent[], t: number): number {
  return countAtOrBefore(events, t, (e) => e.t);
}

/** The cluster after every event up to and including time t. */
export function stateAt(timeline: Timeline, t: number): ClusterState {
  return stateAfter(timeline, countUpTo(timeline.events, t), t);
}

/** The cluster after the first `n` events. */
export function stateAfter(timeline: Timeline, n: number, t?: number): ClusterState {
  let base: Snapshot = { index: 0, state: timeline.initial };
  for (const s of timeline.snapshots) {
    if (s.index <= n) base = s;
    else break;
  }
  const state = cloneState(base.state);
  for (let i = base.index; i < n; i++) applyInPlace(state, timeline.events[i] as SimEvent);
  if (t !== undefined) state.time = Math.max(state.time, t);
  return state;
}
