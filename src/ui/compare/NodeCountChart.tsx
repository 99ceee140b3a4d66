// Nodes over time for both autoscalers: two step lines on one small SVG. A step series holds its
// value until the next point, so each line is drawn as horizontal runs joined by vertical risers.
import type { AutoscalerMetrics } from '../../sim/clusterAutoscaler/index.ts';
import { formatDuration } from '../../sim/engine/index.ts';
import { countAtOrBefore } from '../../sim/sorted.ts';

const W = 320;
const H = 140;
const PAD = { left: 28, right: 8, top: 8, bottom: 22 };

type Series = AutoscalerMetrics['nodeSeries'];

function stepPath(
  series: Series,
  horizon: number,
  x: (t: number) => number,
  y: (n: number) => number,
): string {
  if (series.length === 0) return '';
  let d = `M${x(0)},${y(series[0]?.t === 0 ? series[0].nodes : 0)}`;
  for (const p of series) d += `H${x(p.t)}V${y(p.nodes)}`;
  return `${d}H${x(horizon)}`;
}

export function NodeCountChart(props: {
  karpenter: Series;
  clusterAutoscaler: Series;
  horizon: number;
  /** The playhead, drawn as a vertical line. */
  time: number;
}) {
  const { horizon } = props;
  const max = Math.max(
    1,
    ...props.karpenter.map((p) => p.nodes),
    ...props.clusterAutoscaler.map((p) => p.nodes),
  );
  const x = (t: number) =>
    PAD.left + (horizon > 0 ? (t / horizon) * (W - PAD.left - PAD.right) : 0);
  const y = (n: number) => H - PAD.bottom - (n / max) * (H - PAD.top - PAD.bottom);
  const ticks = [0, Math.ceil(max / 2), max].filter((v, i, a) => a.indexOf(v) === i);
  return (
    <svg
      className="node-count-chart"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={`Nodes over time: Karpenter peaks at ${Math.max(0, ...props.karpenter.map((p) => p.nodes))}, Cluster Autoscaler at ${Math.max(0, ...props.clusterAutoscaler.map((p) => p.nodes))}`}
    >
      {ticks.map((v) => (
        <g key={v}>
          <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} className="grid" />
          <text x={PAD.left - 4} y={y(v) + 4} textAnchor="end">
            {v}
          </text>
        </g>
      ))}
      <text x={PAD.left} y={H - 6}>
        0s
      </text>
      <text x={W - PAD.right} y={H - 6} textAnchor="end">
        {formatDuration(Math.round(horizon / 1000) * 1000)}
      </text>
      <line
        className="cursor"
        x1={x(Math.min(props.time, horizon))}
        x2={x(Math.min(props.time, horizon))}
        y1={PAD.top}
        y2={H - PAD.bottom}
      />
      <path d={stepPath(props.clusterAutoscaler, horizon, x, y)} className="line ca" />
      <path d={stepPath(props.karpenter, horizon, x, y)} className="line karpenter" />
    </svg>
  );
}

/** The value of a step series at t: its last point at or before t (0 before the first). */
export function stepValueAt<T extends { t: number }>(
  series: readonly T[],
  t: number,
  read: (p: T) => number,
): number {
  const p = series[countAtOrBefore(series, t, (s) => s.t) - 1];
  return p ? read(p) : 0;
}
