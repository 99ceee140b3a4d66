// Shell-style command history for the console: ↑/↓ walk previous commands, a new command resets
// the position, repeats of the last command are stored once. Immutable values, so a store can keep
// it as state.
export interface History {
  readonly entries: readonly string[];
  /** entries.length when not browsing; otherwise the index shown. */
  readonly position: number;
}

export const emptyHistory: History = { entries: [], position: 0 };

export function remember(h: History, line: string, max = 500): History {
  const trimmed = line.trim();
  if (trimmed === '' || h.entries[h.entries.length - 1] === trimmed)
    return { entries: h.entries, position: h.entries.length };
  const entries = [...h.entries, trimmed].slice(-max);
  return { entries, position: entries.length };
}

/** ↑: the previous command (stays on the oldest). */
export function previous(h: History): { history: History; line: string | undefined } {
  const position = Math.max(0, h.position - 1);
  return { history: { ...h, position }, line: h.entries[position] };
}

/** ↓: the next command, or an empty line past the newest. */
export function next(h: History): { history: History; line: string } {
  const position = Math.min(h.entries.length, h.position + 1);
  return { history: { ...h, position }, line: h.entries[position] ?? '' };
}
