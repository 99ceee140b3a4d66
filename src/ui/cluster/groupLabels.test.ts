import { describe, expect, it } from 'vitest';
import { layoutFrame } from './layout.ts';
import { groupLabelText } from './groupLabels.ts';
import { estimatedWidths, textWidth } from './fitText.ts';
import type { Frame, NodeView } from '../../pipeline/view.ts';

const LONG = 'on-demand-memory-optimised-fallback-pool-for-nightly-batches'; // 60 characters

function node(name: string, nodePool: string): NodeView {
  return {
    key: name,
    name,
    nodeClaim: name,
    nodePool,
    instanceType: 'm5.large',
    capacityType: 'on-demand',
    zone: 'us-east-1a',
    arch: 'amd64',
    pricePerHour: 0.096,
    priceIsEstimate: false,
    state: 'ready',
    allocatable: { cpu: 1930, memory: 7e9, pods: 29 },
    used: { cpu: 0, memory: 0, pods: 0 },
  };
}

const frame = (nodes: NodeView[]): Frame => ({
  time: 0,
  nodes,
  pods: [],
  costPerHour: 0,
  costTotal: 0,
  costByGroup: {},
  baselinePerHour: 0,
  spentByGroup: {},
  baselineSpent: 0,
  events: [],
});

describe('NodePool group labels', () => {
  // 12 px: Node has no canvas, so fitText's estimate stands in for the measured bold font.
  const bold12 = estimatedWidths(12);

  it('on a phone a long NodePool name is cut to the view, and keeps its zone', () => {
    const l = layoutFrame(frame([node('a', 'default'), node('b', LONG)]), 374);
    const [short, long] = l.groups;
    if (!short || !long) throw new Error('two groups expected');
    expect(groupLabelText(short, bold12)).toBe('default · us-east-1a');
    // The room is the view less its margins, and the drawn label stays inside it.
    expect(long.x + long.width).toBeLessThanOrEqual(374 - long.x);
    const drawn = groupLabelText(long, bold12);
    expect(textWidth(drawn, bold12)).toBeLessThanOrEqual(long.width);
    expect(drawn).toMatch(/^on-demand-memory-\S*… · us-east-1a$/);
    // The whole label, for the tooltip and the accessible name.
    expect(long.text).toBe(`${LONG} · us-east-1a`);
  });

  it('on a wide view the whole label is drawn', () => {
    const [long] = layoutFrame(frame([node('b', LONG)]), 1400).groups;
    if (!long) throw new Error('a group expected');
    expect(groupLabelText(long, bold12)).toBe(`${LONG} · us-east-1a`);
  });
});
