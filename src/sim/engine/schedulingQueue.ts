// kube-scheduler's scheduling queue (pkg/scheduler/backend/queue/scheduling_queue.go), reduced to
// what the lab models. A new pod is active (tried by the next pass). A pod that fails goes to the
// unschedulable pool with a backoff of 1 s doubling per failed attempt up to 10 s
// (podInitialBackoffSeconds / podMaxBackoffSeconds). A cluster event that may let it fit (a node
// added, Ready or changed, an assigned pod deleted, …) moves it back: at once if its backoff has
// run out, else when it does. A pod no event moves is retried after 5 minutes in the pool
// (podMaxInUnschedulablePodsDuration).
//
// Simplifications (docs/simplifications.md): the 5-minute flush fires exactly at 5 minutes
// (upstream checks every 30 s); which events move which pods is coarser than upstream's per-plugin
// queueing hints (see kubescheduler.ts); there is no moveRequestCycle (a pod failing in a pass
// during which an event arrived waits for the next event).
import type { Sim } from './runtime.ts';

export const INITIAL_BACKOFF_MS = 1_000;
export const MAX_BACKOFF_MS = 10_000;
export const MAX_UNSCHEDULABLE_MS = 5 * 60_000;

/** Backoff after `attempts` failed attempts: 1 s, 2 s, 4 s, 8 s, then 10 s. */
export function backoffMs(attempts: number): number {
  let d = INITIAL_BACKOFF_MS;
  for (let i = 1; i < attempts; i++) {
    d *= 2;
    if (d >= MAX_BACKOFF_MS) return MAX_BACKOFF_MS;
  }
  return d;
}

interface Entry {
  where: 'active' | 'backoff' | 'unschedulable';
  attempts: number;
  /** When the last failed attempt's backoff runs out. */
  backoffUntil: number;
  /** When it entered the unschedulable pool (the 5-minute flush is per stay). */
  since: number;
}

export class SchedulingQueue {
  private readonly entries = new Map<string, Entry>();
  /** Pods in the unschedulable pool: what a cluster event moves. */
  private readonly parked = new Set<string>();
  /** The parked pods `hinted` picks, in the same order: what moveHinted() moves. */
  private readonly parkedHinted = new Set<string>();

  /** `wake` asks for a scheduling pass (pods became active); `hinted` picks the pods a narrower
   *  kind of event moves (asked once per stay in the pool, so it must not change while parked). */
  constructor(
    private readonly sim: Sim,
    private readonly wake: () => void,
    private readonly hinted: (key: string) => boolean = () => false,
  ) {}

  /** A new pending pod: straight to the active queue. */
  add(key: string): void {
    if (!this.entries.has(key))
      this.entries.set(key, { where: 'active', attempts: 0, backoffUntil: 0, since: 0 });
  }

  /** Bound, deleted or no longer Pending: it leaves the queue. */
  remove(key: string): void {
    this.entries.delete(key);
    this.parked.delete(key);
    this.parkedHinted.delete(key);
  }

  isActive(key: string): boolean {
    return this.entries.get(key)?.where === 'active';
  }

  /** Failed attempts so far (for tests and explanations). */
  attempts(key: string): number {
    return this.entries.get(key)?.attempts ?? 0;
  }

  /** A scheduling attempt failed: to the unschedulable pool, backing off. */
  failed(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    const now = this.sim.now;
    e.attempts++;
    e.backoffUntil = now + backoffMs(e.attempts);
    e.where = 'unschedulable';
    e.since = now;
    this.parked.add(key);
    if (this.hinted(key)) this.parkedHinted.add(key);
    // A poll, not live work: a pod nothing can ever place must not keep a run going.
    this.sim.after(
      MAX_UNSCHEDULABLE_MS,
      'kube-scheduler.flush',
      () => {
        const cur = this.entries.get(key);
        if (cur?.where === 'unschedulable' && cur.since === now) this.move(key);
      },
      false,
    );
  }

  /** A cluster event that may let these pods fit: back to active, or to backoff until it ends. */
  move(key: string): void {
    const e = this.entries.get(key);
    if (e?.where !== 'unschedulable') return;
    this.parked.delete(key);
    this.parkedHinted.delete(key);
    const now = this.sim.now;
    if (e.backoffUntil <= now) {
      e.where = 'active';
      this.wake();
      return;
    }
    e.where = 'backoff';
    this.sim.after(e.backoffUntil - now, 'kube-scheduler.backoff', () => {
      const cur = this.entries.get(key);
      if (cur !== e || cur.where !== 'backoff') return;
      cur.where = 'active';
      this.wake();
    });
  }

  /** moveAllToActiveOrBackoffQueue: every parked pod. */
  moveAll(): void {
    // move() deletes only the key being visited, which a Set's iteration allows (no copy).
    for (const key of this.parked) this.move(key);
  }

  /** moveAllToActiveOrBackoffQueue for an event only `hinted` pods care about: runs on every bind,
   *  so it visits those pods alone, not every parked one. */
  moveHinted(): void {
    for (const key of this.parkedHinted) this.move(key);
  }
}
