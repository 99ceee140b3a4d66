// Disruption with volumes (issue 19 item 4): consolidation and drift dry runs go through the same
// solve input as provisioning, so a pod whose volume lives in one zone can only move within that
// zone. Upstream has no test of its own for this (only DS1, the local PV, in src/fidelity/storage);
// these cases follow from `disruption/helpers.go: SimulateScheduling` building the provisioner's
// scheduler, volume requirements included (brief §1.9). Each case has a control without the volume
// that moves elsewhere, so the zone is shown to be the volume's doing.
import { describe, expect, it } from 'vitest';
import { explainNode } from '../../explain/index.ts';
import { simulateText, timelineOf } from '../../fidelity/harness.ts';
import type { TimelineJSON } from '../engine/json.ts';
import { NODE_CLASS_YAML } from './testing.ts';

interface Opts {
  /** Offer the small type in test-zone-2 too (at 0.2/h; 0.1/h in test-zone-1). */
  smallInZone2: boolean;
  /** Mount the claim (bound to a PV in test-zone-2); false = the same pod without a volume. */
  volume: boolean;
  /** Drift instead of consolidation: the pool allows the small type only, consolidation off. */
  drift?: boolean;
}

/** node-a: the big type (1/h) in test-zone-2, running the StatefulSet pod web-0. */
function workspace(o: Opts): string {
  const small = o.smallInZone2
    ? '[{ zone: test-zone-1, capacityType: on-demand, price: 0.1 }, { zone: test-zone-2, capacityType: on-demand, price: 0.2 }]'
    : '[{ zone: test-zone-1, capacityType: on-demand, price: 0.1 }]';
  const vol = o.volume
    ? '\n      volumes: [{ name: data, persistentVolumeClaim: { claimName: data-web-0 } }]'
    : '';
  const podVol = o.volume
    ? '\n  volumes: [{ name: data, persistentVolumeClaim: { claimName: data-web-0 } }]'
    : '';
  const types = o.drift ? '[small]' : '[big, small]';
  return `apiVersion: lab.karpenter.playground/v1alpha1
kind: Scenario
metadata: { name: volumes-disruption }
spec:
  karpenter: { timings: { jitter: '0' } }
  until: 5m
  instanceTypes:
    - name: big
      cpu: 8
      memory: 16Gi
      pods: 20
      offerings: [{ zone: test-zone-1, capacityType: on-demand, price: 1 }, { zone: test-zone-2, capacityType: on-demand, price: 1 }]
    - name: small
      cpu: 2
      memory: 4Gi
      pods: 20
      offerings: ${small}
---
apiVersion: karpenter.sh/v1
kind: NodePool
metadata: { name: default }
spec:
  template:
    spec:
      nodeClassRef: { group: karpenter.k8s.aws, kind: EC2NodeClass, name: default }
      requirements: [{ key: node.kubernetes.io/instance-type, operator: In, values: ${types} }]
  disruption:
    consolidationPolicy: WhenEmptyOrUnderutilized
    consolidateAfter: ${o.drift ? 'Never' : '0s'}
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: { name: gp3 }
provisioner: ebs.csi.aws.com
volumeBindingMode: WaitForFirstConsumer
---
apiVersion: v1
kind: PersistentVolume
metadata: { name: pv-web-0 }
spec:
  capacity: { storage: 10Gi }
  accessModes: [ReadWriteOnce]
  storageClassName: gp3
  csi: { driver: ebs.csi.aws.com, volumeHandle: vol-web-0 }
  claimRef: { namespace: default, name: data-web-0 }
  nodeAffinity:
    required:
      nodeSelectorTerms:
        - matchExpressions: [{ key: topology.kubernetes.io/zone, operator: In, values: [test-zone-2] }]
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: { name: data-web-0, annotations: { pv.kubernetes.io/bind-completed: yes } }
spec:
  accessModes: [ReadWriteOnce]
  resources: { requests: { storage: 10Gi } }
  storageClassName: gp3
  volumeName: pv-web-0
---
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: web }
spec:
  replicas: 1
  serviceName: web
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: c, image: pause, resources: { requests: { cpu: 500m } } }]${vol}
---
apiVersion: v1
kind: Node
metadata:
  name: node-a
  labels:
    karpenter.sh/nodepool: default
    node.kubernetes.io/instance-type: big
    karpenter.sh/capacity-type: on-demand
    topology.kubernetes.io/zone: test-zone-2
status:
  capacity: { cpu: '8', memory: 16Gi, pods: '20' }
  allocatable: { cpu: '8', memory: 16Gi, pods: '20' }
---
apiVersion: v1
kind: Pod
metadata:
  name: web-0
  labels: { app: web }
  ownerReferences: [{ apiVersion: apps/v1, kind: StatefulSet, name: web, uid: ss-web, controller: true }]
spec:
  nodeName: node-a
  containers: [{ name: c, image: pause, resources: { requests: { cpu: 500m } } }]${podVol}
---
${NODE_CLASS_YAML}`;
}

const live = (j: TimelineJSON) => j.nodes.filter((n) => n.state !== 'terminated');
const webNode = (j: TimelineJSON) => {
  const p = j.pods.find((x) => x.name === 'web-0');
  return j.nodes.find((n) => n.name === p?.nodeName);
};
const messages = (j: TimelineJSON, reason: string) =>
  j.events.filter((e) => e.reason === reason).map((e) => e.message);

describe('consolidation of a node whose pod’s volume pins it to a zone', () => {
  it('replaces it with a cheaper node in the volume’s zone, not the cheapest zone', () => {
    const j = simulateText(workspace({ smallInZone2: true, volume: true }));
    expect(j.nodes.find((n) => n.name === 'node-a')?.state).toBe('terminated');
    expect(live(j).map((n) => [n.instanceType, n.zone])).toEqual([['small', 'test-zone-2']]);
    expect(webNode(j)?.zone).toBe('test-zone-2');
    expect(j.pods.find((p) => p.name === 'web-0')?.phase).toBe('Running');
    expect(j.claims?.find((c) => c.name === 'data-web-0')?.zone).toBe('test-zone-2');
    expect(messages(j, 'Disrupting').join('\n')).toContain('(Underutilized/replace)');
  });

  it('control: without the volume the replacement goes to the cheaper zone', () => {
    const j = simulateText(workspace({ smallInZone2: true, volume: false }));
    expect(live(j).map((n) => [n.instanceType, n.zone])).toEqual([['small', 'test-zone-1']]);
  });

  it('keeps it when nothing cheaper is offered in that zone, and says so', () => {
    const j = simulateText(workspace({ smallInZone2: false, volume: true }));
    expect(live(j).map((n) => n.name)).toEqual(['node-a']);
    expect(j.nodeClaims).toHaveLength(1);
    expect(webNode(j)?.name).toBe('node-a');
    expect(messages(j, 'Unconsolidatable')).toContain("Can't replace with a cheaper node");
  });

  it('the node panel says which volume holds it and where', () => {
    const timeline = timelineOf(workspace({ smallInZone2: false, volume: true }));
    const e = explainNode(timeline, timeline.end, 'node-a');
    expect(e?.disruption.headline).toContain(
      "Volumes pin its pods to test-zone-2 (web-0's data-web-0): consolidation and drift can only move them to nodes in test-zone-2, or replace this node with one launched there, cheaper on test-zone-2's prices alone.",
    );
    expect(e?.disruption.facts).toContainEqual({
      label: 'Pinned by volumes',
      value: 'web-0 (data-web-0) → test-zone-2',
    });
    expect(e?.disruption.events.map((x) => x.message)).toContain(
      "Can't replace with a cheaper node",
    );
    const control = timelineOf(workspace({ smallInZone2: true, volume: false }));
    expect(explainNode(control, 0, 'node-a')?.disruption.headline).not.toContain('Volumes pin');
  });

  it('control: without the volume that node is replaced in the other zone', () => {
    const j = simulateText(workspace({ smallInZone2: false, volume: false }));
    expect(live(j).map((n) => [n.instanceType, n.zone])).toEqual([['small', 'test-zone-1']]);
  });
});

describe('drift of a node whose pod’s volume pins it to a zone', () => {
  it('replaces it in the volume’s zone', () => {
    const j = simulateText(workspace({ smallInZone2: true, volume: true, drift: true }));
    expect(messages(j, 'Disrupting').join('\n')).toContain('Drifted');
    expect(live(j).map((n) => [n.instanceType, n.zone])).toEqual([['small', 'test-zone-2']]);
    expect(j.pods.find((p) => p.name === 'web-0')?.phase).toBe('Running');
  });

  it('control: without the volume the drift replacement goes to the cheaper zone', () => {
    const j = simulateText(workspace({ smallInZone2: true, volume: false, drift: true }));
    expect(live(j).map((n) => [n.instanceType, n.zone])).toEqual([['small', 'test-zone-1']]);
  });
});
