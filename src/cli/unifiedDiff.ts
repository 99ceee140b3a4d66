// A unified diff of one file, as `diff -u` prints it and `patch -p0` applies it: what `--fixes`
// shows for each edit it checked, so a script can apply the one it chooses. The edits are small
// (one object of one file), so the lines both texts share at the start and at the end are set
// aside first and a plain longest-common-subsequence table is built only for the lines between.

/** Lines between the shared head and tail above which the middle is shown as removed + added
 *  whole (an LCS table of that size would cost more than the diff is worth). */
const MAX_MIDDLE = 4_000;

type Op = { kind: ' ' | '-' | '+'; line: string; a: number; b: number };

function lines(text: string): { lines: string[]; newlineAtEnd: boolean } {
  if (text === '') return { lines: [], newlineAtEnd: true };
  const newlineAtEnd = text.endsWith('\n');
  const all = text.split('\n');
  if (newlineAtEnd) all.pop();
  return { lines: all, newlineAtEnd };
}

/** The edit script of a → b, one op per line, in order. */
function script(a: readonly string[], b: readonly string[]): Op[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++;
  const ops: Op[] = [];
  for (let i = 0; i < head; i++) ops.push({ kind: ' ', line: a[i] ?? '', a: i, b: i });
  const am = a.slice(head, a.length - tail);
  const bm = b.slice(head, b.length - tail);
  if (am.length * bm.length > MAX_MIDDLE * MAX_MIDDLE || am.length === 0 || bm.length === 0) {
    am.forEach((line, i) => ops.push({ kind: '-', line, a: head + i, b: head }));
    bm.forEach((line, j) => ops.push({ kind: '+', line, a: head + am.length, b: head + j }));
  } else {
    // lcs[i][j]: the longest common subsequence of am[i..] and bm[j..].
    const w = bm.length + 1;
    const lcs = new Uint32Array((am.length + 1) * w);
    for (let i = am.length - 1; i >= 0; i--)
      for (let j = bm.length - 1; j >= 0; j--)
        lcs[i * w + j] =
          am[i] === bm[j]
            ? (lcs[(i + 1) * w + j + 1] ?? 0) + 1
            : Math.max(lcs[(i + 1) * w + j] ?? 0, lcs[i * w + j + 1] ?? 0);
    let i = 0;
    let j = 0;
    while (i < am.length || j < bm.length) {
      if (i < am.length && j < bm.length && am[i] === bm[j]) {
        ops.push({ kind: ' ', line: am[i] ?? '', a: head + i, b: head + j });
        i++;
        j++;
      } else if (
        i < am.length &&
        (j === bm.length || (lcs[(i + 1) * w + j] ?? 0) >= (lcs[i * w + j + 1] ?? 0))
      ) {
        // Removals before additions where either would do, as diff -u orders them.
        ops.push({ kind: '-', line: am[i] ?? '', a: head + i, b: head + j });
        i++;
      } else {
        ops.push({ kind: '+', line: bm[j] ?? '', a: head + i, b: head + j });
        j++;
      }
    }
  }
  for (let k = tail; k > 0; k--) {
    const ai = a.length - k;
    ops.push({ kind: ' ', line: a[ai] ?? '', a: ai, b: b.length - k });
  }
  return ops;
}

/** `diff -u`'s range: start line (1-based; the line before when empty) and count. */
function range(start: number, count: number): string {
  const from = count === 0 ? start : start + 1;
  return count === 1 ? `${from}` : `${from},${count}`;
}

/**
 * The unified diff of `before` → `after` under the name `file` (both headers), `context` lines
 * around each change; '' when the texts are equal.
 */
export function unifiedDiff(file: string, before: string, after: string, context = 3): string {
  if (before === after) return '';
  const a = lines(before);
  const b = lines(after);
  // A last line without its newline differs from the same line with one.
  const la = a.lines.map((l, i) => (i === a.lines.length - 1 && !a.newlineAtEnd ? `${l}\0` : l));
  const lb = b.lines.map((l, i) => (i === b.lines.length - 1 && !b.newlineAtEnd ? `${l}\0` : l));
  const ops = script(la, lb);
  const changed = ops.map((o, i) => (o.kind === ' ' ? -1 : i)).filter((i) => i >= 0);
  const out = [`--- ${file}`, `+++ ${file}`];
  let k = 0;
  while (k < changed.length) {
    const first = changed[k] ?? 0;
    let last = first;
    // Changes closer than twice the context share a hunk, as diff -u joins them.
    while (k + 1 < changed.length && (changed[k + 1] ?? 0) - last <= 2 * context)
      last = changed[++k] ?? last;
    k++;
    const from = Math.max(0, first - context);
    const to = Math.min(ops.length - 1, last + context);
    const hunk = ops.slice(from, to + 1);
    const aCount = hunk.filter((o) => o.kind !== '+').length;
    const bCount = hunk.filter((o) => o.kind !== '-').length;
    const start = ops[from] ?? { a: 0, b: 0 };
    out.push(`@@ -${range(start.a, aCount)} +${range(start.b, bCount)} @@`);
    for (const o of hunk) {
      const noNewline = o.line.endsWith('\0');
      out.push(`${o.kind}${noNewline ? o.line.slice(0, -1) : o.line}`);
      if (noNewline) out.push('\\ No newline at end of file');
    }
  }
  return `${out.join('\n')}\n`;
}
