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
//
// Across the solves of one cluster state (a disruption pass's dry runs) the same hosts are found
// ruled out again and again: in Karpenter's benchmark shape most hosts hold a pod of some hostname
// anti-affinity Deployment selecting a common label, so each dry run walked most of the cluster.
// A host ruled out by its count at a solve's start — not by a pod this solve placed, not a
// hostname two nodes share — is ruled out at the start of every solve against the same state
// except those moving a pod off it (a host holding a pod the finding solve moved counted less
// there, so the fact holds the more elsewhere). Such facts are kept per state
// (ScanBase.learnedRuns) and seed each later solve's runs, less its own moved pods' hosts.
import type { HostLimit } from './topology/topology.ts';
import type { TopologyGroup } from './topology/group.ts';

/** Seeding runs from what earlier solves of the same state learned can be turned off, for the
 *  test that compares the two; `seeded` counts positions a solve started out knowing. */
export const hostRunsShared = { enabled: true, seeded: 0 };

/** Ruled-out scan positions for one (group, limit): next[i] − 1 = a later position with every
 *  position in between ruled out (0: not known to be). The arrays are pooled across solves (a
 *  Map per run and solve was 15 % of the bytes the 5,000-pod day allocated). */
export class HostRun {
  constructor(
    private readonly next: Int32Array,
    /** The state's start facts for this (group, limit), uncompressed (ruled out: i + 2). */
    private readonly learned?: Int32Array,
  ) {}

  /** Position i was found ruled out. */
  rule(i: number): void {
    if (this.next[i] === 0) this.next[i] = i + 2;
  }

  /** Position i is ruled out from the solve's start on, whatever the solve did: later solves of
   *  the same state start out knowing it (each entry points one position on, so a later solve
   *  can forget any entry without breaking a run). */
  learn(i: number): void {
    if (this.learned && this.learned[i] === 0) this.learned[i] = i + 2;
  }

  /** Position i is known to be ruled out. */
  has(i: number): boolean {
    return this.next[i] !== 0;
  }

  /** The first position at or after i not known to be ruled out. */
  skip(i: number): number {
    const next = this.next;
    let j = i;
    for (let n = next[j] as number; n !== 0; n = next[j] as number) j = n - 1;
    // Path compression: every position passed now points at the end of the run.
    for (let k = i; k !== j;) {
      const n = (next[k] as number) - 1;
      next[k] = j + 1;
      k = n;
    }
    return j;
  }
}

/** Arrays handed back by finished solves, zeroed when the next takes one (a dry run per candidate). */
const pool: Int32Array[] = [];
const POOL_MAX = 16;

/** Where a solve's runs start from: the state's learned facts per HostLimit key, and the scan
 *  positions whose facts do not hold for this solve (hosts of the pods it moves). */
export interface RunSeed {
  learned(key: string): Int32Array;
  readonly unknown: readonly number[];
}

/** One HostRun per (group, limit), for the solve's lifetime (its counts only grow), over `size`
 *  scan positions; release() hands the arrays back when the solve ends. */
export class HostRuns {
  private readonly byGroup = new Map<TopologyGroup, Map<number, HostRun>>();
  private readonly taken: Int32Array[] = [];

  constructor(
    private readonly size: number,
    private readonly seed?: RunSeed,
  ) {}

  of(l: HostLimit): HostRun {
    let byLimit = this.byGroup.get(l.group);
    if (!byLimit) this.byGroup.set(l.group, (byLimit = new Map()));
    let r = byLimit.get(l.limit);
    if (!r) byLimit.set(l.limit, (r = this.run(l)));
    return r;
  }

  private run(l: HostLimit): HostRun {
    const a = this.take();
    if (!this.seed || !hostRunsShared.enabled) return new HostRun(a);
    const learned = this.seed.learned(l.key);
    a.set(learned);
    for (const q of this.seed.unknown) a[q] = 0;
    hostRunsShared.seeded++;
    return new HostRun(a, learned);
  }

  /** Positions 0..size (size itself: the end a run at the last position points to). */
  private take(): Int32Array {
    let a = pool.pop();
    if (a && a.length < this.size + 1) a = undefined;
    if (a) a.fill(0, 0, this.size + 1);
    else a = new Int32Array(this.size + 1);
    this.taken.push(a);
    return a;
  }

  release(): void {
    for (const a of this.taken) if (pool.length < POOL_MAX) pool.push(a);
    this.taken.length = 0;
    this.byGroup.clear();
  }
}
