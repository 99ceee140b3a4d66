// The pods kube-scheduler's passes look at: unbound Pending pods, filed by the NodeClaim Karpenter
// nominated them to. In a big scale-up thousands of pods wait for booting claims, and a pass (one
// per instant something changed) used to visit every one of them to skip it; here a pass gets only
// the pods without a nomination and those of claims no longer booting, in the order they started
// waiting (the order state.pods lists them).

/** NodeClaim phases a nominated pod waits through (kubescheduler.ts skips its pods). */
export const BOOTING: ReadonlySet<string> = new Set(['Pending', 'Launched', 'Registered']);

export class WaitingPods {
  /** Waiting pod → when it started waiting. */
  private readonly joined = new Map<string, number>();
  private count = 0;
  /** Nominated NodeClaim ('' = none) → its waiting pods, and back. */
  private readonly byClaim = new Map<string, Set<string>>();
  private readonly claimOf = new Map<string, string>();
  /** Claims in byClaim whose pods a pass visits: '' and those no longer booting. */
  private readonly open = new Set<string>();

  /** `phaseOf` reads a NodeClaim's current phase (undefined: no such claim). */
  constructor(private readonly phaseOf: (claim: string) => string | undefined) {}

  /** A pod is waiting (again, or with a new nomination). */
  set(key: string, claim: string | undefined): void {
    if (!this.joined.has(key)) this.joined.set(key, this.count++);
    const c = claim ?? '';
    if (this.claimOf.get(key) === c) return;
    this.unfile(key);
    this.claimOf.set(key, c);
    let set = this.byClaim.get(c);
    if (!set) {
      set = new Set();
      this.byClaim.set(c, set);
      this.claimChanged(c);
    }
    set.add(key);
  }

  /** Bound, deleted or no longer Pending. */
  delete(key: string): void {
    this.joined.delete(key);
    this.unfile(key);
  }

  /** A NodeClaim record changed (Sim.emit): its pods are visited once it is no longer booting. */
  claimChanged(claim: string): void {
    if (!this.byClaim.has(claim)) return;
    const phase = claim === '' ? undefined : this.phaseOf(claim);
    if (phase !== undefined && BOOTING.has(phase)) this.open.delete(claim);
    else this.open.add(claim);
  }

  /** Every waiting pod not filed under a booting claim, in the order they started waiting. A pod
   *  whose nomination the reducer dropped (its claim failed or went) stays filed under that claim,
   *  which is no longer booting then: callers check each pod as it is now. */
  candidates(): string[] {
    const keys: string[] = [];
    for (const claim of this.open) for (const key of this.byClaim.get(claim) ?? []) keys.push(key);
    if (keys.length > 1) {
      const { joined } = this;
      keys.sort((a, b) => (joined.get(a) ?? 0) - (joined.get(b) ?? 0));
    }
    return keys;
  }

  private unfile(key: string): void {
    const claim = this.claimOf.get(key);
    if (claim === undefined) return;
    this.claimOf.delete(key);
    const set = this.byClaim.get(claim);
    set?.delete(key);
    if (set?.size === 0) {
      this.byClaim.delete(claim);
      this.open.delete(claim);
    }
  }
}
