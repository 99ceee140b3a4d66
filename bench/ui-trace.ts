// Where the milliseconds of one keystroke go: records a Chromium trace (CDP Tracing, timeline and
// V8 sampling categories) around one edit — the seed workspace, or BENCH_TRACE_PODS=2000 for the
// 2,000-pod fixture — and prints, per thread (the page's main thread, the engine worker), the
// tasks over BENCH_TRACE_MIN_MS (default 4 ms) with what fills them, and the functions that took
// the most self time. A diagnostic, not a target: bench/ui-keystroke.ts holds the figures.
// BENCH_TRACE_WARM=n makes n edits first (back and forth), so the traced one runs warm code as a
// learner's tenth edit does. BENCH_UI_DIST serves another build (e.g. `vite build --minify false
// --outDir /tmp/dbg` to read function names). Needs a built site (vite build). BENCH_UI_PORT as
// the other browser benches.
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium.ts';
import {
  openWorkspace,
  selectInEditor,
  startPreview,
  traceEvents,
  waitForView,
  type TraceEvent,
} from './page.ts';

const PORT = Number(process.env.BENCH_UI_PORT ?? 4179);
const MIN_MS = Number(process.env.BENCH_TRACE_MIN_MS ?? 4);
// Samples counted from this many ms after the keystroke (e.g. only once the result has landed).
const FROM_MS = Number(process.env.BENCH_TRACE_FROM_MS ?? 0);
// …or from the first User Timing entry of this name after the keystroke (e.g. page:result).
const FROM_MEASURE = process.env.BENCH_TRACE_FROM_MEASURE;
const TO_MS = Number(process.env.BENCH_TRACE_TO_MS ?? Infinity);
const big = process.env.BENCH_TRACE_PODS === '2000';
const text = big
  ? readFileSync(new URL('./fixtures/two-thousand-pods.yaml', import.meta.url), 'utf8')
  : undefined;
const [from, to, want] = big
  ? ['replicas: 2000', 'replicas: 1999', 1999]
  : ['replicas: 5', 'replicas: 6', 6];

const WARM = Number(process.env.BENCH_TRACE_WARM ?? 0);
const server = await startPreview(PORT);
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const events: TraceEvent[] = [];
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await openWorkspace(page, PORT, text, 300_000);
  for (let i = 0; i < WARM; i++) {
    const [a, b, pods] = i % 2 === 0 ? [from, to, want] : [to, from, big ? 2000 : 5];
    await selectInEditor(page, a);
    await page.keyboard.insertText(b);
    await waitForView(page, pods);
  }
  const [first, then] = WARM % 2 === 0 ? [from, to] : [to, from];
  const wanted = WARM % 2 === 0 ? want : big ? 2000 : 5;
  await selectInEditor(page, first);
  await new Promise((r) => setTimeout(r, 500));
  events.push(
    ...(await traceEvents(
      page,
      async () => {
        await page.evaluate('performance.mark("keystroke")');
        await page.keyboard.insertText(then);
        await waitForView(page, wanted);
        await page.evaluate('performance.mark("view")');
        // Then until the update has settled: every card drawn (ClusterView draws far cards in
        // slices) and the 450 ms glide over.
        await page
          .waitForFunction(
            () => {
              const k = performance.getEntriesByName('keystroke').at(-1)?.startTime ?? 0;
              return performance.getEntriesByName('cluster-cards').some((m) => m.startTime >= k);
            },
            undefined,
            { timeout: 10_000, polling: 'raf' },
          )
          .catch(() => undefined);
        await new Promise((r) => setTimeout(r, 500));
        await page.evaluate('performance.mark("settled")');
        await new Promise((r) => setTimeout(r, 100));
      },
      // The V8 sampler slows every thread: take the task timings from a run without it.
      process.env.BENCH_TRACE_SAMPLES === '1' ? ['disabled-by-default-v8.cpu_profiler'] : [],
    )),
  );
  const file = join(tmpdir(), `karpenter-lab-trace-${big ? 2000 : 'seed'}.json`);
  writeFileSync(file, JSON.stringify({ traceEvents: events }));
  console.log(`trace: ${file} (open in chrome://tracing or the DevTools Performance panel)`);
} finally {
  await browser.close();
  await server.close();
}

// --- analysis ---------------------------------------------------------------------------------
const threadName = new Map<string, string>();
for (const e of events)
  if (e.ph === 'M' && e.name === 'thread_name')
    threadName.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
const mark = (n: string) => events.find((e) => e.name === n && e.cat.includes('user_timing'));
const t0 = mark('keystroke')?.ts ?? 0;
const t1 = mark('view')?.ts ?? Infinity;
const t2 = mark('settled')?.ts ?? t1;
const rel = (ts: number) => ((ts - t0) / 1000).toFixed(1);
console.log(
  `keystroke → view (marks): ${((t1 - t0) / 1000).toFixed(0)} ms; tasks listed until settled: ${((t2 - t0) / 1000).toFixed(0)} ms`,
);

const threads = [...threadName].filter(([, n]) => /CrRendererMain|DedicatedWorker/.test(n));
for (const [key, name] of threads) {
  const mine = events.filter(
    (e) => `${e.pid}:${e.tid}` === key && e.ph === 'X' && e.ts >= t0 - 2000 && e.ts <= t2,
  );
  const tasks = mine.filter((e) => e.name === 'ThreadControllerImpl::RunTask');
  const busy = tasks.reduce((s, e) => s + (e.dur ?? 0), 0) / 1000;
  if (busy < 1) continue;
  console.log(`\n== ${name} (${key}): busy ${busy.toFixed(0)} ms in ${tasks.length} tasks`);
  for (const task of tasks) {
    const ms = (task.dur ?? 0) / 1000;
    if (ms < MIN_MS) continue;
    const end = task.ts + (task.dur ?? 0);
    const inner = mine.filter(
      (e) => e !== task && e.ts >= task.ts && e.ts < end && e.name !== task.name,
    );
    // What fills the task: the top-level children and their own durations, by name.
    const byName = new Map<string, number>();
    for (const e of inner) {
      const d = e.args?.data ?? {};
      const label =
        e.name === 'FunctionCall'
          ? `FunctionCall ${String(d.functionName ?? '') || '(anon)'}@${String(d.url ?? '').replace(/.*\//, '')}:${String(d.lineNumber ?? '')}`
          : e.name === 'EventDispatch'
            ? `EventDispatch ${String(d.type ?? '')}`
            : e.name;
      byName.set(label, (byName.get(label) ?? 0) + (e.dur ?? 0) / 1000);
    }
    const top = [...byName]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([n, d]) => `${n} ${d.toFixed(1)}`)
      .join(' | ');
    console.log(`  @${rel(task.ts)} ms  ${ms.toFixed(1)} ms  ${top}`);
  }
}

// User Timing measures (e.g. ClusterView's `cluster-update`) between the marks.
for (const e of events)
  if (e.cat.includes('user_timing') && e.ph === 'b' && e.ts >= t0 && e.ts <= t2) {
    const end = events.find(
      (x) => x.ph === 'e' && x.name === e.name && x.id === e.id && x.ts >= e.ts,
    );
    if (end)
      console.log(`measure ${e.name} @${rel(e.ts)} ms: ${((end.ts - e.ts) / 1000).toFixed(1)} ms`);
  }

// Sampled self time per function, per thread, between the marks (V8 cpu_profiler trace events).
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  parent?: number;
}
const profiles = new Map<
  string,
  { nodes: Map<number, ProfileNode>; time: number; self: Map<number, number>; key: string }
>();
const fromTs = FROM_MEASURE
  ? (events.find((e) => e.name === FROM_MEASURE && e.ph === 'b' && e.ts >= t0)?.ts ?? t0)
  : t0 + FROM_MS * 1000;
for (const e of events) {
  if (e.name === 'Profile' && e.id) {
    profiles.set(e.id, {
      nodes: new Map(),
      time: Number((e.args?.data as { startTime?: number })?.startTime ?? 0),
      self: new Map(),
      key: `${e.pid}:${e.tid}`,
    });
  }
  if (e.name === 'ProfileChunk' && e.id) {
    const p = profiles.get(e.id);
    if (!p) continue;
    const data = e.args?.data as {
      cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] };
      timeDeltas?: number[];
    };
    for (const n of data.cpuProfile?.nodes ?? []) p.nodes.set(n.id, n);
    const samples = data.cpuProfile?.samples ?? [];
    const deltas = data.timeDeltas ?? [];
    samples.forEach((s, i) => {
      p.time += deltas[i] ?? 0;
      if (p.time >= fromTs && p.time <= Math.min(t1, t0 + TO_MS * 1000))
        p.self.set(s, (p.self.get(s) ?? 0) + (deltas[i + 1] ?? deltas[i] ?? 0));
    });
  }
}
for (const p of profiles.values()) {
  const byFn = new Map<string, number>();
  let total = 0;
  for (const [id, us] of p.self) {
    const n = p.nodes.get(id);
    if (!n) continue;
    const f = n.callFrame;
    const label = `${f.functionName || '(anon)'} ${(f.url ?? '').replace(/.*\//, '')}:${f.lineNumber}`;
    byFn.set(label, (byFn.get(label) ?? 0) + us / 1000);
    total += us / 1000;
  }
  if (total < 5) continue;
  // Inclusive: each sample counts once for every distinct function on its stack.
  const incl = new Map<string, number>();
  for (const [id, us] of p.self) {
    const seen = new Set<string>();
    for (
      let n = p.nodes.get(id);
      n;
      n = n.parent === undefined ? undefined : p.nodes.get(n.parent)
    ) {
      const f = n.callFrame;
      const label = `${f.functionName || '(anon)'} ${(f.url ?? '').replace(/.*\//, '')}:${f.lineNumber}`;
      if (seen.has(label)) continue;
      seen.add(label);
      incl.set(label, (incl.get(label) ?? 0) + us / 1000);
    }
  }
  const TOP = Number(process.env.BENCH_TRACE_TOP ?? 25);
  console.log(`\n== samples ${threadName.get(p.key) ?? p.key}: ${total.toFixed(0)} ms (self)`);
  for (const [l, ms] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, TOP))
    console.log(`  ${ms.toFixed(1).padStart(7)} ms  ${l}`);
  console.log(`-- inclusive`);
  for (const [l, ms] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, TOP))
    console.log(`  ${ms.toFixed(1).padStart(7)} ms  ${l}`);
}
