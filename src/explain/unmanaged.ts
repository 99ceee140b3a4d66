// Capacity Karpenter does not manage (EKS managed node groups, self-managed groups, Fargate): the
// nodes stay as they are — Karpenter neither disrupts nor consolidates them — and this estimates
// what a NodePool would save by replacing them: the same workspace is run again without those
// nodes, their pods left for Karpenter (with the workspace's NodePools, or a default one when it has
// none), and the $/h of both ends is compared.
import { karpenterDisruption } from '../sim/disruption/index.ts';
import { costAt } from '../sim/engine/json.ts';
import { simulate, type SimulationInput } from '../sim/engine/simulate.ts';
import type { Timeline } from '../sim/engine/timeline.ts';
import type { KubeObject, NodePool, Pod } from '../sim/k8s.ts';
import { nodeOwner, ownerText } from '../sim/ownership.ts';

export interface UnmanagedReport {
  nodes: {
    name: string;
    owner: string;
    instanceType: string;
    capacityType: string;
    zone: string;
    pricePerHour: number;
    pods: number;
  }[];
  perHour: number;
  /** The estimate: what Karpenter would run instead. */
  replacement: {
    /** "the workspace's NodePools" or the default pool used. */
    with: string;
    /** $/h of the capacity Karpenter adds for those pods. */
    perHour: number;
    /** perHour of the nodes minus that; negative when the node groups are cheaper. */
    savingPerHour: number;
    /** Pods that would not run without those nodes (e.g. a nodeSelector on the node group). */
    pending: string[];
  } | null;
}

/** A NodePool for clusters that have none: on-demand, Linux, the usual c/m/r families. */
export const DEFAULT_REPLACEMENT_POOL: NodePool = {
  apiVersion: 'karpenter.sh/v1',
  kind: 'NodePool',
  metadata: { name: 'replacement' },
  spec: {
    template: {
      spec: {
        requirements: [
          { key: 'karpenter.sh/capacity-type', operator: 'In', values: ['on-demand'] },
          { key: 'karpenter.k8s.aws/instance-category', operator: 'In', values: ['c', 'm', 'r'] },
        ],
        nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'default' },
      },
    },
    disruption: { consolidationPolicy: 'WhenEmptyOrUnderutilized', consolidateAfter: '30s' },
  },
} as NodePool;

export function unmanagedCapacity(
  input: SimulationInput,
  timeline: Timeline,
): UnmanagedReport | undefined {
  const final = timeline.final;
  const live = [...final.nodes.values()].filter(
    (n) => n.terminatedAt === undefined && n.nodeClaim === undefined,
  );
  if (live.length === 0) return undefined;
  const podsOn = new Map<string, number>();
  for (const p of final.pods.values())
    if (p.nodeName !== undefined) podsOn.set(p.nodeName, (podsOn.get(p.nodeName) ?? 0) + 1);
  const nodes = live.map((n) => ({
    name: n.name,
    owner: ownerText(nodeOwner(n.labels)),
    instanceType: n.instanceType,
    capacityType: n.capacityType,
    zone: n.zone,
    pricePerHour: n.price,
    pods: podsOn.get(n.name) ?? 0,
  }));
  const perHour = round(nodes.reduce((s, n) => s + n.pricePerHour, 0));
  if (!final.karpenter.installed) return { nodes, perHour, replacement: null };

  const gone = new Set(live.map((n) => n.name));
  const hasPool = input.objects.some((o) => o.kind === 'NodePool' || o.kind === 'Provisioner');
  const objects: KubeObject[] = [];
  for (const o of input.objects) {
    if (o.kind === 'Node' && gone.has(o.metadata.name ?? '')) continue;
    if (o.kind === 'Pod' && gone.has(o.spec.nodeName ?? '')) {
      const ref = o.metadata.ownerReferences?.find((r) => r.controller !== false);
      if (ref?.kind === 'DaemonSet') continue; // the DaemonSet puts one on each new node
      const { nodeName: _n, ...spec } = o.spec;
      objects.push({ ...o, spec } as Pod);
      continue;
    }
    objects.push(o);
  }
  if (!hasPool) objects.push(DEFAULT_REPLACEMENT_POOL);
  const without = simulate({
    ...input,
    objects,
    disruption: karpenterDisruption(),
    onProgress: () => undefined,
  });
  if (without.refused !== undefined) return { nodes, perHour, replacement: null };
  const rest = costAt(final, timeline.end).perHour - perHour;
  const karpenter = round(costAt(without.final, without.end).perHour - rest);
  return {
    nodes,
    perHour,
    replacement: {
      with: hasPool
        ? "the workspace's NodePools"
        : 'a default NodePool (on-demand, instance categories c, m, r)',
      perHour: karpenter,
      savingPerHour: round(perHour - karpenter),
      pending: [...without.final.pods.values()]
        .filter((p) => p.phase !== 'Running')
        .map((p) => p.key),
    },
  };
}

const round = (v: number): number => Math.round(v * 1e6) / 1e6;
