// Loading the built site in a fresh browser profile (issue 16): first contentful paint, the cluster
// view's first simulation shown, the editor ready, and the entry chunk's size — unthrottled and with
// the CPU slowed 4× (CDP Emulation.setCPUThrottlingRate). Prints BENCH lines like the other cases.
// Targets on the 2-core dev machine, unthrottled: FCP < 1 s, first simulation < 2 s, entry < 300 KB gzip.
// Usage: npm run bench:ui   or   node --import tsx bench/ui-load.ts [distDir]   (RUNS=5 per setting)
// The page is observed from outside (a MutationObserver injected before load), so the same
// bench measures any build, including one from before the app marked anything itself.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium.ts';

const PORT = Number(process.env.BENCH_UI_PORT ?? 4179);
const RUNS = Number(process.env.RUNS ?? 3);
const dist = resolve(process.argv[2] ?? 'dist');

/** The entry script and what the page preloads with it: everything fetched before anything runs. */
function entrySizes(): {
  entry: string;
  raw: number;
  gzip: number;
  initialRaw: number;
  initialGzip: number;
} {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const entry = /<script type="module"[^>]*src="\.?\/?([^"]+)"/.exec(html)?.[1];
  if (!entry) throw new Error(`${dist}/index.html has no module script`);
  const preloads = [...html.matchAll(/<link rel="modulepreload"[^>]*href="\.?\/?([^"]+)"/g)].map(
    (m) => m[1] ?? '',
  );
  const size = (file: string) => {
    const bytes = readFileSync(join(dist, file));
    return { raw: bytes.length, gzip: gzipSync(bytes).length };
  };
  const e = size(entry);
  const all = [entry, ...preloads].map(size);
  return {
    entry,
    raw: e.raw,
    gzip: e.gzip,
    initialRaw: all.reduce((a, s) => a + s.raw, 0),
    initialGzip: all.reduce((a, s) => a + s.gzip, 0),
  };
}

// A string, not a function: tsx would inject its __name helper, which the page lacks.
const OBSERVE = `(() => {
  const t = (window.__load = {});
  const seen = () => {
    const now = performance.now();
    if (t.editor === undefined && document.querySelector('.monaco-editor .view-line')) t.editor = now;
    const status = document.querySelector('[data-testid="run-status"]');
    if (t.simulation === undefined && status && status.textContent === 'Simulation up to date'
        && document.querySelector('.cluster-svg g.node')) t.simulation = now;
  };
  new MutationObserver(seen).observe(document, { childList: true, subtree: true, characterData: true });
})()`;

interface Load {
  fcp: number;
  simulation: number;
  editor: number;
}

async function loadOnce(rate: number): Promise<Load> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    await page.addInitScript(OBSERVE);
    await page.goto(`http://localhost:${PORT}/`);
    await page.waitForFunction(
      () => {
        const t = (window as { __load?: { editor?: number; simulation?: number } }).__load;
        return t?.editor !== undefined && t.simulation !== undefined;
      },
      undefined,
      { timeout: 120_000, polling: 50 },
    );
    return await page.evaluate(() => {
      const t = (window as unknown as { __load: { editor: number; simulation: number } }).__load;
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
      return { fcp, simulation: t.simulation, editor: t.editor };
    });
  } finally {
    await browser.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const sizes = entrySizes();
console.log(
  `BENCH ui/entry-chunk file=${sizes.entry} rawKB=${(sizes.raw / 1024).toFixed(0)} gzipKB=${(sizes.gzip / 1024).toFixed(0)} initialRawKB=${(sizes.initialRaw / 1024).toFixed(0)} initialGzipKB=${(sizes.initialGzip / 1024).toFixed(0)}`,
);
// In process (not `npx vite preview`): closing it cannot leave a server behind on the port.
const server = await preview({
  logLevel: 'warn',
  build: { outDir: dist },
  preview: { port: PORT, strictPort: true },
});
try {
  await loadOnce(1); // warm the OS file cache and the server
  for (const rate of [1, 4]) {
    const runs: Load[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await loadOnce(rate));
    const ms = (k: keyof Load) => median(runs.map((r) => r[k])).toFixed(0);
    console.log(
      `BENCH ui/load-cpu${rate}x runs=${RUNS} fcpMs=${ms('fcp')} firstSimulationMs=${ms('simulation')} editorReadyMs=${ms('editor')} (medians; all: ${runs.map((r) => `${r.fcp.toFixed(0)}/${r.simulation.toFixed(0)}/${r.editor.toFixed(0)}`).join(' ')})`,
    );
  }
} finally {
  await server.close();
}
