// The unavailable-offerings ("ICE") cache (§4.3; AWS pkg/cache/unavailableofferings.go): after an
// insufficient-capacity error or a spot interruption, Karpenter stops offering that
// (capacity type, instance type, zone) for 3 minutes. Marking again restarts the clock.

import type { CapacityType } from '../catalog/types.ts';

export const UNAVAILABLE_OFFERINGS_TTL_MS = 180_000;

export interface UnavailableEntry {
  capacityType: string;
  instanceType: string;
  zone: string;
  /** Simulation time (ms) at which the offering becomes available again. */
  until: number;
}

export class UnavailableOfferings {
  private readonly expiry = new Map<string, number>();

  constructor(readonly ttlMs: number = UNAVAILABLE_OFFERINGS_TTL_MS) {}

  private static key(ct: string, type: string, zone: string): string {
    return `${ct}:${type}:${zone}`;
  }

  mark(ct: CapacityType | string, type: string, zone: string, now: number): void {
    this.expiry.set(UnavailableOfferings.key(ct, type, zone), now + this.ttlMs);
  }

  /** No entry at all (not even an expired one): isUnavailable would answer false for anything. */
  isEmpty(): boolean {
    return this.expiry.size === 0;
  }

  isUnavailable(ct: CapacityType | string, type: string, zone: string, now: number): boolean {
    const key = UnavailableOfferings.key(ct, type, zone);
    const until = this.expiry.get(key);
    if (until === undefined) return false;
    if (until > now) return true;
    this.expiry.delete(key);
    return false;
  }

  /** Entries still in force at `now`, sorted by key (for the UI and snapshots). */
  entries(now: number): UnavailableEntry[] {
    const out: UnavailableEntry[] = [];
    for (const [key, until] of [...this.expiry].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (until <= now) continue;
      // Instance type names contain no ':'; zone names neither.
      const [capacityType = '', instanceType = '', zone = ''] = key.split(':');
      out.push({ capacityType, instanceType, zone, until });
    }
    return out;
  }

  clone(): UnavailableOfferings {
    const c = new UnavailableOfferings(this.ttlMs);
    for (const [k, v] of this.expiry) c.expiry.set(k, v);
    return c;
  }
}
