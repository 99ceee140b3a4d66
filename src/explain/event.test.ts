import { describe, expect, it } from 'vitest';
import { explainEvent } from './event.ts';
import { explainNode } from './node.ts';
import { deployment, firstEvent, run, threePodsOnOneNode, type Run } from './testing.ts';
import { provisioner } from '../sim/engine/testing.ts';

function indexOf(r: Run, type: string): number {
  const i = r.timeline.events.findIndex((e) => e.type === type);
  if (i < 0) throw new Error(`no ${type}`);
  return i;
}

describe('explainEvent', () => {
  it('a launch: says what was launched and shows the NodeClaim going Pending → Launched', () => {
    const r = threePodsOnOneNode();
    const i = indexOf(r, 'nodeclaim.launched');
    const e = explainEvent(r.timeline, i);
    const ev = r.timeline.events[i];
    if (ev?.type !== 'nodeclaim.launched') throw new Error('unreachable');
    expect(e?.sentence).toMatch(
      new RegExp(
        `^Launched ${ev.launch.instanceType} \\(${ev.launch.capacityType}\\) in ${ev.launch.zone}`,
      ),
    );
    expect(e?.changes).toHaveLength(1);
    expect(e?.changes[0]).toMatchObject({
      kind: 'nodeClaim',
      key: ev.nodeClaim,
      change: 'changed',
    });
    expect(e?.changes[0]?.fields).toContainEqual({
      field: 'phase',
      before: 'Pending',
      after: 'Launched',
    });
  });

  it('a NodeClaim creation: the claim appears as added', () => {
    const r = threePodsOnOneNode();
    const e = explainEvent(r.timeline, indexOf(r, 'nodeclaim.created'));
    expect(e?.changes.map((c) => [c.kind, c.change])).toEqual([['nodeClaim', 'added']]);
    expect(e?.sentence).toMatch(/for 3 pods, with 1 instance-type option/);
  });

  it('a binding: the pod gains its node name and bind time', () => {
    const r = threePodsOnOneNode();
    const i = indexOf(r, 'pod.bound');
    const e = explainEvent(r.timeline, i);
    const ev = r.timeline.events[i];
    if (ev?.type !== 'pod.bound') throw new Error('unreachable');
    expect(e?.sentence).toBe(`kube-scheduler bound pod ${ev.pod} to node ${ev.node}.`);
    const fields = e?.changes.find((c) => c.key === ev.pod)?.fields ?? [];
    expect(fields).toContainEqual({ field: 'nodeName', before: '—', after: ev.node });
    expect(fields.map((f) => f.field)).toContain('boundAt');
  });

  it('a Kubernetes event: carries its fields and changes no object', () => {
    const r = threePodsOnOneNode();
    const e = explainEvent(r.timeline, indexOf(r, 'k8s'));
    expect(e?.k8s?.reason.length).toBeGreaterThan(0);
    expect(e?.changes).toEqual([]);
  });

  it('explains every event of a run with a sentence', () => {
    const r = threePodsOnOneNode();
    for (let i = 0; i < r.timeline.events.length; i++) {
      const e = explainEvent(r.timeline, i);
      expect(e?.index).toBe(i);
      expect(e?.sentence.length).toBeGreaterThan(10);
    }
  });

  it('returns undefined outside the timeline', () => {
    const r = threePodsOnOneNode();
    expect(explainEvent(r.timeline, -1)).toBeUndefined();
    expect(explainEvent(r.timeline, r.timeline.events.length)).toBeUndefined();
  });
});

describe('explainEvent › v0.31 names Machines', () => {
  // v0.31 (v1alpha5) has Machines, not NodeClaims: kubectl and its events say machine/<name>
  // (engine/lifecycle.ts claimWords), and so do the sentences that explain them.
  const v031 = (): Run =>
    run([provisioner('default'), deployment('inflate', { replicas: 3 })], {
      karpenter: { version: 'v0.31' },
    });

  it('says machine/<name> for every event of a Machine, never nodeclaim/', () => {
    const r = v031();
    const sentences = ['nodeclaim.created', 'nodeclaim.launched', 'node.registered', 'node.ready']
      .map((t) => explainEvent(r.timeline, indexOf(r, t))?.sentence ?? '')
      .join('\n');
    expect(sentences).toMatch(/machine\/default-/);
    expect(sentences).not.toContain('nodeclaim/');
    const node = firstEvent(r, 'node.registered').node.name;
    const e = explainNode(r.timeline, r.timeline.end, node, { catalog: r.catalog });
    expect(e?.lifecycle[0]?.detail).toMatch(/^machine\//);
  });
});
