// What the existing-node scan needs from one cluster state, shared by every solve against it.
// A disruption pass runs a dry run per candidate over the same nodes minus the candidate; each
// used to build an ExistingNode per node (taints, room, hostname registration), a room vector per
// node and a room tree, though a one-pod dry run visits a handful of nodes. Per universe
// (topology/universe.ts) this keeps the scan order (initialized first, then by name; nodes
// marked for deletion are no destination), each node's hostname, and per (DaemonSet pods, room
// keys) the room tree of every node before any add. A solve copies the tree, rules its absent
// nodes out (−Infinity room) and builds an ExistingNode only when the scan reaches it.
//
// Exactness: hostnames are still registered for every present node in input order before any
// node is built (as each ExistingNode did on construction), and a node's room before any add is
// what its ExistingNode would report (ExistingNode.initialRoom), so the scan finds the same nodes.
import type { Pod } from '../k8s.ts';
import { ExistingNode } from './existingnode.ts';
import { RoomTree } from './roomtree.ts';
import type { Universe } from './topology/universe.ts';
import type { StateNode } from './types.ts';

export class ScanBase {
  /** Universe indexes of the nodes that are destinations, in scan order. */
  readonly order: readonly number[];
  /** The same nodes in universe (input) order. */
  private readonly inputOrder: readonly number[];
  private readonly hostnames: readonly string[];
  private readonly trees = new Map<string, { daemons: readonly Pod[]; tree: RoomTree }>();

  constructor(readonly universe: Universe) {
    const nodes = universe.nodes;
    const usable = (i: number) => !(nodes[i] as StateNode).markedForDeletion;
    this.order = universe.sorted().filter(usable);
    this.inputOrder = nodes.map((_, i) => i).filter(usable);
    this.hostnames = universe.hosts().names;
  }

  /** The hostnames of the present destinations, in input order. */
  forEachInInputOrder(present: Uint8Array, fn: (host: string) => void): void {
    for (const i of this.inputOrder) if (present[i] === 1) fn(this.hostnames[i] as string);
  }

  /** A room tree over `order` for this solve: absent nodes fit nothing. */
  rooms(
    daemons: readonly Pod[],
    keys: readonly string[],
    keysText: string,
    present: Uint8Array,
  ): RoomTree {
    let hit = this.trees.get(keysText);
    if (hit?.daemons !== daemons) {
      const rooms = this.order.map((i) =>
        ExistingNode.initialRoom(this.universe.nodes[i] as StateNode, daemons, keys, keysText),
      );
      if (this.trees.size >= 8) this.trees.clear();
      hit = { daemons, tree: new RoomTree(keys.length, rooms) };
      this.trees.set(keysText, hit);
    }
    const tree = hit.tree.clone();
    let none: Float64Array | undefined;
    this.order.forEach((u, i) => {
      if (present[u] !== 1) tree.set(i, (none ??= new Float64Array(keys.length).fill(-Infinity)));
    });
    return tree;
  }
}

const bases = new WeakMap<Universe, ScanBase>();

export function scanBase(u: Universe): ScanBase {
  let b = bases.get(u);
  if (!b) bases.set(u, (b = new ScanBase(u)));
  return b;
}
