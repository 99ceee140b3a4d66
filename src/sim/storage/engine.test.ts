// The storage controllers end to end, through the engine and the CLI JSON.
import { describe, expect, it } from 'vitest';
import type { KubeObject, Scenario } from '../k8s.ts';
import { simulate } from '../engine/simulate.ts';
import { toJSON } from '../engine/json.ts';
import { nodePool, scenario } from '../engine/testing.ts';
import { statefulSet, storageClass } from './testing.ts';

const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
const run = (spec: Scenario['spec'], ...objects: KubeObject[]) =>
  toJSON(
    simulate({ objects: [scenario({ zones: ZONES, ...spec }), nodePool('default'), ...objects] }),
  );
const spread = (sts: ReturnType<typeof statefulSet>) => {
  sts.spec.template.spec.topologySpreadConstraints = [
    {
      maxSkew: 1,
      topologyKey: 'topology.kubernetes.io/zone',
      whenUnsatisfiable: 'DoNotSchedule',
      labelSelector: { matchLabels: { app: sts.metadata.name ?? '' } },
    },
  ];
  return sts;
};

describe('StatefulSet claims with a WaitForFirstConsumer class', () => {
  const j = run(
    {},
    storageClass('gp3', { mode: 'WaitForFirstConsumer' }),
    spread(statefulSet('web', { replicas: 3 })),
  );
  it('creates data-web-N, provisions each volume in its pod’s node zone, runs every pod', () => {
    expect(j.pods.map((p) => [p.name, p.phase, p.claims])).toEqual([
      ['web-0', 'Running', ['data-web-0']],
      ['web-1', 'Running', ['data-web-1']],
      ['web-2', 'Running', ['data-web-2']],
    ]);
    for (const c of j.claims ?? []) {
      const pod = j.pods.find((p) => c.usedBy.includes(`default/${p.name}`));
      const node = j.nodes.find((n) => n.name === pod?.nodeName);
      expect(c.phase).toBe('Bound');
      expect(c.zone).toBe(node?.zone);
    }
    expect(new Set(j.claims?.map((c) => c.zone))).toEqual(new Set(ZONES));
  });
  it('labels nodes with the EBS zone key and reports the attach limit at Ready', () => {
    for (const n of j.nodes) {
      expect(n.labels['topology.ebs.csi.aws.com/zone']).toBe(n.zone);
      expect(n.volumeLimits?.['ebs.csi.aws.com']).toBeGreaterThan(0);
    }
    expect(j.events.filter((e) => e.reason === 'WaitForFirstConsumer')).toHaveLength(3);
  });
});

describe('an Immediate class in a cluster without nodes', () => {
  const j = run({ until: '3m' }, storageClass('gp3'), statefulSet('web', { replicas: 2 }));
  it('deadlocks with the provisioner, kube-scheduler and Karpenter each saying why', () => {
    expect(j.nodes).toHaveLength(0);
    expect(j.pods.every((p) => p.phase === 'Pending')).toBe(true);
    const msgs = j.events.map((e) => e.message);
    expect(msgs).toContain(
      'failed to provision volume with StorageClass "gp3": error generating accessibility requirements: no available topology found',
    );
    expect(msgs).toContain(
      '0/0 nodes are available: pod has unbound immediate PersistentVolumeClaims.',
    );
    expect(msgs).toContain(
      'Failed to schedule pod, failed to validate pvc, pvc with immediate volume binding mode must be bound',
    );
  });
  it('a misspelt class names the missing object', () => {
    const k = run(
      { until: '1m' },
      storageClass('gp3', { mode: 'WaitForFirstConsumer' }),
      statefulSet('web', { storageClassName: 'gp-3' }),
    );
    expect(k.pods[0]?.reason).toBe(
      'failed to validate pvc, failed to get storage class, storageclasses.storage.k8s.io "gp-3" not found',
    );
  });
});

describe('volume limits', () => {
  it('one batch overfills a new node; kube-scheduler refuses the extras; later batches launch more', () => {
    const shards = statefulSet('shards', { replicas: 6, cpu: '100m', templates: ['a', 'b'] });
    shards.spec.template.spec.nodeSelector = { 'node.kubernetes.io/instance-type': 'm5.large' };
    const j = run(
      { storage: { volumeAttachLimit: 4 }, until: '10m' },
      storageClass('gp3', { mode: 'WaitForFirstConsumer' }),
      shards,
    );
    expect(j.pods.filter((p) => p.phase === 'Running')).toHaveLength(6);
    const live = j.nodes.filter((n) => n.state === 'ready');
    expect(live).toHaveLength(3);
    for (const n of live) expect(n.pods).toHaveLength(2);
    expect(j.events.some((e) => e.message.includes('node(s) exceed max volume count'))).toBe(true);
  });
});
