// Times as the page shows them: the timeline's m:ss (h:mm:ss past an hour), and an event's time
// in the same form, so an Events row matches the scrubber (it said "1210.4s" beside "20:10"),
// with tenths when the event has them.
export function clock(ms: number): string {
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

export function eventClock(ms: number): string {
  return ms % 1000 === 0 ? clock(ms) : `${clock(ms)}.${Math.floor((ms % 1000) / 100)}`;
}
