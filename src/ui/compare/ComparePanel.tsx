// "Karpenter beside Cluster Autoscaler": the workspace run with Karpenter and with an ASG-style
// node group under the Cluster Autoscaler model, side by side — time until all pods run, cost and
// wasted capacity, nodes over time, and CA's own decisions. Runs in its own worker while the tab
// is open, re-running after edits.
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { compareStore } from '../stores/compare.ts';
import type { ComparisonView } from '../../pipeline/compare.ts';
import { workspaceStore } from '../stores/workspace.ts';
import { formatDuration } from '../../sim/engine/index.ts';
import { setClusterAutoscaler } from '../../kubectl/workspaceEdits.ts';
import { compareRows, launchedText, SIDE_NAMES } from '../../explain/autoscalers.ts';
import { NodeCountChart, stepValueAt } from './NodeCountChart.tsx';
import { currentFrame, simulationStore } from '../stores/simulation.ts';

/** CA's unremovable reasons in plain words. */
const KEEP_REASONS: Record<
  ComparisonView['clusterAutoscaler']['unremovable'][number]['reason'],
  string
> = {
  NotUnderutilized: 'it is used at or above the scale-down threshold.',
  NoPlaceToMovePods:
    'its pods fit on no other node, and CA never replaces a node with a smaller one.',
  BlockedByPod: 'a pod on it cannot be evicted.',
  NotUnneededLongEnough: 'it has not been unneeded for --scale-down-unneeded-time yet.',
  ScaleDownInCooldown: 'CA does not scale down so soon after a scale-up.',
  NodeGroupMinSizeReached: 'the node group is at its minimum size.',
  ScaleDownDisabledAnnotation: 'the node is annotated scale-down-disabled.',
};

export function ComparePanel() {
  const text = useStore(workspaceStore, (s) => s.text);
  const { status, progress, view, error } = useStore(compareStore);
  // The playhead, at frame resolution: both runs share the seed, so the same moment of either.
  const time = useStore(simulationStore, (s) => currentFrame(s)?.time ?? 0);
  useEffect(() => compareStore.getState().runSoon(text), [text]);

  const running = status === 'running';
  const ca = view?.clusterAutoscaler;
  const cfg = ca?.config;
  return (
    <section className="panel compare-panel" aria-labelledby="compare-title" aria-busy={running}>
      <h2 id="compare-title">Karpenter beside Cluster Autoscaler</h2>
      <p className="muted">
        The same workspace, run twice: by Karpenter with your NodePools, and by Cluster Autoscaler
        scaling one Auto Scaling Group of a single instance type. Set the node group in the Scenario
        under <code>spec.clusterAutoscaler</code> (instanceType, capacityType, minSize, maxSize,
        asgLaunchDelay, scaleDownUnneededTime…).
      </p>
      <div className="compare-status" role="status">
        {running && (
          <>
            Comparing…{' '}
            {progress
              ? `${progress.phase} ${Math.round((progress.done / Math.max(1, progress.total)) * 100)}%`
              : ''}{' '}
            <button type="button" onClick={() => compareStore.getState().cancel()}>
              Cancel
            </button>
          </>
        )}
        {status === 'cancelled' && (
          <>
            Comparison cancelled.{' '}
            <button type="button" onClick={() => compareStore.getState().run(text)}>
              Run it again
            </button>
          </>
        )}
        {status === 'error' && <span className="status-error">The comparison failed: {error}</span>}
      </div>
      {view?.error && (
        <p className="status-error">
          Line {view.error.line}: {view.error.message} — that document is left out of both runs.
        </p>
      )}
      {view && cfg && ca && (
        <>
          <p className="compare-config">
            Node group <strong>{cfg.nodeGroup}</strong>: {cfg.instanceType} {cfg.capacityType}, min{' '}
            {cfg.minSize}, max {cfg.maxSize}; scan every {formatDuration(cfg.scanInterval)}, ASG
            launch delay {formatDuration(cfg.asgLaunchDelay)} (assumed); scale-down after{' '}
            {formatDuration(cfg.scaleDownUnneededTime)} below{' '}
            {Math.round(cfg.scaleDownUtilizationThreshold * 100)}% utilization, not within{' '}
            {formatDuration(cfg.scaleDownDelayAfterAdd)} of a scale-up.
          </p>
          <NodeGroupForm
            key={`${cfg.instanceType}/${cfg.capacityType}`}
            instanceType={cfg.instanceType}
            capacityType={cfg.capacityType}
          />
          {ca.warnings.map((w) => (
            <p key={w} className="warn">
              {w}
            </p>
          ))}
          <table className="compare-table" data-testid="compare-table">
            <caption className="visually-hidden">
              Karpenter and Cluster Autoscaler on the same workload; lower is better in every row
            </caption>
            <thead>
              <tr>
                <th scope="col">
                  {/* Both sides are measured to a common end, often past the end of the run
                      the other panels show: said, so the costs here are not misread. */}
                  Over 0–{formatDuration(Math.round(view.karpenter.metrics.horizon / 1000) * 1000)}
                </th>
                <th scope="col">Karpenter {view.karpenter.version}</th>
                <th scope="col">Cluster Autoscaler</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">Instances</th>
                <td>{launchedText(view.karpenter.launched)}</td>
                <td>{launchedText(ca.launched)}</td>
              </tr>
              {compareRows(view).map((r) => (
                <tr key={r.id} data-row={r.id}>
                  <th scope="row" title={r.help}>
                    {r.label}
                  </th>
                  {(['karpenter', 'clusterAutoscaler'] as const).map((side) => (
                    <td key={side} className={r.better === side ? 'better' : undefined}>
                      {r[side]}
                      {r.better === side && <span className="visually-hidden"> (better)</span>}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <h3>Nodes over time</h3>
          <p className="compare-now" data-testid="compare-now">
            At {formatDuration(Math.round(time / 1000) * 1000)}:{' '}
            {(['karpenter', 'clusterAutoscaler'] as const)
              .map((side) => {
                const m = view[side].metrics;
                const nodes = stepValueAt(m.nodeSeries, time, (p) => p.nodes);
                const waiting = stepValueAt(m.pendingSeries, time, (p) => p.pods);
                return `${SIDE_NAMES[side]} ${nodes} node${nodes === 1 ? '' : 's'}, ${waiting} pod${waiting === 1 ? '' : 's'} waiting`;
              })
              .join(' · ')}
          </p>
          <NodeCountChart
            karpenter={view.karpenter.metrics.nodeSeries}
            clusterAutoscaler={ca.metrics.nodeSeries}
            horizon={view.karpenter.metrics.horizon}
            time={time}
          />
          <ul className="legend">
            <li>
              <span className="swatch karpenter" /> {SIDE_NAMES.karpenter}
            </li>
            <li>
              <span className="swatch ca" /> {SIDE_NAMES.clusterAutoscaler}
            </li>
          </ul>
          {ca.unremovable.length > 0 && (
            <>
              <h3>Why Cluster Autoscaler keeps its nodes (at the end of the run)</h3>
              <ul className="compare-keep" data-testid="compare-keep">
                {ca.unremovable.map((u) => (
                  <li key={u.node}>
                    <code>{u.node}</code>: {KEEP_REASONS[u.reason]}{' '}
                    <span className="muted">
                      ({u.reason}: {u.detail})
                    </span>
                  </li>
                ))}
              </ul>
            </>
          )}
          <details>
            <summary>Cluster Autoscaler’s decisions ({ca.events.length})</summary>
            {/* Scrolls when long: focusable so keyboard users can scroll it. */}
            <ol className="compare-events" tabIndex={0} aria-label="Cluster Autoscaler’s decisions">
              {ca.events.map((e, i) => (
                <li key={i}>
                  <time>{formatDuration(Math.round(e.time / 1000) * 1000)}</time> {e.reason}{' '}
                  {e.object}: {e.message}
                </li>
              ))}
            </ol>
          </details>
          <details>
            <summary>How this is modelled</summary>
            <ul>
              {ca.assumptions
                .filter((a) => !view.karpenter.assumptions.includes(a))
                .map((a) => (
                  <li key={a}>{a}</li>
                ))}
              <li>
                A simplification: one node group and no expanders; CA’s scale-up estimate is a
                first-fit bin packing on the group’s template node; node boot times are the same
                assumptions as Karpenter’s.
              </li>
            </ul>
          </details>
        </>
      )}
    </section>
  );
}

/**
 * The node group's instance type and capacity type, written into the Scenario's
 * spec.clusterAutoscaler (so the choice replays, saves and shares like any other edit).
 */
function NodeGroupForm(props: { instanceType: string; capacityType: string }) {
  const [error, setError] = useState<string | undefined>();
  return (
    <form
      className="compare-form"
      aria-label="Cluster Autoscaler node group"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        let text = workspaceStore.getState().text;
        for (const field of ['instanceType', 'capacityType'] as const) {
          const value = String(data.get(field) ?? '').trim();
          if (value === '' || value === props[field]) continue;
          const r = setClusterAutoscaler(text, field, value);
          if (!r.ok) return setError(r.error);
          text = r.text;
        }
        setError(undefined);
        workspaceStore.getState().setText(text);
      }}
    >
      <label>
        Instance type <input name="instanceType" defaultValue={props.instanceType} size={14} />
      </label>
      <label>
        Capacity type{' '}
        <select name="capacityType" defaultValue={props.capacityType}>
          <option value="on-demand">on-demand</option>
          <option value="spot">spot</option>
        </select>
      </label>
      <button type="submit">Apply to the Scenario</button>
      {error && <p className="status-error">{error}</p>}
    </form>
  );
}
