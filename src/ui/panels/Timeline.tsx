// The timeline: play, pause, speeds 1×–60×, step to the next or previous event, scrub. Every view
// shows the moment under the cursor.
import { useStore } from 'zustand';
import { simulationStore, currentFrame } from '../stores/simulation.ts';
import { SPEEDS, type Speed } from '../stores/playback.ts';
import { IconNext, IconPause, IconPlay, IconPrevious } from '../icons.tsx';
import { pointAt, seriesOf } from '../cost/series.ts';
import { clock } from './clock.ts';
import { scrubKey } from './scrubKeys.ts';

export function Timeline() {
  const end = useStore(simulationStore, (s) => s.result?.end);
  const time = useStore(simulationStore, (s) => s.time);
  const playing = useStore(simulationStore, (s) => s.playing);
  const speed = useStore(simulationStore, (s) => s.speed);
  const frame = useStore(simulationStore, currentFrame);
  const framesLost = useStore(simulationStore, (s) => s.framesLost);
  const frames = useStore(simulationStore, (s) => s.result?.frames);
  const sim = simulationStore.getState();
  if (end === undefined || !frame) return <div className="timeline">No timeline yet.</div>;
  // What was spent by the cursor, as the Cost panel reads it (when a cancelled run lost the
  // frames, the shown frame's own figure: the view stays at that moment).
  const spent =
    framesLost || !frames
      ? frame.costTotal
      : (pointAt(seriesOf(frames), time)?.total ?? frame.costTotal);
  return (
    <div className="timeline" role="group" aria-label="Timeline">
      <button
        type="button"
        onClick={() => sim.stepPrevious()}
        aria-label="Previous event"
        title="Previous event"
      >
        <IconPrevious />
      </button>
      <button
        type="button"
        onClick={() => (playing ? sim.pause() : sim.play())}
        aria-label={playing ? 'Pause' : 'Play'}
        data-testid="play"
      >
        {playing ? <IconPause /> : <IconPlay />}
      </button>
      <button
        type="button"
        onClick={() => sim.stepNext()}
        aria-label="Next event"
        title="Next event"
      >
        <IconNext />
      </button>
      <label className="speed">
        <span className="visually-hidden">Speed</span>
        <select
          value={speed}
          onChange={(e) => sim.setSpeed(Number(e.target.value) as Speed)}
          aria-label="Playback speed"
        >
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
      </label>
      <input
        id="timeline-range"
        type="range"
        min={0}
        max={Math.max(1, end)}
        step={100}
        value={time}
        onChange={(e) => sim.seekTime(Number(e.target.value))}
        onKeyDown={(e) => {
          if (e.altKey || e.ctrlKey || e.metaKey) return;
          const to = scrubKey(e.key, e.shiftKey, time, end);
          if (to === undefined) return;
          e.preventDefault(); // not the native 100 ms step
          sim.seekTime(to);
        }}
        aria-label="Time"
        aria-valuetext={`${clock(time)} of ${clock(end)}`}
      />
      {/* An <output> is a live region: while playing it changed every frame and a screen reader
          read the clock without end. Announced again once paused. */}
      <output
        htmlFor="timeline-range"
        data-testid="timeline-clock"
        aria-live={playing ? 'off' : 'polite'}
      >
        {clock(time)} / {clock(end)}
      </output>
      <span className="cost" data-testid="cost-now">
        {`$${frame.costPerHour.toFixed(4)}/h · $${spent.toFixed(4)} so far`}
      </span>
      {framesLost && frame.time !== time && (
        // Said, not hidden: the clock and the cluster view show different moments here.
        <p className="frames-lost" role="status" data-testid="frames-lost">
          The cancelled run took this result&apos;s other moments with it: the view stays at{' '}
          {clock(frame.time)}. Press Run to replay them.
        </p>
      )}
    </div>
  );
}
