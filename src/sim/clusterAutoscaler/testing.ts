// Builders for the Cluster Autoscaler tests and bench: the seed lab's workload, and readers for
// what a test asserts on (the group's NodeClaims, CA's events).
import type { KubeObject, NodePool, Scenario } from '../k8s.ts';
import { deployment, nodePool, scenario } from '../engine/testing.ts';
import type { Timeline } from '../engine/timeline.ts';
import type { NodeClaimRec } from '../engine/state.ts';

/** The seed lab's NodePool: on-demand amd64, consolidating 30 s after a change. */
export function seedPool(): NodePool {
  return nodePool(
    'default',
    {
      requirements: [
        { key: 'karpenter.sh/capacity-type', operator: 'In', values: ['on-demand'] },
        { key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] },
      ],
    },
    { disruption: { consolidationPolicy: 'WhenEmptyOrUnderutilized', consolidateAfter: '30s' } },
  );
}

/**
 * The seed lab's workload on the EC2 catalog: Deployment `inflate` (1-vCPU pause pods) scaled
 * 0 → `replicas` at t = 0 and → `after` at `at`.
 */
export function seedLab(
  o: {
    replicas?: number;
    after?: number;
    at?: string;
    until?: string;
    spec?: Partial<Scenario['spec']>;
    cpu?: string;
  } = {},
): KubeObject[] {
  const actions = [
    { at: '0s', run: `kubectl scale deployment inflate --replicas=${o.replicas ?? 5}` },
    { at: o.at ?? '5m', run: `kubectl scale deployment inflate --replicas=${o.after ?? 1}` },
  ];
  return [
    scenario({
      actions,
      ...(o.until === undefined ? {} : { until: o.until }),
      ...o.spec,
    }),
    seedPool(),
    deployment('inflate', { replicas: 0, cpu: o.cpu ?? '1' }),
  ];
}

/** NodeClaims (the ASG's instances) of the node group, in creation order. */
export function groupClaims(tl: Timeline, group = 'ca-workers'): NodeClaimRec[] {
  return [...tl.final.nodeClaims.values()].filter((c) => c.nodePool === group);
}

export function k8s(
  tl: Timeline,
  reason: string,
): { t: number; object: string; message: string; type: string }[] {
  return tl.events.flatMap((e) =>
    e.type === 'k8s' && e.event.reason === reason
      ? [{ t: e.t, object: e.event.object, message: e.event.message, type: e.event.type }]
      : [],
  );
}

/** Live claims of the group at every event, as (t, count) — for min/max invariants. */
export function groupSizeOverTime(tl: Timeline, group = 'ca-workers'): { t: number; n: number }[] {
  const live = new Set<string>();
  const out: { t: number; n: number }[] = [];
  for (const e of tl.events) {
    if (e.type === 'nodeclaim.created' && e.nodeClaim.nodePool === group)
      live.add(e.nodeClaim.name);
    else if (e.type === 'nodeclaim.deleted' || e.type === 'nodeclaim.failed')
      live.delete(e.nodeClaim);
    else continue;
    out.push({ t: e.t, n: live.size });
  }
  return out;
}
