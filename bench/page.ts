// Shared by the browser benches: open the built site with a workspace in localStorage (as if the
// learner had saved it), in a fresh page.
import type { Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';

/** Serves the built site (BENCH_UI_DIST, default dist/) on `port`, in this process: `npx vite
 *  preview` as a child left the server running on the port after the bench (kill() reached npx,
 *  not vite), and the next run then silently measured the old build. */
export function startPreview(port: number): Promise<PreviewServer> {
  return preview({
    logLevel: 'warn',
    build: { outDir: process.env.BENCH_UI_DIST ?? 'dist' },
    preview: { port, strictPort: true },
  });
}

/** Goes to the site (retrying while the preview server starts) and saves `text` as the workspace
 *  (undefined: nothing saved, the seed workspace). The caller reloads to run it. */
export async function stageWorkspace(
  page: Page,
  port: number,
  text: string | undefined,
): Promise<void> {
  for (let i = 0; i < 50; i++) {
    try {
      await page.goto(`http://localhost:${port}/`);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  await page.evaluate((t) => {
    localStorage.clear();
    if (t !== undefined)
      localStorage.setItem(
        'karpenter-lab/workspace',
        JSON.stringify({ version: 1, savedAt: '', value: t }),
      );
  }, text);
}

/** stageWorkspace, reload, and wait until the simulation is shown. */
export async function openWorkspace(
  page: Page,
  port: number,
  text: string | undefined,
  timeout = 120_000,
): Promise<void> {
  await stageWorkspace(page, port, text);
  await page.reload();
  await page
    .getByTestId('run-status')
    .filter({ hasText: 'Simulation up to date' })
    .waitFor({ timeout });
}

/** Finds `text` in the editor, which selects it: the next insertText types over it. */
export async function selectInEditor(page: Page, text: string): Promise<void> {
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('ControlOrMeta+F');
  await page.keyboard.insertText(text);
  await page.keyboard.press('Escape');
}

/** Waits (polling every frame) until the run is up to date and the cluster view shows `pods`
 *  running: the "updated view" the keystroke benches time. */
export async function waitForView(page: Page, pods: number): Promise<void> {
  await page.waitForFunction(
    (want) =>
      document.querySelector('[data-testid="run-status"]')?.textContent ===
        'Simulation up to date' &&
      new RegExp(`\\b${want} pods? running`).test(
        document.querySelector('.cluster-svg')?.getAttribute('aria-label') ?? '',
      ),
    pods,
    { timeout: 300_000, polling: 'raf' },
  );
}

/** A Chromium trace event (CDP Tracing, ReportEvents), as far as the benches read it. */
export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of a complete event, µs. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: Record<string, unknown> };
  id?: string;
}

/** The trace events (timeline, User Timing, V8 execution, and `extra` categories: e.g. V8's
 *  sampler, `disabled-by-default-v8.cpu_profiler`, which names the functions but slows every
 *  thread) recorded while `during` runs. */
export async function traceEvents(
  page: Page,
  during: () => Promise<void>,
  extra: string[] = [],
): Promise<TraceEvent[]> {
  const categories = [
    'devtools.timeline',
    'disabled-by-default-devtools.timeline',
    'blink.user_timing',
    'v8.execute',
    ...extra,
    'toplevel',
    '__metadata',
  ].join(',');
  const events: TraceEvent[] = [];
  const cdp = await page.context().newCDPSession(page);
  const done = new Promise<void>((resolve) => {
    cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
    cdp.on('Tracing.tracingComplete', () => resolve());
  });
  await cdp.send('Tracing.start', { categories, transferMode: 'ReportEvents' });
  await during();
  await cdp.send('Tracing.end');
  await done;
  await cdp.detach();
  return events;
}
