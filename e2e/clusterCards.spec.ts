// The cluster view draws the cards in the visible window at once, the pods on the canvas in the
// next task, and the other cards in short slices after (src/ui/cluster/ClusterView.ts: no
// main-thread task over 50 ms at 2,000 pods). What a person must see is the same as before: after
// an edit, every card — scrolled to or not — shows the new run (here: the instance type renamed,
// so every card's first line changes), the nodes the console lists are exactly the cards drawn,
// and the canvas shows the pods of the new run.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, openWithSaved, replaceInEditor, test, waitForSimulation } from './fixtures.ts';

// ~55 nodes of twelve pods: the layout is several screens tall at both sizes.
const WORKSPACE = readFileSync(
  new URL('../bench/fixtures/two-thousand-pods.yaml', import.meta.url),
  'utf8',
).replace('replicas: 2000', 'replicas: 600');

const NODE = /ip-[\d-]+\.ec2\.internal/g;

async function consoleNodes(page: Page): Promise<string[]> {
  const input = page.getByLabel('kubectl command');
  await input.fill('kubectl get nodes');
  await input.press('Enter');
  const out = page.getByTestId('console-output');
  await expect(out).toContainText(/ip-[\d-]+\.ec2\.internal\s+Ready/);
  return [...new Set((await out.innerText()).match(NODE) ?? [])].sort();
}

/** Opens the 600-pod workspace at `size` and waits until its cluster view shows it. */
async function openSixHundred(page: Page, size: { width: number; height: number }) {
  await page.setViewportSize(size);
  await openWithSaved(page, { workspace: WORKSPACE });
  await waitForSimulation(page);
  const cluster = page.locator('.cluster-svg');
  await expect(cluster).toHaveAttribute('aria-label', /\b600 pods running/, { timeout: 60_000 });
  return cluster;
}

/** The node each card names (its accessible name, which its tooltip and lines are drawn with). */
async function cardNodes(page: Page): Promise<string[]> {
  const labels = await page
    .locator('.cluster-svg g.node:not(.leaving)')
    .evaluateAll((gs) => gs.map((g) => g.getAttribute('aria-label') ?? ''));
  return labels.map((l) => l.match(NODE)?.[0] ?? `no node in "${l}"`).sort();
}

/** Whether the cards' DOM order (the keyboard's and screen readers') is their reading order on
 *  screen: row by row, left to right, by where each card ends its glide. */
const inReadingOrder = (page: Page): Promise<boolean> =>
  page.locator('.cluster-svg g.node:not(.leaving)').evaluateAll((gs) => {
    const at = gs.map((g) => {
      const m = /translate\(([-\d.e]+),\s*([-\d.e]+)\)/.exec(g.getAttribute('transform') ?? '');
      return [Number(m?.[2]), Number(m?.[1])] as const;
    });
    return at.every(
      ([y, x], i) =>
        i === 0 || y > (at[i - 1]?.[0] ?? 0) || (y === at[i - 1]?.[0] && x > (at[i - 1]?.[1] ?? 0)),
    );
  });

for (const size of [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
])
  test(`after an edit that reorders the nodes, the cards are in reading order again (${size.width}×${size.height})`, async ({
    page,
  }, info) => {
    const cluster = await openSixHundred(page, size);
    await expect.poll(() => inReadingOrder(page)).toBe(true);
    const order = () =>
      page
        .locator('.cluster-svg g.node:not(.leaving)')
        .evaluateAll((gs) => gs.map((g) => g.getAttribute('aria-label') ?? ''));
    const before = await order();
    // One pod fewer: the run draws other node names, so most cards change places in the rows,
    // and the slices after the result move them in the DOM, a few at a time (ClusterView).
    await replaceInEditor(page, 'replicas: 600', 'replicas: 599');
    await expect(cluster).toHaveAttribute('aria-label', /\b599 pods running/, { timeout: 60_000 });
    await expect.poll(() => inReadingOrder(page)).toBe(true);
    const after = await order();
    expect(after.length).toBe(before.length);
    // The keyboard walks the first cards in that order too.
    const first = page.locator('.cluster-svg g.node:not(.leaving)').first();
    await first.focus();
    await page.keyboard.press('Tab');
    await expect(page.locator('.cluster-svg g.node:not(.leaving)').nth(1)).toBeFocused();
    await page.screenshot({ path: info.outputPath('reordered.png') });
  });

for (const size of [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
])
  test(`after an edit every node card, on screen or far below, shows the new run (${size.width}×${size.height})`, async ({
    page,
  }, info) => {
    const cluster = await openSixHundred(page, size);
    expect(await cardNodes(page)).toEqual(await consoleNodes(page));

    // Renaming the instance type changes the first line of every card, far ones included (its
    // first part: "wide-pod · on-demand" may not fit a 148 px card, which then shows "wide-pod").
    const lines = () =>
      page
        .locator('.cluster-svg g.node:not(.leaving) text.node-name')
        .evaluateAll((ts) => [...new Set(ts.map((t) => t.textContent?.split(' · ')[0]))]);
    expect(await lines()).toEqual(['ten-pod']);
    await replaceInEditor(page, 'name: ten-pod', 'name: wide-pod');
    await waitForSimulation(page);
    await expect(cluster).toHaveAttribute('aria-label', /\b600 pods running/, { timeout: 60_000 });
    await expect.poll(lines).toEqual(['wide-pod']);
    const after = await consoleNodes(page);
    expect(after.length).toBeGreaterThan(40);
    await expect.poll(() => cardNodes(page)).toEqual(after);
    await expect(page.locator('.cluster-svg g.node:not(.leaving)')).toHaveCount(after.length);
    // The keyboard and screen readers meet the cards in reading order (row by row, left to right):
    // the DOM is put in that order by the last slices.
    await expect.poll(() => inReadingOrder(page)).toBe(true);

    // The last card, far below the first screen, reads as its accessible name says.
    const last = page.locator('.cluster-svg g.node:not(.leaving)').last();
    await last.scrollIntoViewIfNeeded();
    await expect(last).toBeVisible();
    const shown = await last.locator('text').allTextContents();
    expect(shown).toHaveLength(2);
    const label = (await last.getAttribute('aria-label')) ?? '';
    // The accessible name is the two lines in full (a line that does not fit its card shows fewer
    // parts, or ends in "…"), then the tooltip: it starts with what the card shows first, and
    // holds every part shown, in order.
    const full = label.slice(0, label.indexOf('. '));
    expect(full.startsWith(shown[0]?.split(' · ')[0]?.replace(/…$/, '') ?? '?')).toBe(true);
    let at = 0;
    for (const part of shown.flatMap((l) => l.split(' · ')).map((p) => p.replace(/…$/, ''))) {
      at = full.indexOf(part, at);
      expect(at, `"${part}" in "${full}"`).toBeGreaterThanOrEqual(0);
    }
    const tooltip = (await last.locator('title').first().textContent()) ?? '';
    expect(tooltip.match(NODE)?.[0]).toBe(label.match(NODE)?.[0]);
    expect(after).toContain(label.match(NODE)?.[0]);
    await page.screenshot({ path: info.outputPath('last-card.png') });
  });

/** How many of the pod canvas's pixels are painted (its visible window; pods only). */
const podPixels = (page: Page): Promise<number> =>
  page.locator('.pod-layer').evaluate((c: HTMLCanvasElement) => {
    const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? [];
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) n++;
    return n;
  });

for (const size of [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
])
  test(`after an edit the canvas shows the pods of the new run (${size.width}×${size.height})`, async ({
    page,
  }, info) => {
    const cluster = await openSixHundred(page, size);
    await page.locator('.cluster-host').scrollIntoViewIfNeeded();
    // The first screen of cards holds ~90 pods (390 px wide) or more; 12 pods fill one card and a bit.
    await expect.poll(() => podPixels(page)).toBeGreaterThan(0);
    const many = await podPixels(page);
    await replaceInEditor(page, 'replicas: 600', 'replicas: 12');
    await expect(cluster).toHaveAttribute('aria-label', /\b12 pods running/, { timeout: 60_000 });
    await expect.poll(() => podPixels(page)).toBeLessThan(many / 4);
    expect(await podPixels(page)).toBeGreaterThan(0);
    await page.locator('.cluster-host').screenshot({ path: info.outputPath('twelve-pods.png') });
    // And back: the canvas fills again as the 600 pods glide in.
    await replaceInEditor(page, 'replicas: 12', 'replicas: 600');
    await expect(cluster).toHaveAttribute('aria-label', /\b600 pods running/, { timeout: 60_000 });
    await expect.poll(() => podPixels(page)).toBeGreaterThan(many * 0.9);
  });
