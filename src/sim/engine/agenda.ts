// The event clock: a min-heap of tasks ordered by (time, insertion order), so two tasks at the same
// millisecond always run in the order they were scheduled — one of the things that makes a run
// reproducible. "Live" tasks are work still to do; periodic polls (the disruption loop) are not
// live, so a run "until quiet" ends when only polls remain.

export interface Task {
  t: number;
  seq: number;
  label: string;
  live: boolean;
  run: () => void;
}

export class Agenda {
  private heap: Task[] = [];
  private seq = 0;
  private liveCount = 0;

  get size(): number {
    return this.heap.length;
  }

  /** Tasks that still represent work (not periodic polls). */
  get live(): number {
    return this.liveCount;
  }

  push(t: number, label: string, run: () => void, live = true): void {
    const task: Task = { t, seq: this.seq++, label, live, run };
    if (live) this.liveCount++;
    const h = this.heap;
    h.push(task);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(task, h[parent] as Task)) break;
      h[i] = h[parent] as Task;
      i = parent;
    }
    h[i] = task;
  }

  peek(): Task | undefined {
    return this.heap[0];
  }

  pop(): Task | undefined {
    const h = this.heap;
    const top = h[0];
    if (top === undefined) return undefined;
    const last = h.pop() as Task;
    if (h.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        let best = last; // sift `last` down from the root
        if (l < h.length && before(h[l] as Task, best)) {
          m = l;
          best = h[l] as Task;
        }
        if (r < h.length && before(h[r] as Task, best)) {
          m = r;
          best = h[r] as Task;
        }
        if (m === i) break;
        h[i] = best;
        i = m;
      }
      h[i] = last;
    }
    if (top.live) this.liveCount--;
    return top;
  }
}

function before(a: Task, b: Task): boolean {
  return a.t < b.t || (a.t === b.t && a.seq < b.seq);
}
