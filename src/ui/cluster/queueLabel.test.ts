import { describe, expect, it } from 'vitest';
import { layoutFrame } from './layout.ts';
import { queueLabelParts, queueLabelText } from './queueLabel.ts';
import { estimatedWidths, textWidth } from './fitText.ts';
import type { Frame, PodView } from '../../pipeline/view.ts';

/** A StatefulSet pod waiting for a node in its bound volume's zone. */
function pinned(name: string, zone: string): PodView {
  return {
    key: `default/${name}`,
    name,
    namespace: 'default',
    phase: 'Pending',
    cpu: 500,
    memory: 1 << 30,
    daemon: false,
    volume: { bound: true, zone, claims: [`data-${name} → pvc-${name} in ${zone}`] },
  };
}

const frame = (pods: PodView[]): Frame => ({
  time: 0,
  nodes: [],
  pods,
  costPerHour: 0,
  costTotal: 0,
  costByGroup: {},
  baselinePerHour: 0,
  spentByGroup: {},
  baselineSpent: 0,
  events: [],
});

describe('the pending queue label', () => {
  // 12 px: Node has no canvas, so fitText's estimate stands in for the measured bold font.
  const bold12 = estimatedWidths(12);
  const f = frame([pinned('web-1', 'us-east-1b'), pinned('web-2', 'us-east-1c')]);
  const parts = queueLabelParts(f, 2, 0);
  const whole =
    'Pending pods: 2 · 1 pinned to us-east-1b by its volume · 1 pinned to us-east-1c by its volume';

  it('says where pods pinned by their volumes can go, zone by zone', () => {
    expect(parts.join(' · ')).toBe(whole);
    expect(queueLabelParts(frame([]), 5, 5)).toEqual([
      'Pending pods: 5',
      '5 nominated to launching nodes',
    ]);
  });

  it('on a phone keeps the count and cuts the rest to the view', () => {
    const { queue } = layoutFrame(f, 374);
    expect(queue.x + queue.width).toBeLessThanOrEqual(374 - queue.x);
    const drawn = queueLabelText(parts, queue, bold12);
    expect(textWidth(drawn, bold12)).toBeLessThanOrEqual(queue.width);
    expect(drawn).toMatch(/^Pending pods: 2 · 1 pinned to .*…$/);
  });

  it('on a wide view the whole label is drawn', () => {
    expect(queueLabelText(parts, layoutFrame(f, 1400).queue, bold12)).toBe(whole);
  });
});
