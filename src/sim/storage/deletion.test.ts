// Claim deletion (issue 19): `kubectl delete pvc`, PVC protection (a claim a scheduled pod uses
// stays Terminating until that pod is gone — kubernetes pvc_protection_controller.go podUsesPVC),
// the StatefulSet controller re-creating a missing claim for its Pending pod, and
// persistentVolumeClaimRetentionPolicy whenScaled / whenDeleted: Delete.
import { describe, expect, it } from 'vitest';
import { timelineOf } from '../../fidelity/harness.ts';
import { runCommand } from '../../kubectl/run.ts';
import { stateAt, type Timeline } from '../engine/index.ts';
import { toJSON } from '../engine/json.ts';
import { NODE_CLASS_YAML } from './testing.ts';

function workspace(o: {
  actions: string[];
  replicas?: number;
  policy?: string;
  extra?: string;
  zone?: string;
}) {
  const actions = o.actions.map((a) => `\n    - ${a}`).join('');
  const policy = o.policy ? `\n  persistentVolumeClaimRetentionPolicy: ${o.policy}` : '';
  return `apiVersion: lab.karpenter.playground/v1alpha1
kind: Scenario
metadata: { name: claims }
spec:
  karpenter: { timings: { jitter: '0' } }
  until: 10m
  actions:${actions}
  instanceTypes:
    - name: t
      cpu: 4
      memory: 8Gi
      pods: 20
      offerings: [{ zone: test-zone-1, capacityType: on-demand }, { zone: test-zone-2, capacityType: on-demand }]
---
apiVersion: karpenter.sh/v1
kind: NodePool
metadata: { name: default }
spec:
  template:
    spec:
      nodeClassRef: { group: karpenter.k8s.aws, kind: EC2NodeClass, name: default }
      requirements: []
  disruption: { consolidateAfter: Never }
---
${NODE_CLASS_YAML}---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: { name: gp3 }
provisioner: ebs.csi.aws.com
volumeBindingMode: WaitForFirstConsumer
---
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: web }
spec:
  replicas: ${o.replicas ?? 1}
  serviceName: web
  selector: { matchLabels: { app: web } }${policy}
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: c, image: pause, resources: { requests: { cpu: 100m } } }]${o.zone ? `\n      nodeSelector: { topology.kubernetes.io/zone: ${o.zone} }` : ''}
  volumeClaimTemplates:
    - metadata: { name: data }
      spec: { accessModes: [ReadWriteOnce], storageClassName: gp3, resources: { requests: { storage: 1Gi } } }
${o.extra ?? ''}`;
}

const console = (tl: Timeline, t: number, line: string): string => {
  const r = runCommand(line, { timeline: tl, t, state: stateAt(tl, t) });
  return r.error ?? r.output;
};
const claimsAt = (tl: Timeline, t: number) =>
  [...stateAt(tl, t).objects.values()]
    .filter((o) => o.kind === 'PersistentVolumeClaim')
    .map((o) => o.metadata.name);
const volumeOf = (tl: Timeline, t: number, claim: string): string | undefined => {
  const c = stateAt(tl, t).objects.get(`PersistentVolumeClaim/default/${claim}`);
  return c?.kind === 'PersistentVolumeClaim' ? c.spec.volumeName : undefined;
};
const MIN = 60_000;

describe('kubectl delete pvc and PVC protection', () => {
  const tl = timelineOf(
    workspace({
      actions: [
        "{ at: 3m, run: 'kubectl delete pvc data-web-0' }",
        "{ at: 5m, run: 'kubectl delete pod web-0' }",
      ],
    }),
  );

  it('a claim its running pod uses stays Terminating, and the pod keeps running', () => {
    expect(console(tl, 3 * MIN, 'kubectl delete pvc data-web-0')).toBe(
      'persistentvolumeclaim "data-web-0" deleted',
    );
    expect(console(tl, 4 * MIN, 'kubectl get pvc')).toMatch(/data-web-0\s+Terminating\s+pvc-/);
    const described = console(tl, 4 * MIN, 'kubectl describe pvc data-web-0');
    expect(described, described).toMatch(/Status:\s+Terminating \(lasts 60s\)/);
    expect(console(tl, 4 * MIN, 'kubectl get pods')).toMatch(/web-0\s+1\/1\s+Running/);
  });

  it('goes once the pod is gone; the re-created pod gets a new, empty claim and volume', () => {
    const before = volumeOf(tl, 4 * MIN, 'data-web-0');
    expect(before).toMatch(/^pvc-/);
    const end = toJSON(tl);
    const web0 = end.pods.find((p) => p.name === 'web-0');
    expect(web0?.phase).toBe('Running');
    const after = volumeOf(tl, tl.end, 'data-web-0');
    expect(after).toMatch(/^pvc-/);
    expect(after).not.toBe(before);
    expect(console(tl, tl.end, 'kubectl get pvc')).toMatch(/data-web-0\s+Bound\s+pvc-/);
    expect(console(tl, tl.end, 'kubectl get pv')).toContain(`${before ?? '?'} `);
  });

  it('a claim no scheduled pod uses is deleted at once; an unknown one is NotFound', () => {
    const t = timelineOf(
      workspace({
        actions: ["{ at: 1m, run: 'kubectl delete pvc spare' }"],
        extra: `---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: { name: spare }
spec: { accessModes: [ReadWriteOnce], storageClassName: gp3, resources: { requests: { storage: 1Gi } } }
`,
      }),
    );
    expect(claimsAt(t, 59_000)).toContain('spare');
    expect(claimsAt(t, MIN)).not.toContain('spare');
    expect(console(t, MIN, 'kubectl delete pvc nope')).toBe(
      'Error from server (NotFound): persistentvolumeclaims "nope" not found',
    );
  });
});

describe('a deleted claim only a Pending pod uses', () => {
  it('goes at once, and the StatefulSet controller creates it again for that pod', () => {
    const tl = timelineOf(
      workspace({ zone: 'nowhere', actions: ["{ at: 1m, run: 'kubectl delete pvc data-web-0' }"] }),
    );
    const created = tl.events.filter(
      (e) => e.type === 'claim.created' && e.claim.metadata.name === 'data-web-0',
    );
    expect(created.map((e) => e.t)).toEqual([0, MIN]);
    const deleted = tl.events.filter(
      (e) => e.type === 'object.deleted' && e.key === 'PersistentVolumeClaim/default/data-web-0',
    );
    expect(deleted.map((e) => e.t)).toEqual([MIN]);
    expect(console(tl, tl.end, 'kubectl get pvc')).toMatch(/data-web-0\s+Pending\s+gp3/);
  });
});

describe('persistentVolumeClaimRetentionPolicy', () => {
  const scaled = (policy?: string) =>
    timelineOf(
      workspace({
        replicas: 2,
        actions: ["{ at: 3m, run: 'kubectl scale statefulset web --replicas=1' }"],
        ...(policy ? { policy } : {}),
      }),
    );
  it('whenScaled: Delete removes the claims of the removed ordinals only', () => {
    const tl = scaled('{ whenScaled: Delete }');
    expect(claimsAt(tl, 2 * MIN).sort()).toEqual(['data-web-0', 'data-web-1']);
    expect(claimsAt(tl, tl.end)).toEqual(['data-web-0']);
  });
  it('the default (Retain) keeps them', () => {
    const tl = scaled();
    expect(claimsAt(tl, tl.end).sort()).toEqual(['data-web-0', 'data-web-1']);
  });

  const deleted = (policy?: string) =>
    timelineOf(
      workspace({
        replicas: 2,
        actions: ["{ at: 3m, run: 'kubectl delete statefulset web' }"],
        ...(policy ? { policy } : {}),
      }),
    );
  it('whenDeleted: Delete removes every claim once the set’s pods are gone', () => {
    const tl = deleted('{ whenDeleted: Delete }');
    expect(claimsAt(tl, 2 * MIN)).toHaveLength(2);
    expect(claimsAt(tl, tl.end)).toEqual([]);
  });
  it('the default (Retain) keeps them', () => {
    const tl = deleted();
    expect(claimsAt(tl, tl.end)).toHaveLength(2);
  });
});
