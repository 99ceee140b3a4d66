// The cost a person reads is one figure wherever it is shown. A big run keeps fewer timeline frames
// (frameBudget thins them), and the Cost panel used to integrate each kept frame's $/h until the
// next one: every launch in between was priced at the earlier rate, so at the end of a 5,000-pod
// run the panel said $90.7359 so far while the timeline said $90.3811, and its chart drew flat
// steps that jumped behind the cursor. Each frame now carries what was spent up to its moment.
import type { Page } from '@playwright/test';
import { benchWorkspace } from '../bench/workspace.ts';
import { expect, openFresh, openWithSaved, test } from './fixtures.ts';

/** "$1780.2167/h now · $90.3811 so far" → "90.3811". */
async function soFar(page: Page, testId: string): Promise<string> {
  const text = await page.getByTestId(testId).innerText();
  const m = /\$([\d.]+) so far/.exec(text);
  if (!m?.[1]) throw new Error(`no "so far" figure in ${testId}: ${text}`);
  return m[1];
}

/** Every axis label is a plain figure ("$0.008", "$100", "80s": once "1.0e+2") and lies wholly
 *  inside the chart (once "$0.0080" lost its "$" at the left edge, "80s" its "s" at the right). */
async function expectReadableAxes(page: Page): Promise<void> {
  const chart = page.locator('.cost-chart');
  await chart.scrollIntoViewIfNeeded();
  const box = await chart.boundingBox();
  if (!box) throw new Error('no cost chart');
  const ticks = chart.locator('.tick text');
  const texts = await ticks.allTextContents();
  expect(texts.length).toBeGreaterThan(4);
  for (const t of texts) expect(t).toMatch(/^(\$\d+(\.\d+)?k?|\d+(\.\d+)?[smh])$/);
  for (const tick of await ticks.all()) {
    const label = (await tick.textContent()) ?? '';
    const b = await tick.boundingBox();
    expect(b, label).not.toBeNull();
    if (!b) continue;
    expect(b.x, `${label} starts inside the chart`).toBeGreaterThanOrEqual(box.x);
    expect(b.x + b.width, `${label} ends inside the chart`).toBeLessThanOrEqual(
      box.x + box.width + 0.5,
    );
  }
}

for (const viewport of [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
]) {
  test(`the default workspace's cost chart labels its axes readably (${viewport.width}×${viewport.height})`, async ({
    page,
  }, info) => {
    await page.setViewportSize(viewport);
    await openFresh(page);
    await expectReadableAxes(page);
    await expect(page.locator('.cost-chart .tick text').first()).toHaveText('0s');
    await page.locator('.cost-panel').screenshot({ path: info.outputPath('cost-small.png') });
  });
}

for (const viewport of [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
]) {
  test(`a 5,000-pod run's cost panel agrees with the timeline, at the end and midway (${viewport.width}×${viewport.height})`, async ({
    page,
  }, info) => {
    test.setTimeout(240_000);
    await page.setViewportSize(viewport);
    await openWithSaved(page, { workspace: benchWorkspace(5000, { until: '3m' }) });
    await expect(page.getByTestId('run-status')).toHaveText('Simulation up to date', {
      timeout: 200_000,
    });
    const figures = page.getByTestId('cost-figures');
    await figures.scrollIntoViewIfNeeded();
    await expect(figures).toBeVisible();
    await expect(page.getByTestId('timeline-clock')).toHaveText('3:00 / 3:00');
    const end = await soFar(page, 'cost-now');
    expect(Number(end)).toBeGreaterThan(50);
    expect(await soFar(page, 'cost-figures')).toBe(end);
    await expect(page.locator('.cost-chart')).toHaveAttribute(
      'aria-label',
      new RegExp(`^Cost so far \\$${end.replace('.', '\\.')}`),
    );
    await expectReadableAxes(page);
    await expect(page.locator('.cost-chart .tick text', { hasText: /^\$100$/ })).toHaveCount(1);
    await page.locator('.cost-panel').screenshot({ path: info.outputPath('cost-end.png') });

    // Midway, where launches fall between the frames the run kept.
    await page.getByRole('slider', { name: 'Time' }).fill('75000');
    await expect(page.getByTestId('timeline-clock')).toHaveText(/^1:1\d \/ 3:00$/);
    await expect(async () => {
      const mid = await soFar(page, 'cost-now');
      expect(Number(mid)).toBeGreaterThan(0);
      expect(Number(mid)).toBeLessThan(Number(end));
      expect(await soFar(page, 'cost-figures')).toBe(mid);
    }).toPass({ timeout: 15_000 });
    await page.locator('.cost-panel').screenshot({ path: info.outputPath('cost-mid.png') });
  });
}
