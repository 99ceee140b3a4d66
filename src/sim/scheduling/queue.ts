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
    // Sort keys computed once per pod, not once per comparison.
    const keys = new Map(pods.map((p) => [p, sortKey(p, requests)]));
    this.pods = [...pods].sort((a, b) => compareKeys(keys.get(a), keys.get(b)));
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

function sortKey(p: Pod, requests: (p: Pod) => Resources): SortKey {
  const r = requests(p);
  return { cpu: r['cpu'] ?? 0, memory: r['memory'] ?? 0, created: timestamp(p), uid: uid(p) };
}

/** cpu desc, memory desc, creation asc, uid asc (queue.go byCPUAndMemoryDescending). */
function compareKeys(a: SortKey | undefined, b: SortKey | undefined): number {
  if (!a || !b) return 0;
  return (
    b.cpu - a.cpu ||
    b.memory - a.memory ||
    a.created - b.created ||
    (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0)
  );
}
