// What the existing-node scan needs from one cluster state, shared by every solve against it.
// A disruption pass runs a dry run per candidate over the same nodes minus the candidate; each
// used to build an ExistingNode per node (taints, room, hostname registration), a room vector per
// node and a room tree, though a one-pod dry run visits a handful of nodes. Per universe
// (topology/universe.ts) this keeps the scan order (initialized first, then by name; nodes
// marked for deletion are no destination), each node's hostname, and per (DaemonSet pods, room
// keys) the room tree of every node before any add, and that tree split by a label key's values
// (the scan's domain skipping). A solve changes the shared trees in place — its absent nodes
// ruled out (−Infinity room), its adds — with every change journaled, and rolls them back when
// it ends (SolveRooms), so a one-pod dry run costs O(changes × log nodes), not a copy of the
// tree and a split per solve. It builds an ExistingNode only when the scan reaches it.
//
// Exactness: hostnames are still registered for every present node in input order before any
// node is built (as each ExistingNode did on construction), and a node's room before any add is
// what its ExistingNode would report (ExistingNode.initialRoom), so the scan finds the same nodes.
import type { Pod } from '../k8s.ts';
import { ExistingNode } from './existingnode.ts';
import { RoomTree, SplitRooms } from './roomtree.ts';
import type { Universe } from './topology/universe.ts';
import type { StateNode } from './types.ts';

export class ScanBase {
  /** Universe indexes of the nodes that are destinations, in scan order. */
  readonly order: readonly number[];
  /** The same nodes in universe (input) order. */
  private readonly inputOrder: readonly number[];
  private readonly hostnames: readonly string[];
  private readonly trees = new Map<string, Rooms>();

  constructor(readonly universe: Universe) {
    const nodes = universe.nodes;
    const usable = (i: number) => !(nodes[i] as StateNode).markedForDeletion;
    this.order = universe.sorted().filter(usable);
    this.inputOrder = nodes.map((_, i) => i).filter(usable);
    this.hostnames = universe.hosts().names;
  }

  /** The hostname of the node at scan position i. */
  hostnameAt(i: number): string {
    return this.hostnames[this.order[i] as number] as string;
  }

  /** The universe index of the node at scan position i. */
  universeAt(i: number): number {
    return this.order[i] as number;
  }

  /** The hostnames of the present destinations, in input order. */
  forEachInInputOrder(present: Uint8Array, fn: (host: string) => void): void {
    for (const i of this.inputOrder) if (present[i] === 1) fn(this.hostnames[i] as string);
  }

  /** The state's room tree over `order` for one solve, which marks its absent nodes (they fit
   *  nothing) and its adds in it, journaled, and rolls them back when done (SolveRooms). */
  rooms(daemons: readonly Pod[], keys: readonly string[], keysText: string): SolveRooms {
    let hit = this.trees.get(keysText);
    if (hit?.daemons !== daemons) {
      // A copy of each vector: the tree's split (below) is built from them later.
      const rooms = this.order.map((i) =>
        ExistingNode.initialRoom(
          this.universe.nodes[i] as StateNode,
          daemons,
          keys,
          keysText,
        ).slice(),
      );
      if (this.trees.size >= 8) this.trees.clear();
      hit = { daemons, rooms, tree: new RoomTree(keys.length, rooms), splits: new Map() };
      this.trees.set(keysText, hit);
    }
    return new SolveRooms(this, hit, keys.length);
  }

  /** Whether the node at scan position i is in a solve (`present`: per universe index). */
  presentAt(present: Uint8Array, i: number): boolean {
    return present[this.order[i] as number] === 1;
  }

  /** The initial scan value of node (scan position) i for a label key. */
  initialValue(i: number, key: string): string | undefined {
    let values = this.values.get(key);
    if (!values) {
      // Per key, once per state: the scan reads it for every node it skips by domain.
      values = this.order.map((u) =>
        ExistingNode.initialSoleValue(this.universe.nodes[u] as StateNode, key),
      );
      this.values.set(key, values);
    }
    return values[i];
  }
  private readonly values = new Map<string, readonly (string | undefined)[]>();

  /** The host-limit scans' start facts per HostLimit key (hostruns.ts), positions 0..size. */
  learnedRuns(key: string): Int32Array {
    let a = this.learned.get(key);
    if (!a) {
      // Dropping them all loses facts, never answers: each later solve learns again.
      if (this.learned.size >= 256) this.learned.clear();
      a = new Int32Array(this.order.length + 1);
      this.learned.set(key, a);
    }
    return a;
  }
  private readonly learned = new Map<string, Int32Array>();

  /** The scan position of universe index u (−1: not a destination). */
  positionOf(u: number): number {
    if (!this.positions) {
      this.positions = new Int32Array(this.universe.nodes.length).fill(-1);
      this.order.forEach((v, i) => ((this.positions as Int32Array)[v] = i));
    }
    return this.positions[u] as number;
  }
  private positions: Int32Array | undefined;

  /** The scan positions of the nodes named in `names` (1: named), per names object: a pass's
   *  dry runs share one closed-destination set, and walking every node per dry run to mark it
   *  was 3 % of the 20,000-pod day. */
  markedByName(names: ReadonlySet<string>): Uint8Array {
    let at = this.byName.get(names);
    if (!at) {
      at = new Uint8Array(this.order.length);
      if (names.size > 0) {
        const nodes = this.universe.nodes;
        this.order.forEach((u, i) => {
          if (names.has((nodes[u] as StateNode).name)) (at as Uint8Array)[i] = 1;
        });
      }
      this.byName.set(names, at);
    }
    return at;
  }
  private readonly byName = new WeakMap<ReadonlySet<string>, Uint8Array>();
}

/** What ScanBase keeps per (DaemonSet pods, room keys): the rooms before any add, their tree,
 *  and the tree split by a label key's values (null: too many values to split). */
interface Rooms {
  readonly daemons: readonly Pod[];
  readonly rooms: readonly Float64Array[];
  readonly tree: RoomTree;
  readonly splits: Map<string, SplitRooms | null>;
}

/**
 * One solve's use of a cluster state's shared room tree and splits. `start` marks the absent
 * nodes and begins the journal; every change goes through `set`; `end` rolls the shared trees
 * back. Solves run one at a time, but a tree found mid-journal (a solve inside a solve) is copied
 * rather than shared, so nothing depends on that.
 */
export class SolveRooms {
  readonly tree: RoomTree;
  private readonly own: boolean;
  /** Splits in use by this solve, and whether each is the state's shared one (to roll back). */
  private readonly splits = new Map<string, { split: SplitRooms | undefined; shared: boolean }>();

  constructor(
    private readonly base: ScanBase,
    private readonly state: Rooms,
    private readonly dims: number,
  ) {
    this.own = state.tree.journaling;
    this.tree = this.own ? state.tree.clone() : state.tree;
  }

  /** Rules out the nodes absent from this solve; every change from here on is undone by end(). */
  start(present: Uint8Array): void {
    if (!this.own) this.tree.begin();
    let none: Float64Array | undefined;
    this.base.order.forEach((u, i) => {
      if (present[u] !== 1)
        this.tree.set(i, (none ??= new Float64Array(this.dims).fill(-Infinity)));
    });
  }

  set(i: number, room: Float64Array): void {
    this.tree.set(i, room);
    for (const s of this.splits.values()) s.split?.set(i, room);
  }

  /** The split by `key` this solve already made, if any. */
  splitIfBuilt(key: string): SplitRooms | undefined {
    return this.splits.get(key)?.split;
  }

  /**
   * The tree split by `key` with this solve's rooms; `valueOf(i)` is scan position i's value now.
   * The state's split (built once from the rooms before any add, and each node's initial value)
   * is used when every node this solve `built` (the others still have their initial value) has
   * the value it was split by, brought up to date with the leaves changed so far; otherwise one
   * is built for this solve.
   */
  split(
    key: string,
    built: readonly number[],
    valueOf: (i: number) => string | undefined,
  ): SplitRooms | undefined {
    const had = this.splits.get(key);
    if (had) return had.split;
    let shared = this.state.splits.get(key);
    if (shared === undefined) {
      shared =
        SplitRooms.ofRooms(this.dims, this.state.rooms, (i) => this.base.initialValue(i, key)) ??
        null;
      this.state.splits.set(key, shared);
    }
    let use: { split: SplitRooms | undefined; shared: boolean };
    if (
      shared &&
      !this.own &&
      !shared.journaling &&
      built.every((i) => valueOf(i) === (shared as SplitRooms).valueAt(i))
    ) {
      shared.begin();
      shared.catchUp(this.tree);
      use = { split: shared, shared: true };
    } else {
      use = { split: SplitRooms.of(this.tree, this.base.order.length, valueOf), shared: false };
    }
    this.splits.set(key, use);
    return use.split;
  }

  /** Puts the shared trees back as they were before start(). */
  end(): void {
    for (const s of this.splits.values()) if (s.shared) s.split?.rollback();
    if (!this.own) this.tree.rollback();
  }
}

const bases = new WeakMap<Universe, ScanBase>();

export function scanBase(u: Universe): ScanBase {
  let b = bases.get(u);
  if (!b) bases.set(u, (b = new ScanBase(u)));
  return b;
}
