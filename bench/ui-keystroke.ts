// Keystroke → updated cluster view in headless Chromium, at the seed workspace and at 2,000 pods,
// with the longest main-thread task (PerformanceObserver "longtask") while the worker simulates
// (medians of BENCH_UI_EDITS edits, default 5, each listed too);
// then a 20,000-pod workspace: progress shown, Cancel reachable and effective, a screenshot.
// Targets (issue 12): < 150 ms seed, < 1.5 s at 2,000 pods, no main-thread task over 50 ms.
// Needs a built site (npm run bench:ui builds it). Prints BENCH lines like the other cases.
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium.ts';
import {
  openWorkspace,
  selectInEditor,
  stageWorkspace,
  startPreview,
  waitForView,
} from './page.ts';
import { benchWorkspace } from './workspace.ts';

const PORT = Number(process.env.BENCH_UI_PORT ?? 4179);
const twoThousand = readFileSync(
  new URL('./fixtures/two-thousand-pods.yaml', import.meta.url),
  'utf8',
);

// Strings, not functions: tsx would inject its __name helper, which the page lacks.
const OBSERVE = `(() => {
  window.__longtasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longtasks.push({ start: e.startTime, ms: e.duration });
  }).observe({ type: 'longtask', buffered: false });
})()`;

const running = (page: Page): Promise<number> =>
  page.evaluate(() =>
    Number(
      /(\d+) pods? running/.exec(
        document.querySelector('.cluster-svg')?.getAttribute('aria-label') ?? '',
      )?.[1] ?? -1,
    ),
  );

const EDITS = Number(process.env.BENCH_UI_EDITS ?? 5);
const median = (xs: number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

interface Edit {
  ms: number;
  /** Until every node card is drawn (far cards come in slices after the view: ClusterView). */
  cardsMs: number;
  longTasks: number;
  longest: number;
  /** The longest task that began while the worker ran (before the result reached the page). */
  longestDuringRun: number;
}

/** One edit: replaces `from` with `to` in the editor (find, then type over the match) and times
 *  the view. Long tasks are counted from the key until the update has settled: every card drawn
 *  and the cards' 450 ms glide over. */
async function edit(page: Page, from: string, to: string, pods: number): Promise<Edit> {
  await selectInEditor(page, from);
  await page.evaluate(OBSERVE);
  const t0 = await page.evaluate(() => performance.now());
  await page.keyboard.insertText(to);
  await waitForView(page, pods);
  const t1 = await page.evaluate(() => performance.now());
  const cards = await page
    .waitForFunction(
      (since) => {
        const e = performance.getEntriesByName('cluster-cards').find((m) => m.startTime >= since);
        return e ? e.startTime + e.duration : false;
      },
      t0,
      { timeout: 10_000, polling: 'raf' },
    )
    .then((h) => h.jsonValue() as Promise<number>)
    .catch(() => t1); // a build from before the cards were drawn in slices
  await page.waitForFunction((until) => performance.now() > until, cards + 500);
  const tasks = (await page.evaluate('window.__longtasks')) as { start: number; ms: number }[];
  const during = tasks.filter((t) => t.start >= t0);
  const landed = await page.evaluate(
    (since) =>
      performance.getEntriesByName('page:result').find((m) => m.startTime >= since)?.startTime ??
      Infinity,
    t0,
  );
  const run = during.filter((t) => t.start < landed);
  return {
    longestDuringRun: Math.max(0, ...run.map((t) => t.ms)),
    ms: t1 - t0,
    cardsMs: cards - t0,
    longTasks: during.length,
    longest: Math.max(0, ...during.map((t) => t.ms)),
  };
}

/** BENCH_UI_EDITS edits (default 5) going `from` → `to` → `from` …; prints the medians and every
 *  edit's figures (the first edits of a page run colder code than the later ones). */
async function keystroke(
  page: Page,
  name: string,
  from: string,
  to: string,
  pods: [number, number],
) {
  const runs: Edit[] = [];
  for (let i = 0; i < EDITS; i++) {
    const [a, b, want] = i % 2 === 0 ? [from, to, pods[1]] : [to, from, pods[0]];
    runs.push(await edit(page, a, b, want));
  }
  const list = (f: (r: Edit) => number) => runs.map((r) => f(r).toFixed(0)).join(',');
  console.log(
    `BENCH ui/keystroke-to-view-${name} ms=${median(runs.map((r) => r.ms)).toFixed(0)} pods=${await running(page)} cardsMs=${median(runs.map((r) => r.cardsMs)).toFixed(0)} longestTaskMs=${median(runs.map((r) => r.longest)).toFixed(0)} longestDuringRunMs=${median(runs.map((r) => r.longestDuringRun)).toFixed(0)} edits=${EDITS} each=${list((r) => r.ms)} cards=${list((r) => r.cardsMs)} longest=${list((r) => r.longest)} duringRun=${list((r) => r.longestDuringRun)} longTasks=${list((r) => r.longTasks)}`,
  );
}

/** 20,000 pods: progress appears, Cancel is reachable and stops the run; screenshots both. */
async function twentyThousand(page: Page): Promise<void> {
  const text = benchWorkspace(20_000, { until: '3m' });
  await stageWorkspace(page, PORT, text);
  const t0 = Date.now();
  await page.reload();
  const status = page.getByTestId('run-status');
  await status.filter({ hasText: /Simulating… .*%/ }).waitFor({ timeout: 300_000 });
  const progressMs = Date.now() - t0;
  await page.evaluate(OBSERVE);
  await new Promise((r) => setTimeout(r, 3_000));
  const shot = join(tmpdir(), 'karpenter-lab-20k-progress.png');
  await page.screenshot({ path: shot });
  const cancel = page.getByRole('button', { name: 'Cancel' });
  const c0 = Date.now();
  await cancel.click();
  await status.filter({ hasText: 'Cancelled' }).waitFor({ timeout: 60_000 });
  const cancelMs = Date.now() - c0;
  const tasks = (await page.evaluate('window.__longtasks')) as { ms: number }[];
  const shot2 = join(tmpdir(), 'karpenter-lab-20k-cancelled.png');
  await page.screenshot({ path: shot2 });
  console.log(
    `BENCH ui/twenty-thousand-pods progressShownMs=${progressMs} cancelMs=${cancelMs} longestTaskMs=${Math.max(0, ...tasks.map((t) => t.ms)).toFixed(0)} screenshots=${shot},${shot2}`,
  );
}

const server = await startPreview(PORT);
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await openWorkspace(page, PORT, undefined, 300_000); // the seed workspace (5 replicas)
  await keystroke(page, 'seed', 'replicas: 5', 'replicas: 6', [5, 6]);
  await openWorkspace(page, PORT, twoThousand, 300_000);
  await keystroke(page, '2000-pods', 'replicas: 2000', 'replicas: 1999', [2000, 1999]);
  if (process.env.BENCH_UI_SKIP_20K !== '1') await twentyThousand(page);
} finally {
  await browser.close();
  await server.close();
}
