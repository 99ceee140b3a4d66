// Which workloads the $/h pays for: each running instance's price shared among the pods on it by
// what they request, the rest of it idle. An accounting convention (cost tools such as OpenCost
// and Kubecost also split a node's price by requests), not something AWS or Karpenter reports.
//
// A node's price is split into a CPU part and a memory part by what AWS charges for each: in
// us-east-1, c5.large ($0.085/h) and m5.large ($0.096/h) differ only by 4 GiB of memory, so a GiB
// costs about $0.00275/h and a vCPU about $0.037/h (the lab's catalog; r5.large, 16 GiB, then
// comes to $0.118/h against its $0.126/h). On an m5 node (4 GiB per vCPU) CPU is 77 % of the
// price, on a c5 87 %, on an r5 63 %. A pod pays for the share of each part that it requests; what
// no pod requests — room left over, a node still booting — is idle. The rows and the idle part add
// up to the $/h the cost figures show (costAt).
import type { ClusterState, PodRec } from './state.ts';
import { forEachBilled } from './billing.ts';

export interface WorkloadCost {
  /** "Deployment/default/web"; a pod without a controller is "Pod/<namespace>/<name>". */
  workload: string;
  pods: number;
  /** $/h of the instances' prices this workload's pods request. */
  perHour: number;
  /** A DaemonSet: it runs on every node, so it grows with the node count, not with demand. */
  daemon: boolean;
}

export interface WorkloadCosts {
  /** $/h of every running instance (costAt's perHour): the rows plus idle. */
  perHour: number;
  /** Most expensive first (then by name). */
  rows: WorkloadCost[];
  /** $/h no pod requests: free room, and instances not yet running pods. */
  idle: number;
}

/** $/h of a vCPU and of a GiB of memory, relative to each other (see the file comment). */
const CPU_RATE = 0.037;
const GIB_RATE = 0.00275;
const GIB = 2 ** 30;

/** A pod that takes room on its node: bound and not finished. */
function occupying(p: PodRec): boolean {
  return p.nodeName !== undefined && p.phase !== 'Failed';
}

function workloadOf(p: PodRec): string {
  return p.owner ?? `Pod/${p.pod.metadata.namespace ?? 'default'}/${p.pod.metadata.name ?? ''}`;
}

/** Each running instance's $/h split among the pods on it at time t (see the file comment). */
export function workloadCosts(state: ClusterState, t: number): WorkloadCosts {
  const onNode = new Map<string, PodRec[]>();
  for (const p of state.pods.values()) {
    if (!occupying(p)) continue;
    const list = onNode.get(p.nodeName as string);
    if (list) list.push(p);
    else onNode.set(p.nodeName as string, [p]);
  }
  const rows = new Map<string, WorkloadCost>();
  let perHour = 0;
  let idle = 0;
  forEachBilled(state, t, (b) => {
    if (!b.running) return;
    perHour += b.price;
    const node = b.node === undefined ? undefined : state.nodes.get(b.node);
    const pods = node ? (onNode.get(node.name) ?? []) : [];
    const cpu = node?.allocatable.cpu ?? 0;
    const memory = node?.allocatable.memory ?? 0;
    // The CPU part of the price (millicores and bytes to vCPUs and GiB); a node with none of one
    // resource puts the whole price on the other.
    const cpuWeight = (cpu / 1000) * CPU_RATE;
    const memWeight = (memory / GIB) * GIB_RATE;
    const cpuPart = cpuWeight + memWeight > 0 ? cpuWeight / (cpuWeight + memWeight) : 0;
    let paid = 0;
    for (const p of pods) {
      const share =
        (cpu > 0 ? cpuPart * Math.min(1, (p.requests.cpu ?? 0) / cpu) : 0) +
        (memory > 0 ? (1 - cpuPart) * Math.min(1, (p.requests.memory ?? 0) / memory) : 0);
      const cost = Math.min(b.price * share, b.price - paid);
      paid += cost;
      const key = workloadOf(p);
      const row = rows.get(key) ?? { workload: key, pods: 0, perHour: 0, daemon: !!p.daemonSet };
      row.pods++;
      row.perHour += cost;
      rows.set(key, row);
    }
    idle += b.price - paid;
  });
  const round = (v: number) => Math.round(v * 1e6) / 1e6;
  return {
    perHour: round(perHour),
    rows: [...rows.values()]
      .map((r) => ({ ...r, perHour: round(r.perHour) }))
      .sort((a, b) => b.perHour - a.perHour || (a.workload < b.workload ? -1 : 1)),
    idle: round(idle),
  };
}

/** The `n` most expensive rows (rows come most expensive first) and the rest summed, if any: how
 *  the Cost panel and the CLI report list them. */
export function topWorkloads(
  rows: readonly WorkloadCost[],
  n: number,
): {
  rows: WorkloadCost[];
  others?: { workloads: number; pods: number; perHour: number };
} {
  const rest = rows.slice(n);
  if (rest.length === 0) return { rows: rows.slice(0, n) };
  return {
    rows: rows.slice(0, n),
    others: {
      workloads: rest.length,
      pods: rest.reduce((s, r) => s + r.pods, 0),
      perHour: rest.reduce((s, r) => s + r.perHour, 0),
    },
  };
}
