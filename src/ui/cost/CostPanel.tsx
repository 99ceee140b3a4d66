// Cost over the timeline: the D3 chart plus the figures at the cursor and a legend.
import { useDeferredValue, useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import { simulationStore, currentFrame } from '../stores/simulation.ts';
import { pointAt, savingOf, seriesOf } from './series.ts';
import type { FrameSummary } from '../../pipeline/view.ts';
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
    </section>
  );
}
