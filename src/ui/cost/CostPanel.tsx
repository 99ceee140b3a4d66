// Cost over the timeline: the D3 chart plus the figures at the cursor and a legend.
import { useDeferredValue, useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import { simulationStore, currentFrame } from '../stores/simulation.ts';
import { pointAt, savingOf, seriesOf } from './series.ts';
import type { Frame, FrameSummary } from '../../pipeline/view.ts';
import { formatDuration } from '../../sim/engine/duration.ts';
import { CostChart } from './CostChart.ts';

const NO_FRAMES: readonly FrameSummary[] = [];

const COLORS = ['--chart-1', '--chart-2', '--chart-3', '--chart-4', '--chart-5'];

export function CostPanel() {
  // Deferred together (so figures, chart and cursor always come from one moment): a new run's chart
  // is redrawn just after the result's task rather than inside it (issue 12: no task over 50 ms).
  const frames = useDeferredValue(useStore(simulationStore, (s) => s.result?.frames));
  const frame = useDeferredValue(useStore(simulationStore, currentFrame));
  // Follows the cursor, as the timeline's header does: between two events spend still grows.
  const time = useDeferredValue(useStore(simulationStore, (s) => s.time));
  // Kept per frames list (seriesOf): the timeline's header reads the same series.
  const series = seriesOf(frames ?? NO_FRAMES);
  const host = useRef<HTMLDivElement | null>(null);
  const chart = useRef<CostChart | null>(null);

  useEffect(() => {
    if (!host.current) return;
    chart.current = new CostChart(host.current);
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
  }, []);
  useEffect(() => chart.current?.update(series, simulationStore.getState().time), [series]);
  useEffect(() => chart.current?.setTime(time, series), [time, series]);

  const at = pointAt(series, time);
  const saved = savingOf(at);
  return (
    <section className="panel cost-panel" aria-labelledby="cost-title">
      <h2 id="cost-title">Cost</h2>
      <p className="cost-figures" data-testid="cost-figures">
        {frame ? `$${frame.costPerHour.toFixed(4)}/h now` : '—'}
        {at && ` · $${at.total.toFixed(4)} so far`}
        {saved !== undefined && ` · ${Math.round(saved * 100)}% less than all on-demand so far`}
      </p>
      <div ref={host} />
      <ul className="legend">
        {series.groups.map((g, i) => (
          <li key={g}>
            <span className="swatch" style={{ background: `var(${COLORS[i % COLORS.length]})` }} />
            {g}
          </li>
        ))}
        <li>
          <span className="swatch dashed" />
          all on-demand baseline
        </li>
      </ul>
      {frame?.workloads && <WorkloadTable frame={frame} />}
    </section>
  );
}

const money = (v: number) => `$${v.toFixed(4)}`;

/**
 * What the $/h at the cursor pays for, by workload: each node's price shared by the CPU and memory
 * its pods request (sim/engine/workloadCost.ts), the rest idle. Names the biggest spenders and the
 * waste a consolidation would go after.
 */
function WorkloadTable({ frame }: { frame: Frame }) {
  const w = frame.workloads;
  if (!w || frame.costPerHour <= 0 || (w.rows.length === 0 && w.idle <= 0)) return null;
  const share = (v: number) => `${Math.round((v / frame.costPerHour) * 100)}%`;
  return (
    <table className="compare-table workload-costs" data-testid="workload-costs">
      <caption>
        By workload at {formatDuration(frame.time)}: each node’s price shared by the CPU and memory
        its pods request; what no pod requests is idle.
      </caption>
      <thead>
        <tr>
          <th scope="col">Workload</th>
          <th scope="col">Pods</th>
          <th scope="col">$/h</th>
          <th scope="col">Share</th>
        </tr>
      </thead>
      <tbody>
        {w.rows.map((r) => (
          <tr key={r.workload}>
            <th scope="row">
              {r.workload}
              {r.daemon && ' (DaemonSet)'}
            </th>
            <td>{r.pods}</td>
            <td>{money(r.perHour)}</td>
            <td>{share(r.perHour)}</td>
          </tr>
        ))}
        {w.others && (
          <tr>
            <th scope="row">{w.others.workloads} more workloads</th>
            <td>{w.others.pods}</td>
            <td>{money(w.others.perHour)}</td>
            <td>{share(w.others.perHour)}</td>
          </tr>
        )}
        <tr className="idle">
          <th scope="row">Idle (requested by no pod)</th>
          <td>–</td>
          <td>{money(w.idle)}</td>
          <td>{share(w.idle)}</td>
        </tr>
      </tbody>
    </table>
  );
}
