// The pod queue (§1.4, scheduling/queue.go): biggest CPU first, then memory, then oldest, then uid.
// A pod that fails goes to the back; the solve stops when the pod at the front was last pushed when
// the queue had the same length — a full pass that placed nothing.
import type { Pod } from '../k8s.ts';
import type { Resources } from '../quantity.ts';

export class PodQueue {
  private readonly pods: Pod[];
  private head = 0;
  private readonly lastLen = new Map<string, number>();

  constructor(pods: readonly Pod[], requests: (p: Pod) => Resources) {
    // Sort keys computed once per pod object and requests (a disruption pass hands the same pod
    // objects to every dry run), not once per comparison; Array#sort is stable, as before.
    const keyed = pods.map((p) => ({ p, k: sortKey(p, requests) }));
    keyed.sort((a, b) => compareKeys(a.k, b.k));
    this.pods = keyed.map((x) => x.p);
  }

  get length(): number {
    return this.pods.length - this.head;
  }

  pop(): Pod | undefined {
    const p = this.pods[this.head];
    if (!p) return undefined;
    if (this.lastLen.get(uid(p)) === this.length) return undefined;
    this.head++;
    // Compact now and then so a long solve does not keep every popped slot alive.
    if (this.head > 1024 && this.head * 2 > this.pods.length) {
      this.pods.splice(0, this.head);
      this.head = 0;
    }
    return p;
  }

  push(p: Pod): void {
    this.pods.push(p);
    this.lastLen.set(uid(p), this.length);
  }
}

function uid(p: Pod): string {
  return p.metadata.uid ?? '';
}

function timestamp(p: Pod): number {
  const t = p.metadata.creationTimestamp;
  return t ? Date.parse(t) || 0 : 0;
}

interface SortKey {
  cpu: number;
  memory: number;
  created: number;
  uid: string;
}

/** Pods are read-only: a key per pod object, valid while its requests are the same object. */
const keys = new WeakMap<Pod, { requests: Resources; key: SortKey }>();

function sortKey(p: Pod, requests: (p: Pod) => Resources): SortKey {
  const r = requests(p);
  const hit = keys.get(p);
  if (hit?.requests === r) return hit.key;
  const key = { cpu: r['cpu'] ?? 0, memory: r['memory'] ?? 0, created: timestamp(p), uid: uid(p) };
  keys.set(p, { requests: r, key });
  return key;
}

/** cpu desc, memory desc, creation asc, uid asc (queue.go byCPUAndMemoryDescending). */
function compareKeys(a: SortKey, b: SortKey): number {
  return (
    b.cpu - a.cpu ||
    b.memory - a.memory ||
    a.created - b.created ||
    (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0)
  );
}
