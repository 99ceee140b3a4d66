// Frame rate of the cluster view while the timeline plays, in headless Chromium (issue 6: ≥ 50 fps
// at ~200 nodes and 2,000 pods). Needs a built site (npm run build). Prints BENCH lines like the
// other cases. Usage: npm run bench:ui [-- fixture.yaml]   (SPEED=60 for another playback speed)
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium.ts';
import { openWorkspace, startPreview } from './page.ts';

const PORT = Number(process.env.BENCH_UI_PORT ?? 4179);
const SPEED = process.env.SPEED ?? '10';
const fixture =
  process.argv[2] ?? new URL('./fixtures/two-thousand-pods.yaml', import.meta.url).pathname;
const text = readFileSync(fixture, 'utf8');

const server = await startPreview(PORT);
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await openWorkspace(page, PORT, text);
  const counts = await page.evaluate(() => ({
    nodes: document.querySelectorAll('.cluster-svg g.node').length,
    pods: Number(
      /(\d+) pods? running/.exec(
        document.querySelector('.cluster-svg')?.getAttribute('aria-label') ?? '',
      )?.[1] ?? 0,
    ),
  }));
  // A string, not a function: tsx would inject its __name helper, which the page lacks.
  const measure = `new Promise((resolve) => {
    const times = [];
    const start = performance.now();
    const loop = (t) => {
      times.push(t);
      if (t - start < 5000) { requestAnimationFrame(loop); return; }
      const gaps = times.slice(1).map((x, i) => x - times[i]).sort((a, b) => a - b);
      const m = performance.getEntriesByName('cluster-update');
      resolve({
        updates: m.length,
        updateMs: m.reduce((a, e) => a + e.duration, 0) / Math.max(1, m.length),
        fps: (times.length - 1) / ((times[times.length - 1] - times[0]) / 1000),
        p95FrameMs: gaps[Math.floor(gaps.length * 0.95)] || 0,
      });
    };
    requestAnimationFrame(loop);
  })`;
  type Figures = { updates: number; updateMs: number; fps: number; p95FrameMs: number };
  // The same page at rest: what this machine delivers at all (the playback figure's ceiling).
  await page.evaluate(() => performance.clearMeasures());
  const idle = (await page.evaluate(measure)) as Figures;
  await page.getByLabel('Playback speed').selectOption(SPEED);
  await page.getByTestId('play').click(); // at the end: replays from the start
  await page.evaluate(() => performance.clearMeasures());
  const fps = (await page.evaluate(measure)) as Figures;
  console.log(
    `BENCH ui/cluster-playback-${SPEED}x nodes=${counts.nodes} pods=${counts.pods} fps=${fps.fps.toFixed(1)} p95FrameMs=${fps.p95FrameMs.toFixed(1)} viewUpdates=${fps.updates} viewUpdateMs=${fps.updateMs.toFixed(1)} idleFps=${idle.fps.toFixed(1)}`,
  );
} finally {
  await browser.close();
  await server.close();
}
