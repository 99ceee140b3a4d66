// The existing-node scan (scheduler.ts) tries nodes in a fixed order and takes the first that
// accepts the pod, and the first thing ExistingNode.canAdd rules out is a node without room. On a
// packed cluster most nodes have none, so each pod visited most nodes to learn it. This tree holds,
// per resource, the largest room under each subtree: the next node that may have room for a
// request is found in O(resources × log nodes), and the nodes it skips are exactly nodes whose
// canAdd would fail on room (the check that answers first), so the outcome is the same.
//
// Conservative by construction: a subtree is skipped only when some requested amount exceeds the
// largest room under it; each node found is still checked in full by canAdd.

export class RoomTree {
  private readonly size: number;
  private readonly n: number;
  /** Per resource, a max-heap-shaped array over 2 × size slots (leaves at size + i). */
  private readonly max: Float64Array[];

  /** rooms[i][d]: node i's room for resource d (−Infinity: fits nothing; +Infinity: unknown). */
  constructor(
    private readonly dims: number,
    rooms: readonly Float64Array[],
  ) {
    let size = 1;
    while (size < rooms.length) size *= 2;
    this.size = size;
    this.n = rooms.length;
    this.max = Array.from({ length: dims }, () => new Float64Array(2 * size).fill(-Infinity));
    rooms.forEach((r, i) => {
      for (let d = 0; d < dims; d++) (this.max[d] as Float64Array)[size + i] = leaf(r[d]);
    });
    for (let d = 0; d < dims; d++) {
      const m = this.max[d] as Float64Array;
      for (let i = size - 1; i >= 1; i--) m[i] = Math.max(m[2 * i] ?? 0, m[2 * i + 1] ?? 0);
    }
  }

  /** Node i's room changed. */
  set(i: number, room: Float64Array): void {
    for (let d = 0; d < this.dims; d++) {
      const m = this.max[d] as Float64Array;
      let j = this.size + i;
      m[j] = leaf(room[d]);
      for (j >>= 1; j >= 1; j >>= 1) m[j] = Math.max(m[2 * j] ?? 0, m[2 * j + 1] ?? 0);
    }
  }

  private covers(j: number, want: Float64Array): boolean {
    for (let d = 0; d < this.dims; d++)
      if ((want[d] ?? 0) > ((this.max[d] as Float64Array)[j] ?? 0)) return false;
    return true;
  }

  /** The first node at or after `from` whose room may hold `want` (−Infinity = no need for that
   *  resource), or −1. */
  next(want: Float64Array, from: number): number {
    // Where most nodes have room (small pods, a dry run's half-empty cluster), the next few
    // leaves are looked at directly before a search from the root.
    const end = Math.min(this.n, from + 8);
    for (let i = from; i < end; i++) if (this.covers(this.size + i, want)) return i;
    return end >= this.n ? -1 : this.search(1, 0, this.size, end, want);
  }

  /** Node j of the tree covers leaves [lo, lo + span); only those below n are nodes. */
  private search(j: number, lo: number, span: number, from: number, want: Float64Array): number {
    if (lo + span <= from || lo >= this.n || !this.covers(j, want)) return -1;
    if (span === 1) return lo;
    const half = span >> 1;
    const left = this.search(2 * j, lo, half, from, want);
    return left >= 0 ? left : this.search(2 * j + 1, lo + half, half, from, want);
  }
}

/** NaN room (a malformed quantity) never rules a node out: canAdd decides. */
function leaf(v: number | undefined): number {
  return v === undefined || Number.isNaN(v) ? Infinity : v;
}
