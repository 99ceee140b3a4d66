// The members of a growing list of names that pass a test, in list order, brought up to date only
// for the names reported changed. The kube-scheduler's usable nodes: Ready, not deleting nodes in
// the order state.nodes lists them (the order its ties are broken in). A pass used to rebuild the
// list from every node after any node change (~1,000 nodes, a rebuild per pass at 5k pods); most
// passes see none or a few changed nodes.
//
// Worked example: names a, b, c registered; a and c members → [a, c]. b turns Ready and is
// reported changed → the next `sync` finds b's place by its registration number → [a, b, c].

export class OrderedSubset<T> {
  /** Name → its place in the list (registration number). */
  private readonly order = new Map<string, number>();
  /** The members and their places, ascending. */
  private readonly members: T[] = [];
  private readonly places: number[] = [];
  private readonly names = new Set<string>();
  /** Names reported changed since the last sync. */
  private readonly changed = new Set<string>();

  /** Appends `name` to the list (no-op if listed): it is a member once a sync finds it passes. */
  register(name: string): void {
    if (this.order.has(name)) return;
    this.order.set(name, this.order.size);
    this.changed.add(name);
  }

  /** `name`'s membership may have changed. */
  touch(name: string): void {
    this.changed.add(name);
  }

  has(name: string): boolean {
    return this.names.has(name);
  }

  /** The members, after asking `member` about every name touched since the last sync
   *  (undefined: not a member). The array is the same one until the next sync changes it. */
  sync(member: (name: string) => T | undefined): readonly T[] {
    const { members, places, names } = this;
    for (const name of this.changed) {
      const at = this.order.get(name);
      if (at === undefined) continue;
      const m = member(name);
      if ((m !== undefined) === names.has(name)) {
        if (m !== undefined) members[this.indexOf(at)] = m;
        continue;
      }
      const i = this.indexOf(at);
      if (m !== undefined) {
        members.splice(i, 0, m);
        places.splice(i, 0, at);
        names.add(name);
      } else {
        members.splice(i, 1);
        places.splice(i, 1);
        names.delete(name);
      }
    }
    this.changed.clear();
    return members;
  }

  /** The first index whose place is ≥ `at`. */
  private indexOf(at: number): number {
    const { places } = this;
    let lo = 0;
    let hi = places.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((places[mid] as number) < at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
