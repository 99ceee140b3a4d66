import { describe, expect, it } from 'vitest';
import { layoutFrame } from './layout.ts';
import type { Frame, NodeView, PodView } from '../../pipeline/view.ts';

function node(name: string, over: Partial<NodeView> = {}): NodeView {
  return {
    key: name,
    name,
    nodeClaim: name,
    nodePool: 'default',
    instanceType: 'm5.large',
    capacityType: 'on-demand',
    zone: 'us-east-1a',
    arch: 'amd64',
    pricePerHour: 0.096,
    priceIsEstimate: false,
    state: 'ready',
    allocatable: { cpu: 1930, memory: 7e9, pods: 29 },
    used: { cpu: 0, memory: 0, pods: 0 },
    ...over,
  };
}

function pod(name: string, over: Partial<PodView> = {}): PodView {
  return {
    key: `default/${name}`,
    name,
    namespace: 'default',
    phase: 'Pending',
    cpu: 1000,
    memory: 0,
    daemon: false,
    ...over,
  };
}

const frame = (nodes: NodeView[], pods: PodView[]): Frame => ({
  time: 0,
  nodes,
  pods,
  costPerHour: 0,
  costTotal: 0,
  costByGroup: {},
  baselinePerHour: 0,
  spentByGroup: {},
  baselineSpent: 0,
  events: [],
});

describe('cluster layout', () => {
  it('puts pending pods in the queue and bound pods inside their node card', () => {
    const l = layoutFrame(
      frame([node('n1')], [pod('a'), pod('b', { phase: 'Running', node: 'n1' })]),
      800,
    );
    expect(l.queue.count).toBe(1);
    const box = l.nodes[0]!;
    const b = l.pods.find((d) => d.pod.name === 'b')!;
    expect(b.x).toBeGreaterThanOrEqual(box.x);
    expect(b.x).toBeLessThan(box.x + box.width);
    expect(b.y).toBeGreaterThan(box.y);
    expect(b.y).toBeLessThan(box.y + box.height);
  });

  it('groups nodes by NodePool and zone and leaves terminated nodes out', () => {
    const l = layoutFrame(
      frame(
        [
          node('a', { zone: 'us-east-1b' }),
          node('b'),
          node('c', { nodePool: 'gpu' }),
          node('d', { state: 'terminated' }),
        ],
        [],
      ),
      800,
    );
    expect(l.groups.map((g) => g.text)).toEqual([
      'default · us-east-1a',
      'default · us-east-1b',
      'gpu · us-east-1a',
    ]);
    expect(l.nodes.map((n) => n.node.name).sort()).toEqual(['a', 'b', 'c']);
  });

  it('keeps a pod whose node is gone in the queue instead of losing it', () => {
    const l = layoutFrame(
      frame(
        [node('gone', { state: 'terminated' })],
        [pod('x', { phase: 'Running', node: 'gone' })],
      ),
      800,
    );
    expect(l.pods).toHaveLength(1);
    expect(l.queue.count).toBe(1);
  });

  it('wraps node cards to the width and never overlaps them', () => {
    const nodes = Array.from({ length: 30 }, (_, i) => node(`n${String(i).padStart(2, '0')}`));
    const l = layoutFrame(frame(nodes, []), 700);
    for (const a of l.nodes) {
      expect(a.x + a.width).toBeLessThanOrEqual(700);
      for (const b of l.nodes) {
        if (a === b) continue;
        const overlap =
          a.x < b.x + b.width &&
          b.x < a.x + a.width &&
          a.y < b.y + b.height &&
          b.y < a.y + a.height;
        expect(overlap).toBe(false);
      }
    }
  });
});
