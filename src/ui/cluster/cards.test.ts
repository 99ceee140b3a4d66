import { describe, expect, it } from 'vitest';
import { fittedLines, nodeLines, nodeTitle, roundedBar } from './cards.ts';
import { estimatedWidths } from './fitText.ts';
import type { NodeView } from '../../pipeline/view.ts';

const node: NodeView = {
  key: 'default-abc',
  name: 'ip-10-0-1-2.ec2.internal',
  nodeClaim: 'default-abc',
  nodePool: 'default',
  instanceType: 'm5.large',
  capacityType: 'spot',
  zone: 'us-east-1a',
  arch: 'amd64',
  pricePerHour: 0.0345,
  priceIsEstimate: true,
  state: 'ready',
  allocatable: { cpu: 1930, memory: 7e9, pods: 29 },
  used: { cpu: 965, memory: 7e9 / 4, pods: 3 },
};

/** The corners a path of relative moves passes through (M, h, v, a end points). */
function corners(d: string): [number, number][] {
  const out: [number, number][] = [];
  let x = 0;
  let y = 0;
  for (const [, op, args] of d.matchAll(/([Mhva])([^Mhvaz]*)/g)) {
    const n = (args ?? '')
      .trim()
      .split(/[\s,]+/)
      .map(Number);
    if (op === 'M') [x, y] = [n[0] ?? 0, n[1] ?? 0];
    if (op === 'h') x += n[0] ?? 0;
    if (op === 'v') y += n[0] ?? 0;
    if (op === 'a') [x, y] = [x + (n[5] ?? 0), y + (n[6] ?? 0)];
    out.push([+x.toFixed(3), +y.toFixed(3)]);
  }
  return out;
}

describe('node card content', () => {
  it('the tooltip carries the bars\u2019 figures (the bars have no tooltip of their own)', () => {
    expect(nodeTitle(node).split('\n')).toEqual([
      'ip-10-0-1-2.ec2.internal (ready)',
      'NodeClaim default-abc, NodePool default',
      'm5.large spot amd64 in us-east-1a',
      '$0.0345/h (spot price is an estimate)',
      'CPU 965m of 1930m, pods 3 of 29',
      'Requested: CPU 50%, Mem 25%, Pods 10%',
    ]);
    expect(nodeLines(node)).toEqual(['m5.large · spot', '$0.0345/h* · amd64 · ready']);
  });

  it('a narrow card drops "ready" before the arch, the arch before another state, and cuts a long type', () => {
    const width = estimatedWidths(12);
    // The smallest card (148 px) leaves 131 px for a line.
    expect(fittedLines(node, 131, width)).toEqual(['m5.large · spot', '$0.0345/h* · amd64']);
    // Every character 7 px: 150 px holds 21 characters.
    const seven = () => 7;
    expect(fittedLines(node, 150, seven)[1]).toBe('$0.0345/h* · amd64');
    expect(fittedLines({ ...node, state: 'draining' }, 150, seven)[1]).toBe(
      '$0.0345/h* · draining',
    );
    expect(fittedLines(node, 300, seven)[1]).toBe('$0.0345/h* · amd64 · ready');
    const metal = { ...node, instanceType: 'u-12tb1.112xlarge', capacityType: 'on-demand' };
    expect(fittedLines(metal, 131, width)[0]).toBe('u-12tb1.112xlarge');
    const long = { ...node, instanceType: 'c7gd.metal-with-a-very-long-custom-suffix' };
    expect(fittedLines(long, 131, width)[0]).toMatch(/^c7gd\.metal-.*…$/);
    // The accessible name keeps the whole lines.
    expect(nodeLines(long)[0]).toBe('c7gd.metal-with-a-very-long-custom-suffix · spot');
  });

  it('a bar path spans the rectangle the rect element drew: x to x + w, y 34 to 39', () => {
    for (const [x, w] of [
      [8, 40],
      [52.5, 3],
      [8, 0.5],
    ] as const) {
      const pts = corners(roundedBar(x, w));
      const xs = pts.map((p) => p[0]);
      const ys = pts.map((p) => p[1]);
      expect(Math.min(...xs)).toBeCloseTo(x, 2);
      expect(Math.max(...xs)).toBeCloseTo(x + w, 2);
      expect([Math.min(...ys), Math.max(...ys)]).toEqual([34, 39]);
      expect(pts.at(-1)).toEqual(pts[0]); // closed where it started
    }
    expect(roundedBar(8, 0)).toBe('');
  });
});
