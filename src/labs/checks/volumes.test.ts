// The storage checks on hand-built timelines: fixed names and zones, so every message is exact.
import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../sim/engine/index.ts';
import type { PersistentVolume, PersistentVolumeClaim } from '../../sim/k8s.ts';
import { k8s, nodeRec, podRec, timelineOf } from '../../kubectl/testing.ts';
import { runChecks } from './evaluate.ts';
import { parseChecks } from './parse.ts';
import { claim as storageClaim, volume as storageVolume } from '../../sim/storage/testing.ts';

const claim = (name: string, volumeName?: string): PersistentVolumeClaim =>
  storageClaim(name, {
    storageClassName: 'gp3',
    ...(volumeName ? { volumeName } : {}),
    labels: { app: 'web' },
    phase: volumeName ? 'Bound' : 'Pending',
  });

const volume = (name: string, zone: string): PersistentVolume =>
  storageVolume(name, { zones: [zone] });

/** A pod named `name` mounting `claims`, bound at `t` to `node` and Running. */
function runningPod(name: string, node: string, claims: string[], t = 0): SimEvent[] {
  const p = podRec(name, { labels: { app: 'web' } });
  p.pod.spec.volumes = claims.map((c) => ({ name: c, persistentVolumeClaim: { claimName: c } }));
  return [
    { t, type: 'pod.created', pod: p },
    { t, type: 'pod.bound', pod: p.key, node },
    { t, type: 'pod.running', pod: p.key },
  ];
}

const NODE_A = 'ip-10-0-1-1.ec2.internal';
const nodeA = nodeRec(NODE_A, { ready: true });

function verdicts(events: SimEvent[], checks: string) {
  const parsed = parseChecks(checks);
  expect(parsed.errors).toEqual([]);
  return runChecks(timelineOf(events), parsed.checks).map((r) => ({
    pass: r.pass,
    message: r.message,
  }));
}

const applied = (object: PersistentVolume | PersistentVolumeClaim): SimEvent => ({
  t: 0,
  type: 'object.applied',
  object,
});

describe('podZone', () => {
  it('passes when each pod runs in its volume’s zone, and names the pods', () => {
    const events = [
      { t: 0, type: 'node.registered', node: nodeA } as SimEvent,
      applied(volume('pv-a', 'us-east-1a')),
      applied(claim('data-web-0', 'pv-a')),
      ...runningPod('web-0', NODE_A, ['data-web-0']),
    ];
    expect(verdicts(events, '- podZone: {selector: app=web, sameAsClaim: true}')).toEqual([
      { pass: true, message: 'web-0 in us-east-1a at the end of the run, each with its volume' },
    ]);
  });

  it('fails when the volume is in another zone, or the claim has no volume yet', () => {
    const events = [
      { t: 0, type: 'node.registered', node: nodeA } as SimEvent,
      applied(volume('pv-b', 'us-east-1b')),
      applied(claim('data-web-0', 'pv-b')),
      applied(claim('data-web-1')),
      ...runningPod('web-0', NODE_A, ['data-web-0']),
      ...runningPod('web-1', NODE_A, ['data-web-1']),
    ];
    expect(verdicts(events, '- podZone: {selector: app=web, sameAsClaim: true}')).toEqual([
      {
        pass: false,
        message:
          "web-0 runs in us-east-1a but its volume pv-b is in us-east-1b; web-1's claim data-web-1 has no volume with a zone (Pending) at the end of the run",
      },
    ]);
  });

  it('checks a fixed zone too, and says so when nothing runs', () => {
    const events = [
      { t: 0, type: 'node.registered', node: nodeA } as SimEvent,
      ...runningPod('web-0', NODE_A, []),
    ];
    expect(
      verdicts(
        events,
        '- podZone: {selector: app=web, zone: us-east-1c}\n- podZone: {selector: app=db, zone: us-east-1c}',
      ),
    ).toEqual([
      { pass: false, message: 'web-0 runs in us-east-1a, not us-east-1c at the end of the run' },
      { pass: false, message: 'no pod app=db is Running at the end of the run' },
    ]);
  });
});

describe('claimBound', () => {
  it('fails on a Pending claim with the last event the claim got', () => {
    const events = [
      applied(claim('data-web-0')),
      k8s(
        5_000,
        'Warning',
        'ProvisioningFailed',
        'persistentvolumeclaim/default/data-web-0',
        'failed to provision volume with StorageClass "gp3": error generating accessibility requirements: no available topology found',
      ),
    ];
    expect(verdicts(events, '- claimBound: {selector: app=web}')).toEqual([
      {
        pass: false,
        message:
          'data-web-0 is Pending at the end of the run (last event: ProvisioningFailed: failed to provision volume with StorageClass "gp3": error generating accessibility requirements: no available topology found)',
      },
    ]);
  });

  it('passes on bound claims (by name, in a zone) and names their volumes', () => {
    const events = [applied(volume('pv-a', 'us-east-1a')), applied(claim('data-web-0', 'pv-a'))];
    expect(
      verdicts(
        events,
        '- claimBound: {name: data-web-0, zone: us-east-1a}\n- claimBound: {name: data-web-0, zone: us-east-1b}',
      ),
    ).toEqual([
      { pass: true, message: 'data-web-0 → pv-a in us-east-1a at the end of the run' },
      {
        pass: false,
        message: 'data-web-0 → pv-a in us-east-1a at the end of the run, expected in us-east-1b',
      },
    ]);
  });
});

describe('podPending', () => {
  it('finds the message in the pod’s FailedScheduling events', () => {
    const p = podRec('web-0', { labels: { app: 'web' } });
    const events: SimEvent[] = [
      { t: 0, type: 'pod.created', pod: p },
      k8s(
        1_000,
        'Warning',
        'FailedScheduling',
        'pod/default/web-0',
        '0/0 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/0 nodes are available: 0 Preemption is not helpful for scheduling.',
      ),
    ];
    const [hit, miss] = verdicts(
      events,
      '- podPending: {selector: app=web, message: unbound immediate}\n- podPending: {selector: app=web, message: volume node affinity}',
    );
    expect(hit).toEqual({
      pass: true,
      message: expect.stringMatching(
        /^web-0 is Pending at the end of the run: 0\/0 nodes are available: pod has unbound immediate/,
      ),
    });
    expect(miss?.pass).toBe(false);
    expect(miss?.message).toMatch(
      /^1 pod\(s\) app=web Pending at the end of the run, but none for "volume node affinity"; web-0: /,
    );
  });
});

describe('volumesPerNode', () => {
  it('reports the most distinct claims a node ever carried', () => {
    const claims = ['a', 'b', 'c'].map((c) => applied(claim(`data-${c}`)));
    const events = [
      { t: 0, type: 'node.registered', node: nodeA } as SimEvent,
      ...claims,
      ...runningPod('web-0', NODE_A, ['data-a', 'data-b'], 1_000),
      // A claim shared by two pods counts once.
      ...runningPod('web-1', NODE_A, ['data-b', 'data-c'], 2_000),
    ];
    expect(verdicts(events, '- volumesPerNode: {max: 3}\n- volumesPerNode: {max: 2}')).toEqual([
      { pass: true, message: `at most 3 on ${NODE_A} at 2s` },
      { pass: false, message: `at most 3 on ${NODE_A} at 2s, more than 2` },
    ]);
  });
});

describe('parsing', () => {
  it('rejects a podZone without zone or sameAsClaim, and unknown fields', () => {
    expect(parseChecks('- podZone: {selector: app=web}\n- claimBound: {zones: a}').errors).toEqual([
      'check 1: podZone: podZone needs zone or sameAsClaim: true',
      'check 2: claimBound: unknown field "zones" (known: selector, name, zone, at)',
    ]);
  });
});
