// Existing nodes a hostname group rules out, remembered across the pods of one solve. A pod with
// hostname anti-affinity (or hostname spread, or repelled by an existing pod's anti-affinity)
// is ruled out of every host whose count in the group exceeds a limit (Topology.hostLimits,
// the same test as blockedOnHost). The existing-node scan tries nodes in a fixed order from the
// first, so the n-th pod of such a Deployment used to visit the n − 1 hosts its siblings took
// before finding a free one. Counts only grow during a solve, so a host found ruled out for a
// (group, limit) stays ruled out for the rest of the solve: each run of such hosts is jumped in
// one step (union-find with path compression over scan positions).
//
// Worked example: hostname anti-affinity, hosts 0, 1, 2 taken by siblings. Pod 4 visits 0, 1, 2
// (each ruled out, each remembered: 0→1, 1→2, 2→3) and lands on 3. Pod 5 jumps from 0 to 3
// (0→3 after compression), finds 3 ruled out now (3→4), lands on 4.
import type { HostLimit } from './topology/topology.ts';
import type { TopologyGroup } from './topology/group.ts';

/** Ruled-out scan positions for one (group, limit): next[i] = a later position with every
 *  position in between ruled out. */
export class HostRun {
  private readonly next = new Map<number, number>();

  /** Position i was found ruled out. */
  rule(i: number): void {
    if (!this.next.has(i)) this.next.set(i, i + 1);
  }

  /** Position i is known to be ruled out. */
  has(i: number): boolean {
    return this.next.has(i);
  }

  /** The first position at or after i not known to be ruled out. */
  skip(i: number): number {
    let j = i;
    for (let n = this.next.get(j); n !== undefined; n = this.next.get(j)) j = n;
    // Path compression: every position passed now points at the end of the run.
    for (let k = i; k !== j;) {
      const n = this.next.get(k) as number;
      this.next.set(k, j);
      k = n;
    }
    return j;
  }
}

/** One HostRun per (group, limit), for the solve's lifetime (its counts only grow). */
export class HostRuns {
  private readonly byGroup = new Map<TopologyGroup, Map<number, HostRun>>();

  of(l: HostLimit): HostRun {
    let byLimit = this.byGroup.get(l.group);
    if (!byLimit) this.byGroup.set(l.group, (byLimit = new Map()));
    let r = byLimit.get(l.limit);
    if (!r) byLimit.set(l.limit, (r = new HostRun()));
    return r;
  }
}
