// The timeline scrubber: every view shows the moment under the cursor.
import { useStore } from 'zustand';
import { simulationStore } from '../stores/simulation.ts';

function clock(ms: number): string {
  const s = Math.round(ms / 1000);
  const m = Math.floor(s / 60);
  return `${m}:${String(s % 60).padStart(2, '0')}`;
}

export function Timeline() {
  const frames = useStore(simulationStore, (s) => s.result?.frames);
  const index = useStore(simulationStore, (s) => s.frameIndex);
  const frame = frames?.[index];
  if (!frames || frames.length === 0 || !frame)
    return <div className="timeline">No timeline yet.</div>;
  return (
    <div className="timeline">
      <label htmlFor="timeline-range">Time</label>
      <input
        id="timeline-range"
        type="range"
        min={0}
        max={frames.length - 1}
        value={index}
        onChange={(e) => simulationStore.getState().seek(Number(e.target.value))}
        aria-valuetext={`${clock(frame.time)}, step ${index + 1} of ${frames.length}`}
      />
      <output htmlFor="timeline-range" data-testid="timeline-clock">
        t = {clock(frame.time)}
      </output>
      <span className="cost" data-testid="cost-now">
        ${frame.costPerHour.toFixed(4)}/h now · ${frame.costTotal.toFixed(4)} so far
      </span>
    </div>
  );
}
