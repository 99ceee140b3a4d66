// The CLI's io on a real process: stdout/stderr, files, stdin for `-`, directories.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import type { CliIO } from './inputs.ts';
import { firstAfterMs, progressLine } from './progress.ts';

// On a terminal, long runs show a progress line on stderr (progress.ts), erased before any output.
const progress = process.stderr.isTTY
  ? progressLine((s) => process.stderr.write(s), undefined, firstAfterMs(process.env))
  : undefined;

export const processIO: CliIO = {
  stdout: (s) => {
    progress?.clear();
    writeInPieces(process.stdout, s);
  },
  stderr: (s) => {
    progress?.clear();
    process.stderr.write(s);
  },
  ...(progress ? { onProgress: (p) => progress.onProgress(p) } : {}),
  readFile: (path) => readFileSync(path === '-' ? 0 : path, 'utf8'),
  listDir: (path) => {
    try {
      return statSync(path).isDirectory() ? readdirSync(path) : undefined;
    } catch {
      return undefined; // readFile then reports why the path cannot be read
    }
  },
};

/**
 * `karpenter-lab … | head`: once the reader has gone, the rest of the output has nowhere to go.
 * Node ignores SIGPIPE, so the write fails with EPIPE, and an unhandled stream error would end the
 * process with a stack trace and status 1. Stop writing quietly instead; the exit code the run set
 * stands. Any other stream error is rethrown as before.
 */
export function quietOnClosedPipe(stream: NodeJS.EventEmitter): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
  });
}

/** UTF-16 code units per piece; a piece encodes to at most 3 bytes per unit. */
const PIECE = 1 << 16;

/** The part of a stream `writeInPieces` uses (a test passes a fake). */
export interface PieceStream {
  write(chunk: Uint8Array | string): unknown;
  readonly writableLength: number;
}

/**
 * Writes `s` as UTF-8, a big text (the JSON of a 5,000-pod run is ~25 MB) in pieces encoded into
 * one reused buffer: encoding it into one fresh 25 MB buffer cost 290–350 ms of CPU to a file, the
 * pieces 175–210 ms (same bytes). When the stream keeps a piece queued (an async pipe), that buffer
 * stays with it and the next piece takes a new one.
 */
export function writeInPieces(stream: PieceStream, s: string): void {
  if (s.length <= 4 * PIECE) {
    stream.write(s);
    return;
  }
  let buf = Buffer.allocUnsafe(3 * PIECE);
  for (let i = 0; i < s.length;) {
    let end = Math.min(s.length, i + PIECE);
    // Never split a surrogate pair: each half alone would be written as U+FFFD.
    const last = s.charCodeAt(end - 1);
    if (end < s.length && last >= 0xd800 && last <= 0xdbff) end--;
    const n = buf.write(s.slice(i, end));
    stream.write(buf.subarray(0, n));
    if (stream.writableLength > 0) buf = Buffer.allocUnsafe(3 * PIECE);
    i = end;
  }
}
