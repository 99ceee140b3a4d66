// ClusterView keeps what it derives while the cluster is the same, and rebuilds exactly what an
// event changed: the solve caches per StateNode object (nodeFacts, the Topology universe), so a
// StateNode must be new when its node or pods changed and the same object when they did not.
import { describe, expect, it } from 'vitest';
import type { Pod } from '../k8s.ts';
import { ClusterView } from './clusterview.ts';
import type { Sim } from './runtime.ts';
import { twoNodeSim } from './testing.ts';

function cluster(): { sim: Sim; view: ClusterView } {
  const sim = twoNodeSim([bare('on-n1', 'n1')]);
  return { sim, view: new ClusterView(sim) };
}

function bare(name: string, nodeName?: string): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: name },
    spec: {
      ...(nodeName ? { nodeName } : {}),
      containers: [{ name: 'c', image: 'pause', resources: { requests: { cpu: '1' } } }],
    },
  };
}

const none = new Set<string>();
const byName = (view: ClusterView) => new Map(view.stateNodes(none).map((n) => [n.name, n]));

describe('ClusterView', () => {
  it('keeps every StateNode and the pool usage across events that change no node or bound pod', () => {
    const { sim, view } = cluster();
    const before = byName(view);
    const usage = view.usage();
    sim.k8s('Normal', 'Nominated', 'pod/default/x', 'Pod should schedule on: nodeclaim/x');
    sim.emit({ type: 'pod.running', pod: 'default/on-n1' });
    const after = byName(view);
    expect([...after.keys()]).toEqual(['n1', 'n2']);
    for (const [name, n] of after) expect(n).toBe(before.get(name));
    expect(view.usage()).toBe(usage);
  });

  it('rebuilds only the StateNode whose pods changed, with the pod on it', () => {
    const { sim, view } = cluster();
    const before = byName(view);
    const usage = view.usage();
    sim.emit({
      type: 'pod.created',
      pod: {
        key: 'default/late',
        uid: 'late',
        pod: bare('late'),
        phase: 'Pending',
        createdAt: 0,
        requests: { cpu: 1 },
      },
    });
    expect(byName(view).get('n2')).toBe(before.get('n2')); // an unbound pod is on no node
    sim.emit({ type: 'pod.bound', pod: 'default/late', node: 'n2' });
    const after = byName(view);
    expect(after.get('n1')).toBe(before.get('n1'));
    expect(after.get('n2')).not.toBe(before.get('n2'));
    expect(after.get('n2')?.pods.map((p) => p.metadata.name)).toEqual(['late']);
    expect(view.usage()).toBe(usage); // usage reads nodes and NodeClaims, not pods
    sim.emit({ type: 'pod.terminating', pod: 'default/on-n1' });
    expect(byName(view).get('n1')?.pods).toEqual([]);
  });

  it('rebuilds a StateNode whose node record changed', () => {
    const { sim, view } = cluster();
    const before = byName(view);
    sim.emit({ type: 'node.updated', node: 'n1', patch: { unschedulable: true } });
    const after = byName(view);
    expect(after.get('n1')).not.toBe(before.get('n1'));
    expect(after.get('n1')?.taints.map((t) => t.key)).toContain('node.kubernetes.io/unschedulable');
    expect(after.get('n2')).toBe(before.get('n2'));
  });
});
