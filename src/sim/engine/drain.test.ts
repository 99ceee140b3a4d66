// Karpenter's drain through the real engine (reference §3.14): tiers, pod grace periods, PDB
// retries, do-not-disrupt, the NodeClaim's terminationGracePeriod, and kubectl drain.
import { describe, expect, it } from 'vitest';
import type { DaemonSet, Deployment, KubeObject, NodePool, Pod } from '../k8s.ts';
import type { DisruptionController } from './disruption.ts';
import { podRec } from '../disruption/testing.ts';
import {
  doNotDisruptBlocks,
  evictionBackoff,
  expiringDeleteAt,
  forcedGraceSeconds,
  podGraceMs,
} from './drainPolicy.ts';
import { goTime } from './duration.ts';
import { simulate } from './simulate.ts';
import { deployment, existingNode, fakeType, nodePool, scenario } from './testing.ts';
import type { Timeline } from './timeline.ts';

const S = 1000;
const DELETE_AT = 120 * S;
const TYPES = [fakeType('big', 16, 64)];

/** A disruption controller that deletes the first initialized NodeClaim at `at` (a stand-in for consolidation). */
function deleteFirstClaimAt(at = DELETE_AT): DisruptionController {
  let done = false;
  return {
    name: 'delete-first',
    tick(ctx) {
      if (done || ctx.now < at) return;
      const claim = [...ctx.state.nodeClaims.values()].find((c) => c.phase === 'Initialized');
      if (!claim) return;
      done = true;
      ctx.deleteNodeClaim(claim.name, 'Underutilized');
    },
  };
}

function daemonSet(name: string, spec: Partial<Pod['spec']> = {}): DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [{ name, image: 'pause', resources: { requests: { cpu: '100m' } } }],
          ...spec,
        },
      },
    },
  };
}

const critical = { priorityClassName: 'system-cluster-critical' } as const;

function run(
  objects: KubeObject[],
  opts: { until?: number; pool?: NodePool; actions?: { at: string; run: string }[] } = {},
): Timeline {
  return simulate({
    objects: [
      scenario({ instanceTypes: TYPES, ...(opts.actions ? { actions: opts.actions } : {}) }),
      opts.pool ?? nodePool('default'),
      ...objects,
    ],
    disruption: deleteFirstClaimAt(),
    until: opts.until ?? 600 * S,
  });
}

/** When each pod (by name prefix) got an event with this reason. */
function firstAt(tl: Timeline, reason: string, podPrefix: string): number | undefined {
  return tl.events.find(
    (e) =>
      e.type === 'k8s' &&
      e.event.reason === reason &&
      e.event.object.startsWith(`pod/default/${podPrefix}`),
  )?.t;
}

const reasons = (tl: Timeline, reason: string) =>
  tl.events.filter((e) => e.type === 'k8s' && e.event.reason === reason);

function terminatedAt(tl: Timeline): number | undefined {
  return [...tl.final.nodes.values()].find((n) => n.terminatedAt !== undefined)?.terminatedAt;
}

describe('drain › order (§3.14)', () => {
  it('evicts non-critical pods, then non-critical DaemonSets, then critical pods, then critical DaemonSets, each tier gone before the next', () => {
    const tl = run([
      deployment('app', { replicas: 2, cpu: '500m' }),
      daemonSet('logs'),
      deployment('dns', { replicas: 1, cpu: '500m', spec: critical }),
      daemonSet('cni', critical),
    ]);
    const app = firstAt(tl, 'Evicted', 'app-') ?? NaN;
    const logs = firstAt(tl, 'Evicted', 'logs-') ?? NaN;
    const dns = firstAt(tl, 'Evicted', 'dns-') ?? NaN;
    const cni = firstAt(tl, 'Evicted', 'cni-') ?? NaN;
    expect(app).toBeGreaterThanOrEqual(DELETE_AT);
    // Each tier waits for the previous one's 30 s default grace period to run out.
    expect(logs - app).toBe(30 * S);
    expect(dns - logs).toBe(30 * S);
    expect(cni - dns).toBe(30 * S);
    expect(terminatedAt(tl)).toBeGreaterThanOrEqual(cni + 30 * S);
  });

  it('skips pods that tolerate karpenter.sh/disrupted:NoSchedule (they go with the instance)', () => {
    const tolerant = deployment('agent', {
      replicas: 1,
      cpu: '500m',
      spec: { tolerations: [{ operator: 'Exists' }] },
    });
    const tl = run([deployment('app', { replicas: 1, cpu: '500m' }), tolerant]);
    expect(firstAt(tl, 'Evicted', 'app-')).toBeDefined();
    expect(firstAt(tl, 'Evicted', 'agent-')).toBeUndefined();
    expect(terminatedAt(tl)).toBeDefined();
  });
});

describe('drain › pod grace periods', () => {
  it('keeps an evicted pod Terminating for its terminationGracePeriodSeconds while its replacement is already created', () => {
    const slow = deployment('slow', {
      replicas: 1,
      cpu: '500m',
      spec: { terminationGracePeriodSeconds: 90 },
    });
    const tl = run([slow]);
    const evicted = firstAt(tl, 'Evicted', 'slow-') ?? NaN;
    const terminating = tl.events.find((e) => e.type === 'pod.terminating');
    const gone = tl.events.find(
      (e) =>
        e.type === 'pod.deleted' &&
        terminating?.type === 'pod.terminating' &&
        e.pod === terminating.pod,
    );
    expect(gone?.t).toBe(evicted + 90 * S);
    const recreated = tl.events.find((e) => e.type === 'pod.created' && e.t === evicted);
    expect(recreated).toBeDefined();
    expect(terminatedAt(tl)).toBeGreaterThanOrEqual(evicted + 90 * S);
  });

  it('recreates a StatefulSet pod under the same name only once the old one is gone', () => {
    const sts: Deployment = {
      ...deployment('db', { replicas: 1, cpu: '500m' }),
      kind: 'StatefulSet',
    };
    const tl = run([sts]);
    const created = tl.events.filter(
      (e) => e.type === 'pod.created' && e.pod.key === 'default/db-0',
    );
    const deleted = tl.events.find((e) => e.type === 'pod.deleted' && e.pod === 'default/db-0');
    expect(created).toHaveLength(2);
    expect(created[1]?.t).toBe(deleted?.t);
    expect(tl.final.pods.get('default/db-0')?.phase).toBe('Running');
  });
});

describe('drain › PodDisruptionBudgets', () => {
  it('evicts one pod at a time under maxUnavailable: 1, retrying with backoff until the replacement runs', () => {
    const pdb: KubeObject = {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'web', namespace: 'default' },
      spec: { maxUnavailable: 1, selector: { matchLabels: { app: 'web' } } },
    };
    const tl = run([pdb, deployment('web', { replicas: 3, cpu: '1' })], { until: 900 * S });
    const evictions = reasons(tl, 'Evicted').map((e) => e.t);
    expect(evictions).toHaveLength(3);
    expect(new Set(evictions).size).toBe(3); // never two at once
    expect(reasons(tl, 'FailedDraining').length).toBeGreaterThan(0);
    expect([...tl.final.pods.values()].filter((p) => p.phase === 'Running')).toHaveLength(3);
  });

  // upstream: pkg/utils/pod/scheduling.go IsReschedulable has no owner condition, so Karpenter
  // provisions for a bare pod of a deleting node too (scheduling suite_test.go "Deleting Nodes /
  // should re-schedule pods from a deleting node when pods are active"); the lab required an owner.
  it('launches a node for a bare pod a (not fully blocking) PDB holds on the deleting node', () => {
    const pdb: KubeObject = {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'web', namespace: 'default' },
      spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } },
    };
    const bare: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
      spec: { containers: [{ name: 'c', image: 'pause', resources: { requests: { cpu: '1' } } }] },
    };
    const tl = run([pdb, bare], { until: 300 * S });
    const claims = [...tl.final.nodeClaims.values()];
    expect(claims).toHaveLength(2);
    expect(claims.filter((c) => c.createdAt >= DELETE_AT)).toHaveLength(1);
    expect(tl.final.pods.get('default/web')?.phase).toBe('Running');
  });

  it('deletes a pod early at the node deadline minus its own grace', () => {
    const pod = { spec: { containers: [], terminationGracePeriodSeconds: 45 } } as unknown as Pod;
    expect(podGraceMs(pod)).toBe(45_000);
    expect(expiringDeleteAt(600_000, pod)).toBe(555_000);
  });

  it('backs off from 100 ms, doubling, up to the cap', () => {
    expect([0, 1, 2, 3, 6, 7, 20].map((n) => evictionBackoff(n, 10_000))).toEqual([
      100, 200, 400, 800, 6_400, 10_000, 10_000,
    ]);
  });
});

// upstream: pkg/controllers/node/termination/terminator/terminator.go (IsEvictable →
// IsDoNotDisruptActive): a duration is measured from the pod's start, as for candidates.
describe('drain › a do-not-disrupt duration', () => {
  const pod = podRec('p', {
    node: 'n1',
    startedAt: 120_000,
    annotations: { 'karpenter.sh/do-not-disrupt': '3m' },
  });
  it('runs from the pod’s start, not its creation', () => {
    // Created at 0, started at 2m: at 3m20s it has run 1m20s of its 3m.
    expect(doNotDisruptBlocks(pod, 200_000, 'v1', true)).toBe(
      'pod has the karpenter.sh/do-not-disrupt annotation (3m, not yet elapsed)',
    );
    expect(doNotDisruptBlocks(pod, 300_000, 'v1', true)).toBeUndefined();
  });
  it('does not protect the pod before v1.12 (only "true" did)', () => {
    expect(doNotDisruptBlocks(pod, 200_000, 'v1', false)).toBeUndefined();
  });
});

// upstream: pkg/controllers/node/termination/terminator/suite_test.go
// test: should clamp gracePeriodSeconds to >= 1 when nodeTerminationTime is in the past
describe('drain › the grace of a terminationGracePeriod deletion', () => {
  it('is the whole seconds left to the node’s termination time, at least 1', () => {
    expect(forcedGraceSeconds(100_000, 40_100)).toBe(59);
    expect(forcedGraceSeconds(100_000, 99_700)).toBe(1);
    expect(forcedGraceSeconds(100_000, 105_000)).toBe(1);
  });
  it('names the termination time as Go prints a time', () => {
    expect(goTime(600_000)).toBe('2024-01-01 00:10:00 +0000 UTC');
    expect(goTime(600_500)).toBe('2024-01-01 00:10:00.5 +0000 UTC');
  });
});

describe('drain › do-not-disrupt and terminationGracePeriod', () => {
  const pinned = (): Deployment => {
    const d = deployment('batch', { replicas: 1, cpu: '500m' });
    d.spec.template.metadata = {
      ...d.spec.template.metadata,
      annotations: { 'karpenter.sh/do-not-disrupt': 'true' },
    };
    return d;
  };

  it('does not evict a do-not-disrupt pod but waits for it (no terminationGracePeriod: the node stays)', () => {
    const tl = run([pinned(), deployment('app', { replicas: 1, cpu: '500m' })]);
    expect(firstAt(tl, 'Evicted', 'app-')).toBeDefined();
    expect(firstAt(tl, 'Evicted', 'batch-')).toBeUndefined();
    expect(terminatedAt(tl)).toBeUndefined();
    const failed = reasons(tl, 'FailedDraining')[0];
    expect(failed?.type === 'k8s' ? failed.event.message : '').toContain('do-not-disrupt');
  });

  it('deletes the pod at deadline − its grace period and terminates the node once terminationGracePeriod is over', () => {
    const tgp = 300 * S;
    const tl = run([pinned()], {
      pool: nodePool('default', { terminationGracePeriod: '5m' }),
      until: 900 * S,
    });
    const deadline = DELETE_AT + tgp;
    expect(firstAt(tl, 'Disrupted', 'batch-')).toBe(deadline - 30 * S);
    const t = terminatedAt(tl) ?? NaN;
    expect(t).toBeGreaterThan(DELETE_AT);
    expect(t).toBeLessThanOrEqual(deadline + 30 * S); // + instance shutdown
  });

  it('force-deletes pods a PodDisruptionBudget still protects when terminationGracePeriod expires', () => {
    const pdb: KubeObject = {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'web', namespace: 'default' },
      spec: { minAvailable: 2, selector: { matchLabels: { app: 'web' } } },
    };
    const tl = run([pdb, deployment('web', { replicas: 2, cpu: '1' })], {
      pool: nodePool('default', { terminationGracePeriod: '3m' }),
      until: 900 * S,
    });
    expect(reasons(tl, 'Evicted')).toHaveLength(0);
    expect(reasons(tl, 'Disrupted')).toHaveLength(2);
    expect(terminatedAt(tl)).toBeLessThanOrEqual(DELETE_AT + 180 * S + 30 * S);
    expect([...tl.final.pods.values()].filter((p) => p.phase === 'Running')).toHaveLength(2);
  });
});

describe('kubectl drain', () => {
  it('evicts every non-DaemonSet pod at once and leaves DaemonSet pods and the node', () => {
    const objects = [daemonSet('logs'), deployment('app', { replicas: 2, cpu: '500m' })];
    const probe = simulate({
      objects: [scenario({ instanceTypes: TYPES }), nodePool('default'), ...objects],
    });
    const node = [...probe.final.nodes.keys()][0] ?? '';
    const tl = simulate({
      objects: [
        scenario({ instanceTypes: TYPES, actions: [{ at: '2m', run: `kubectl drain ${node}` }] }),
        nodePool('default'),
        ...objects,
      ],
      until: 600 * S,
    });
    const evicted = reasons(tl, 'Evicted').map((e) => e.t);
    expect(evicted).toEqual([DELETE_AT, DELETE_AT]);
    expect([...tl.final.pods.values()].some((p) => p.daemonSet && p.nodeName === node)).toBe(true);
    expect(tl.final.nodes.get(node)?.terminatedAt).toBeUndefined();
  });
});

describe('DaemonSet pods', () => {
  // upstream: pkg/controllers/disruption/suite_test.go, Candidate Filtering "should not consider
  // candidates that have do-not-disrupt daemonset pods scheduled": the annotation reaches the pod.
  it('carry their template annotations', () => {
    const ds = daemonSet('logs');
    ds.spec.template.metadata = {
      ...ds.spec.template.metadata,
      annotations: { 'karpenter.sh/do-not-disrupt': 'true' },
    };
    const tl = simulate({
      objects: [
        scenario({ instanceTypes: TYPES }),
        nodePool('default'),
        ds,
        deployment('app', { replicas: 1, cpu: '500m' }),
      ],
      until: 120 * S,
    });
    const pod = [...tl.final.pods.values()].find((p) => p.daemonSet);
    expect(pod?.pod.metadata.annotations).toEqual({ 'karpenter.sh/do-not-disrupt': 'true' });
  });
});

describe('kube-scheduler and terminating pods', () => {
  // Two zones; a1 is drained at 1m while a2 (same zone) is uncordoned: the evicted pods' replacements
  // must land on a2 at once — terminating pods on a1 neither count toward the zone spread nor keep
  // a replacement Pending once they are gone.
  const zone = (z: string) => ({
    'topology.kubernetes.io/zone': z,
    'node.kubernetes.io/instance-type': 'm5.large',
  });
  const spread: Partial<Pod['spec']> = {
    topologySpreadConstraints: [
      {
        maxSkew: 1,
        topologyKey: 'topology.kubernetes.io/zone',
        whenUnsatisfiable: 'DoNotSchedule',
        labelSelector: { matchLabels: { app: 'web' } },
      },
    ],
  };
  // m5.large-sized: two 900m pods per node at most.
  const size = { cpu: '1930m', memory: '7Gi', pods: '29' };
  const a2 = existingNode('a2', zone('us-east-1a'), size);
  const timeline = simulate({
    objects: [
      scenario({
        karpenter: { installed: false },
        actions: [
          { at: '1m', run: 'kubectl uncordon a2' },
          { at: '1m', run: 'kubectl drain a1' },
        ],
        until: '10m',
      }),
      existingNode('a1', zone('us-east-1a'), size),
      { ...a2, spec: { unschedulable: true } },
      existingNode('b1', zone('us-east-1b'), size),
      deployment('web', { replicas: 4, cpu: '900m', spec: spread }),
    ],
  });

  it('places every replacement within the pods’ grace period, none stays Pending', () => {
    const end = timeline.final;
    const web = [...end.pods.values()].filter((p) => p.pod.metadata.labels?.app === 'web');
    expect(web.filter((p) => p.phase === 'Running')).toHaveLength(4);
    const running = timeline.events.filter((e) => e.type === 'pod.running' && e.t > 60 * S);
    expect(running).toHaveLength(2);
    // Drained at 1m, default grace 30 s: both replacements run well before 2m.
    expect(Math.max(...running.map((e) => e.t))).toBeLessThan(120 * S);
  });
});
