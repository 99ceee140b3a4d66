// The console's questions, answered in the worker against the last timeline (pure; tested in Node).
import { complete, followLines, runCommand, type Follow } from '../kubectl/index.ts';
import { stateAt, type Action } from '../sim/engine/index.ts';
import type { Session } from './run.ts';

export type ConsoleQuery =
  | { op: 'run'; line: string; t: number }
  | { op: 'follow'; follow: Follow; from: number; to: number }
  | { op: 'complete'; line: string; cursor: number; t: number };

export type ConsoleReply =
  | {
      op: 'run';
      output: string;
      error?: string;
      /** The console's own remark (e.g. that `top` shows requests), shown apart from kubectl's text. */
      note?: string;
      /** A mutating command at the cursor: the UI edits the workspace with it. */
      action?: { at: number; source: string; action: Action };
      watch?: Follow;
      clear?: boolean;
    }
  | { op: 'follow'; lines: string[]; follow: Follow }
  | { op: 'complete'; from: number; candidates: string[] };

export function answerConsole(session: Session | undefined, q: ConsoleQuery): ConsoleReply {
  if (!session) {
    if (q.op === 'complete') return { op: 'complete', from: q.cursor, candidates: [] };
    if (q.op === 'follow') return { op: 'follow', lines: [], follow: q.follow };
    return {
      op: 'run',
      output: '',
      error: 'The simulation has not finished yet; try again in a moment.',
    };
  }
  const { timeline } = session;
  switch (q.op) {
    case 'run': {
      const r = runCommand(q.line, {
        timeline,
        t: q.t,
        state: stateAt(timeline, q.t),
        documents: session.heldBack ?? {},
      });
      return {
        op: 'run',
        output: r.output,
        ...(r.error ? { error: r.error } : {}),
        ...(r.note ? { note: r.note } : {}),
        ...(r.action
          ? { action: { at: r.action.at, source: r.action.source, action: r.action.action } }
          : {}),
        ...(r.watch ? { watch: r.watch } : {}),
        ...(r.clear ? { clear: true } : {}),
      };
    }
    case 'follow': {
      const r = followLines(q.follow, timeline, q.from, q.to);
      return { op: 'follow', lines: r.lines, follow: r.follow };
    }
    case 'complete': {
      const r = complete(q.line, q.cursor, stateAt(timeline, q.t));
      return { op: 'complete', from: r.from, candidates: r.candidates };
    }
  }
}

export function isConsoleQuery(q: unknown): q is ConsoleQuery {
  if (typeof q !== 'object' || q === null) return false;
  const x = q as Record<string, unknown>;
  const time = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
  switch (x.op) {
    case 'run':
      return typeof x.line === 'string' && x.line.length <= 10_000 && time(x.t);
    case 'follow':
      return typeof x.follow === 'object' && x.follow !== null && time(x.from) && time(x.to);
    case 'complete':
      return typeof x.line === 'string' && x.line.length <= 10_000 && time(x.cursor) && time(x.t);
    default:
      return false;
  }
}
