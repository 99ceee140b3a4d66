// ClusterView keeps what it derives while the cluster is the same, and rebuilds exactly what an
// event changed: the solve caches per StateNode object (nodeFacts, the Topology universe), so a
// StateNode must be new when its node or pods changed and the same object when they did not.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Pod } from '../k8s.ts';
import { addResources } from '../quantity.ts';
import { addNode, ClusterView } from './clusterview.ts';
import { podsMovedLog } from './kubescheduler.ts';
import type { Sim } from './runtime.ts';
import type { NodeRec, PodPhaseRec, PodRec } from './state.ts';
import { claimRecord } from '../disruption/testing.ts';
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

// The kube-scheduler's per-node pod lists (podsBoundTo, kubescheduler.ts) replace scans of every
// pod in termination and ClusterView, which keeps each node's list while the node's pod version is
// the same. Over generated pod and node events, both must list what a scan of state.pods lists, in
// its order (creation order), with the records as they are now.
const stepArb = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), node: fc.constantFrom('', 'n1', 'n2', 'n3') }),
  fc.record({
    kind: fc.constant('bind' as const),
    at: fc.nat(),
    node: fc.constantFrom('n1', 'n2', 'n3'),
  }),
  fc.record({
    kind: fc.constant('phase' as const),
    at: fc.nat(),
    phase: fc.constantFrom<PodPhaseRec>('Running', 'Terminating', 'Failed'),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('recreate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('register' as const) }),
  // Node and NodeClaim events (ClusterView patches its list by the names they touch): a claim
  // made, launched, registered as a node, deleted; a node's record changed or terminated.
  fc.record({
    kind: fc.constant('claim' as const),
    op: fc.constantFrom('new', 'launch', 'register', 'delete'),
    at: fc.nat(),
  }),
  fc.record({
    kind: fc.constant('node' as const),
    op: fc.constantFrom('cordon', 'label', 'terminate'),
    at: fc.nat(),
  }),
);

let claims = 0;

/** A NodeClaim event: a new one, or one of the in-flight ones launched, registered, deleted. */
function nodeClaimStep(sim: Sim, op: string, at: number): void {
  if (op === 'new') {
    const name = `c${claims++}`;
    // Pending: never initialized.
    const { initializedAt: _never, ...nodeClaim } = claimRecord(name, {
      phase: 'Pending',
      createdAt: sim.now,
      instanceTypes: ['m.large'],
    });
    sim.emit({ type: 'nodeclaim.created', nodeClaim });
    return;
  }
  const open = [...sim.state.nodeClaims.values()].filter(
    (c) => c.nodeName === undefined && (c.phase === 'Pending' || c.phase === 'Launched'),
  );
  const nc = open[at % Math.max(1, open.length)];
  if (!nc) return;
  if (op === 'launch' && nc.phase === 'Pending')
    sim.emit({
      type: 'nodeclaim.launched',
      nodeClaim: nc.name,
      launch: {
        instanceType: 'm.large',
        zone: 'test-zone-1',
        capacityType: 'on-demand',
        price: 1,
        priceIsEstimate: false,
        filtered: [],
      },
    });
  else if (op === 'register') {
    const n1 = sim.state.nodes.get('n1') as NodeRec;
    sim.emit({
      type: 'node.registered',
      node: { ...n1, name: `node-${nc.name}`, nodeClaim: nc.name, ready: false },
    });
  } else if (op === 'delete') sim.emit({ type: 'nodeclaim.deleted', nodeClaim: nc.name });
}

/** A live node cordoned, relabelled or terminated with its NodeClaim. */
function nodeStep(sim: Sim, op: string, at: number): void {
  const live = [...sim.state.nodes.values()].filter((n) => n.terminatedAt === undefined);
  const n = live[at % Math.max(1, live.length)];
  if (!n) return;
  if (op === 'cordon')
    sim.emit({ type: 'node.updated', node: n.name, patch: { unschedulable: true } });
  else if (op === 'label')
    sim.emit({
      type: 'node.updated',
      node: n.name,
      patch: { labels: { ...n.labels, team: `t${at}` } },
    });
  else if (n.nodeClaim !== undefined)
    sim.emit({ type: 'nodeclaim.deleted', nodeClaim: n.nodeClaim, node: n.name });
}

describe('pods per node, kept per node', () => {
  it('list what a scan of every pod lists, in its order', () => {
    try {
      fc.assert(
        fc.property(
          fc.array(stepArb, { maxLength: 40, size: 'max' }),
          // A short log of nodes whose pods moved: the view's mark falls off it, and it rebuilds.
          fc.constantFrom(1 << 16, 2),
          (steps, logMax) => {
            podsMovedLog.max = logMax;
            const { sim, view } = cluster();
            let made = 0;
            const pick = (at: number): PodRec | undefined => {
              const all = [...sim.state.pods.values()];
              return all[at % Math.max(1, all.length)];
            };
            for (const s of steps) {
              if (s.kind === 'create') {
                const name = `p${made++}`;
                const rec: PodRec = {
                  key: `default/${name}`,
                  uid: name,
                  pod: bare(name, s.node || undefined),
                  phase: 'Pending',
                  createdAt: 0,
                  requests: { cpu: 1 },
                  ...(s.node ? { nodeName: s.node } : {}),
                };
                sim.emit({ type: 'pod.created', pod: rec });
              } else if (s.kind === 'register') {
                const n1 = sim.state.nodes.get('n1');
                if (n1 && !sim.state.nodes.has('n3'))
                  sim.emit({ type: 'node.registered', node: { ...n1, name: 'n3' } });
              } else if (s.kind === 'claim') nodeClaimStep(sim, s.op, s.at);
              else if (s.kind === 'node') nodeStep(sim, s.op, s.at);
              else {
                const p = pick(s.at);
                if (!p) continue;
                if (s.kind === 'bind' && p.nodeName === undefined)
                  sim.emit({ type: 'pod.bound', pod: p.key, node: s.node });
                else if (s.kind === 'phase' && s.phase === 'Running')
                  sim.emit({ type: 'pod.running', pod: p.key });
                else if (s.kind === 'phase' && s.phase === 'Terminating')
                  sim.emit({ type: 'pod.terminating', pod: p.key });
                else if (s.kind === 'phase')
                  sim.emit({ type: 'pod.failed', pod: p.key, reason: 'Error', message: 'x' });
                else if (s.kind === 'delete') sim.emit({ type: 'pod.deleted', pod: p.key });
                else if (s.kind === 'recreate')
                  // A new Pod object under the same key (kubectl label pod …).
                  sim.emit({ type: 'pod.created', pod: { ...p, pod: { ...p.pod } } });
              }
              const stateNodes = byName(view);
              // Kept or rebuilt only where pods moved (withPodsMoved) or patched by the nodes
              // and claims events touched (withNodesChanged), the list is the one a view building
              // everything from scratch gives.
              expect([...stateNodes.values()]).toEqual(new ClusterView(sim).stateNodes(none));
              for (const name of ['n1', 'n2', 'n3']) {
                const scan = [...sim.state.pods.values()].filter((p) => p.nodeName === name);
                const kept = sim.scheduler.podsBoundTo(name);
                expect(kept.length).toBe(scan.length);
                kept.forEach((p, i) => expect(p).toBe(scan[i]));
                const live = scan.filter((p) => p.phase !== 'Terminating').map((p) => p.pod);
                const listed =
                  stateNodes.get(name)?.pods ?? (sim.state.nodes.has(name) ? [] : live);
                expect(listed.length).toBe(live.length);
                listed.forEach((p, i) => expect(p).toBe(live[i]));
              }
            }
          },
        ),
        { numRuns: 200 },
      );
    } finally {
      podsMovedLog.max = 1 << 16;
    }
  });
});

describe('pool usage summed in place', () => {
  it('is addResources(sum, capacity, { nodes: 1 }) node after node: values and key order', () => {
    const capArb = fc.dictionary(
      fc.constantFrom('cpu', 'memory', 'pods', 'nodes', 'nvidia.com/gpu'),
      fc.oneof(fc.integer(), fc.double({ noNaN: true })),
    );
    fc.assert(
      fc.property(fc.array(capArb, { maxLength: 8 }), (caps) => {
        const sum: Record<string, number> = {};
        let want: Record<string, number> = {};
        for (const cap of caps) {
          addNode(sum, cap);
          want = { ...addResources(want, cap, { nodes: 1 }) };
          expect(Object.entries(sum)).toEqual(Object.entries(want));
        }
      }),
    );
  });
});
