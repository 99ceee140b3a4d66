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
  private size: number;
  private n: number;
  /** Per resource, a max-heap-shaped array over 2 × size slots (leaves at size + i). */
  private max: Float64Array[];

  /** rooms[i][d]: node i's room for resource d (−Infinity: fits nothing; +Infinity: unknown). */
  constructor(
    readonly dims: number,
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
    const log = this.log;
    if (log) {
      log.push(i);
      for (let d = 0; d < this.dims; d++)
        log.push((this.max[d] as Float64Array)[this.size + i] ?? 0);
    }
    this.write(i, room, 0);
  }

  /** Leaf i := room[at..at + dims), and the slots above it. */
  private write(i: number, room: ArrayLike<number>, at: number): void {
    for (let d = 0; d < this.dims; d++) {
      const m = this.max[d] as Float64Array;
      let j = this.size + i;
      m[j] = leaf(room[at + d]);
      for (j >>= 1; j >= 1; j >>= 1) m[j] = Math.max(m[2 * j] ?? 0, m[2 * j + 1] ?? 0);
    }
  }

  // One tree per cluster state is shared by the solves against it (scanbase.ts): a solve changes
  // it in place with every set() journaled, and rollback() puts every leaf back, newest change
  // first. Each inner slot is the max of its children, recomputed from the restored leaves, so
  // the whole tree is again exactly what it was: O(changes × log nodes) instead of a copy.
  private log: number[] | undefined;

  /** True between begin() and rollback(). */
  get journaling(): boolean {
    return this.log !== undefined;
  }

  /** From now on set() remembers each leaf's previous rooms, for rollback(). */
  begin(): void {
    this.log = [];
  }

  /** Undoes every set() since begin(), newest first, and stops journaling. */
  rollback(): void {
    const log = this.log;
    if (!log) return;
    this.log = undefined;
    const stride = this.dims + 1;
    for (let k = log.length - stride; k >= 0; k -= stride) this.write(log[k] as number, log, k + 1);
  }

  /** The leaves set() changed since begin() (with repeats), oldest first. */
  changed(): number[] {
    const log = this.log ?? [];
    const out: number[] = [];
    for (let k = 0; k < log.length; k += this.dims + 1) out.push(log[k] as number);
    return out;
  }

  /** Node i's room as the tree holds it now (NaN and missing rooms read as +Infinity). */
  roomAt(i: number): Float64Array {
    const out = new Float64Array(this.dims);
    for (let d = 0; d < this.dims; d++) out[d] = (this.max[d] as Float64Array)[this.size + i] ?? 0;
    return out;
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

  /** A copy (for a solve that finds the cluster state's tree already in use: scanbase.ts). */
  clone(): RoomTree {
    const t = new RoomTree(this.dims, []);
    t.size = this.size;
    t.n = this.n;
    t.max = this.max.map((m) => m.slice());
    return t;
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

/**
 * The room tree split by the value of one label key (the scan's domain skipping, scheduler.ts):
 * one tree per value a node is pinned to, one for the nodes pinned to none. The next node with
 * room whose value is not skipped is the first of the allowed trees' answers, so the scan no
 * longer visits, one by one, every node of a zone it already ruled out for the pod.
 */
export class SplitRooms {
  // trees[t] holds the nodes whose value is values[t] (undefined: pinned to none, never skipped);
  // treeOf[i] is node i's tree.
  /** undefined when the nodes have more than `maxValues` values (not worth splitting). */
  static of(
    base: RoomTree,
    n: number,
    valueOf: (i: number) => string | undefined,
    maxValues = 16,
  ): SplitRooms | undefined {
    const rooms = Array.from({ length: n }, (_, i) => base.roomAt(i));
    return SplitRooms.ofRooms(base.dims, rooms, valueOf, maxValues);
  }

  /** The split over rooms as a RoomTree is built from (a cluster state's shared split). */
  static ofRooms(
    dims: number,
    rooms: readonly Float64Array[],
    valueOf: (i: number) => string | undefined,
    maxValues = 16,
  ): SplitRooms | undefined {
    const ids = idsOf(rooms.length, valueOf, maxValues);
    if (!ids) return undefined;
    const { treeOf, values } = ids;
    const none = new Float64Array(dims).fill(-Infinity);
    return new SplitRooms(
      treeOf,
      values,
      values.map(
        (_, id) =>
          new RoomTree(
            dims,
            rooms.map((r, i) => (treeOf[i] === id ? r : none)),
          ),
      ),
    );
  }

  private constructor(
    private readonly treeOf: Int32Array,
    private readonly values: readonly (string | undefined)[],
    private readonly trees: readonly RoomTree[],
  ) {}

  /** The value node i was split by. */
  valueAt(i: number): string | undefined {
    return this.values[this.treeOf[i] as number];
  }

  get journaling(): boolean {
    return this.trees.some((t) => t.journaling);
  }

  /** RoomTree.begin for every tree. */
  begin(): void {
    for (const t of this.trees) t.begin();
  }

  /** RoomTree.rollback for every tree. */
  rollback(): void {
    for (const t of this.trees) t.rollback();
  }

  /** Takes the rooms of every leaf `tree` changed since its begin() (a split made from the rooms
   *  `tree` was built from). Rooms only shrink during a solve, so a leaf left behind would only
   *  make the scan visit a node canAdd rejects: this is for speed, not for the outcome. */
  catchUp(tree: RoomTree): void {
    for (const i of tree.changed()) this.set(i, tree.roomAt(i));
  }

  /** Node i's room changed (its value is the one it had when split). */
  set(i: number, room: Float64Array): void {
    (this.trees[this.treeOf[i] as number] as RoomTree).set(i, room);
  }

  /** The first node at or after `from` that may hold `want` and whose value is not in `skip`. */
  next(want: Float64Array, from: number, skip: ReadonlySet<string>): number {
    let best = -1;
    for (let t = 0; t < this.trees.length; t++) {
      const v = this.values[t];
      if (v !== undefined && skip.has(v)) continue;
      const tree = this.trees[t] as RoomTree;
      let j = tree.next(want, from);
      // A request of nothing (−Infinity everywhere) is covered even by the other trees' nodes.
      while (j >= 0 && this.treeOf[j] !== t) j = tree.next(want, j + 1);
      if (j >= 0 && (best < 0 || j < best)) best = j;
    }
    return best;
  }
}

/** Each node's tree id and the value of each tree; undefined past `maxValues` values. */
function idsOf(
  n: number,
  valueOf: (i: number) => string | undefined,
  maxValues: number,
): { treeOf: Int32Array; values: (string | undefined)[] } | undefined {
  const ids = new Map<string | undefined, number>();
  const treeOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = valueOf(i);
    let id = ids.get(v);
    if (id === undefined) {
      if (ids.size > maxValues) return undefined;
      ids.set(v, (id = ids.size));
    }
    treeOf[i] = id;
  }
  return { treeOf, values: [...ids.keys()] };
}

/** NaN room (a malformed quantity) never rules a node out: canAdd decides. */
function leaf(v: number | undefined): number {
  return v === undefined || Number.isNaN(v) ? Infinity : v;
}
