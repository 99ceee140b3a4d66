// The cost chart (D3): cumulative $ stacked by "NodePool · capacity type", the all-on-demand
// baseline as a dashed line, and the playback cursor. A plain object with update()/destroy().
// Spend grows linearly while the running instances stay the same, so the areas join the frames'
// exact points with straight lines (steps drew a big run's thinned frames as long flat stretches
// that jumped at the cursor).
import * as d3 from '../d3.ts';
import { pointAt, savingOf, type CostSeries } from './series.ts';

const W = 320;
const H = 150;
const M = { top: 8, right: 12, bottom: 20, left: 48 };
const COLORS = ['--chart-1', '--chart-2', '--chart-3', '--chart-4', '--chart-5'];

/** A y-axis label as short as the value allows: $0, $0.008, $80, $100, $1.5k (toPrecision(2)
 *  wrote "1.0e+2", and "$0.0080" did not fit the margin). */
export function dollarTick(v: number): string {
  if (v === 0) return '$0';
  if (Math.abs(v) >= 1000) return `$${Number((v / 1000).toPrecision(3))}k`;
  return `$${Number(v.toPrecision(3))}`;
}

/** x-axis ticks on round seconds, minutes or hours of a run `endMs` long, with their labels:
 *  0m 20m 40m 60m 80m for 90 minutes (ticks on the milliseconds fell on 0m 17m 33m 50m…). */
export function timeTicks(endMs: number): { values: number[]; label: (ms: number) => string } {
  const [unit, suffix] =
    endMs < 300_000 ? [1000, 's'] : endMs < 3 * 3_600_000 ? [60_000, 'm'] : [3_600_000, 'h'];
  const values = d3.ticks(0, endMs / unit, 4).map((v) => v * unit);
  return { values, label: (ms) => `${Number((ms / unit).toPrecision(3))}${suffix}` };
}

export class CostChart {
  private readonly svg: d3.Selection<SVGSVGElement, unknown, null, undefined>;
  private readonly gAreas: d3.Selection<SVGGElement, unknown, null, undefined>;
  private readonly baseline: d3.Selection<SVGPathElement, unknown, null, undefined>;
  private readonly cursor: d3.Selection<SVGLineElement, unknown, null, undefined>;
  private readonly xAxis: d3.Selection<SVGGElement, unknown, null, undefined>;
  private readonly yAxis: d3.Selection<SVGGElement, unknown, null, undefined>;
  private x = d3.scaleLinear().range([M.left, W - M.right]);

  constructor(host: HTMLElement) {
    this.svg = d3
      .select(host)
      .append('svg')
      .attr('class', 'cost-chart')
      .attr('viewBox', `0 0 ${W} ${H}`)
      .attr('role', 'img');
    this.gAreas = this.svg.append('g');
    this.baseline = this.svg.append('path').attr('class', 'baseline');
    this.cursor = this.svg.append('line').attr('class', 'cursor');
    this.xAxis = this.svg.append('g').attr('transform', `translate(0,${H - M.bottom})`);
    this.yAxis = this.svg.append('g').attr('transform', `translate(${M.left},0)`);
  }

  update(series: CostSeries, time: number): void {
    const pts = series.points;
    const end = pts.at(-1)?.time ?? 1;
    this.x = d3
      .scaleLinear()
      .domain([0, Math.max(1, end)])
      .range([M.left, W - M.right]);
    const top = d3.max(pts, (p) => Math.max(p.total, p.baseline)) ?? 0;
    const y = d3
      .scaleLinear()
      .domain([0, top > 0 ? top : 0.01])
      .nice()
      .range([H - M.bottom, M.top]);
    const x = this.x;
    const stacked = series.groups.map((g, i) => ({
      group: g,
      color: `var(${COLORS[i % COLORS.length] ?? '--chart-1'})`,
      lower: pts.map((p) => p.byGroup.slice(0, i).reduce((a, b) => a + b, 0)),
      upper: pts.map((p) => p.byGroup.slice(0, i + 1).reduce((a, b) => a + b, 0)),
    }));
    const area = (s: (typeof stacked)[number]) =>
      d3
        .area<number>()
        .x((_, k) => x(pts[k]?.time ?? 0))
        .y0((_, k) => y(s.lower[k] ?? 0))
        .y1((v) => y(v))(s.upper) ?? '';
    this.gAreas
      .selectAll<SVGPathElement, (typeof stacked)[number]>('path')
      .data(stacked, (s) => s.group)
      .join('path')
      .attr('fill', (s) => s.color)
      .attr('opacity', 0.85)
      .attr('d', area)
      .selectAll('title')
      .data((s) => [s.group])
      .join('title')
      .text((g) => g);
    this.baseline.attr(
      'd',
      d3
        .line<(typeof pts)[number]>()
        .x((p) => x(p.time))
        .y((p) => y(p.baseline))(pts) ?? '',
    );
    const axis = timeTicks(end);
    this.xAxis.call(
      d3
        .axisBottom(x)
        .tickValues(axis.values)
        .tickFormat((v) => axis.label(Number(v))),
    );
    this.yAxis.call(
      d3
        .axisLeft(y)
        .ticks(4)
        .tickFormat((v) => dollarTick(Number(v))),
    );
    this.setTime(time, series);
  }

  setTime(time: number, series: CostSeries): void {
    const cx = this.x(time);
    this.cursor
      .attr('x1', cx)
      .attr('x2', cx)
      .attr('y1', M.top)
      .attr('y2', H - M.bottom);
    const at = pointAt(series, time);
    const saving = savingOf(at) ?? 0;
    this.svg.attr(
      'aria-label',
      at
        ? `Cost so far $${at.total.toFixed(4)}; all on-demand would be $${at.baseline.toFixed(4)} (${Math.round(saving * 100)}% saved)`
        : 'No cost yet',
    );
  }

  destroy(): void {
    this.svg.remove();
  }
}
