// A pod's claims → volumes → zones, as the details panel and the canvas show them, on hand-built
// timelines (fixed names and zones).
import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../sim/engine/index.ts';
import type { PersistentVolume, PersistentVolumeClaim, StorageClass } from '../sim/k8s.ts';
import { nodeRec, podRec, timelineOf } from '../kubectl/testing.ts';
import { frameOf } from '../pipeline/run.ts';
import { explainPod } from './pod.ts';
import {
  claim as storageClaim,
  storageClass,
  volume as storageVolume,
} from '../sim/storage/testing.ts';

const wffc = storageClass('gp3', { mode: 'WaitForFirstConsumer' });
const immediate = storageClass('slow', { mode: 'Immediate' });

const claim = (name: string, cls: string, volumeName?: string): PersistentVolumeClaim =>
  storageClaim(name, {
    storageClassName: cls,
    ...(volumeName ? { volumeName } : {}),
    phase: volumeName ? 'Bound' : 'Pending',
  });

/** A volume pinned to `zone` by the EBS driver's own topology key. */
const volume = (name: string, zone: string): PersistentVolume =>
  storageVolume(name, {
    terms: [
      {
        matchExpressions: [
          { key: 'topology.ebs.csi.aws.com/zone', operator: 'In', values: [zone] },
        ],
      },
    ],
  });

const NODE = 'ip-10-0-3-3.ec2.internal';
const applied = (
  t: number,
  object: StorageClass | PersistentVolume | PersistentVolumeClaim,
): SimEvent => ({
  t,
  type: 'object.applied',
  object,
});

function web(claimName: string) {
  const p = podRec('web-0', { labels: { app: 'web' } });
  p.pod.spec.volumes = [{ name: 'data', persistentVolumeClaim: { claimName } }];
  return p;
}

describe('a pod’s volumes in the details panel', () => {
  it('a pending pod pinned by a bound volume: the zone requirement Karpenter adds, never relaxed', () => {
    const p = web('data-web-0');
    const tl = timelineOf([
      applied(0, wffc),
      applied(0, volume('pv-c', 'us-east-1c')),
      applied(0, claim('data-web-0', 'gp3', 'pv-c')),
      { t: 0, type: 'pod.created', pod: p },
    ]);
    const e = explainPod(tl, 0, p.key);
    expect(e?.volumes).toEqual({
      rows: [
        {
          claim: 'data-web-0',
          phase: 'Bound',
          storageClass: 'gp3 (WaitForFirstConsumer)',
          volume: 'pv-c',
          zone: 'us-east-1c',
        },
      ],
      why: 'Its volume pv-c (claim data-web-0) lives in us-east-1c: Karpenter adds topology.kubernetes.io/zone In [us-east-1c] to the NodeClaim it launches for this pod and never relaxes it; if the NodePool cannot launch there, the pod stays Pending with "incompatible volume requirements".',
    });
    // The canvas: a bound volume glyph, and the zone for the queue label and tooltip.
    expect(frameOf(tl.final, 0).pods[0]?.volume).toEqual({
      bound: true,
      zone: 'us-east-1c',
      claims: ['data-web-0 → pv-c in us-east-1c'],
    });
  });

  it('a WaitForFirstConsumer volume created after the pod: the volume followed the pod', () => {
    const p = web('data-web-0');
    const tl = timelineOf([
      applied(0, wffc),
      applied(0, claim('data-web-0', 'gp3')),
      { t: 0, type: 'pod.created', pod: p },
      { t: 30_000, type: 'node.registered', node: nodeRec(NODE, { zone: 'us-east-1b' }) },
      applied(40_000, volume('pv-b', 'us-east-1b')),
      applied(40_000, claim('data-web-0', 'gp3', 'pv-b')),
      { t: 45_000, type: 'pod.bound', pod: p.key, node: NODE },
    ]);
    expect(explainPod(tl, 60_000, p.key)?.volumes?.why).toBe(
      'The volume followed the pod: data-web-0 waited for its first consumer, Karpenter chose us-east-1b for the node, and pv-b was created there at 40s. From now on this pod, and any pod re-created for this claim, can only run in us-east-1b.',
    );
    // Before it bound, the claim waited; the glyph is hollow and has no zone yet.
    expect(explainPod(tl, 10_000, p.key)?.volumes?.why).toMatch(
      /^Claim data-web-0 waits for its first consumer: Karpenter picks the node on price/,
    );
    expect(frameOf(timelineOf(tl.events.slice(0, 3)).final, 10_000).pods[0]?.volume).toEqual({
      bound: false,
      zone: '',
      claims: ['data-web-0 (Pending)'],
    });
  });

  it('an Immediate claim not yet bound, and a claim that does not exist', () => {
    const p = web('data-web-0');
    const q = { ...web('nope'), key: 'default/web-1' };
    q.pod = { ...q.pod, metadata: { ...q.pod.metadata, name: 'web-1' } };
    const tl = timelineOf([
      applied(0, immediate),
      applied(0, claim('data-web-0', 'slow')),
      { t: 0, type: 'pod.created', pod: p },
      { t: 0, type: 'pod.created', pod: q },
    ]);
    expect(explainPod(tl, 0, p.key)?.volumes?.why).toMatch(
      /^Claim data-web-0 uses Immediate binding: its volume must be created before the pod can be scheduled/,
    );
    expect(explainPod(tl, 0, q.key)?.volumes).toEqual({
      rows: [{ claim: 'nope', phase: 'Missing', storageClass: '<unset>', volume: '—', zone: '—' }],
      why: 'Claim nope does not exist: Karpenter ignores the pod and kube-scheduler refuses it until the claim is created.',
    });
  });

  it('a pod without claims has no Volumes section and no glyph', () => {
    const p = podRec('plain');
    const tl = timelineOf([{ t: 0, type: 'pod.created', pod: p }]);
    expect(explainPod(tl, 0, p.key)?.volumes).toBeUndefined();
    expect(frameOf(tl.final, 0).pods[0]?.volume).toBeUndefined();
  });
});
