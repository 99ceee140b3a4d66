// The pending queue's label ("Pending pods: … · … pinned to <zone> by its volume …", above the
// queue) fits the cluster view's width: on a phone the count stays whole and readable, the rest is
// cut after a word with an ellipsis, and the whole label is the queue's tooltip and accessible
// name. Before, the label ran past the SVG's right edge and was clipped there.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, openWithSaved, test, waitForSimulation } from './fixtures.ts';

// Step 2 of the volumes lab: web-0, web-1 and web-2 have volumes bound in us-east-1a, 1b and 1c.
// Here the NodePool allows us-east-1a alone, so web-1 and web-2 wait, each pinned to its own zone.
const STEP_2 = /## Step 2[\s\S]*?```yaml start\n([\s\S]*?)```/.exec(
  readFileSync(new URL('../labs/statefulsets-volumes-zones/README.md', import.meta.url), 'utf8'),
)?.[1];
if (!STEP_2?.includes('values: [us-east-1a, us-east-1b]')) throw new Error('lab step 2 moved');
const WORKSPACE = STEP_2.replace('values: [us-east-1a, us-east-1b]', 'values: [us-east-1a]');

const WHOLE =
  'Pending pods: 2 · 1 pinned to us-east-1b by its volume · 1 pinned to us-east-1c by its volume';

/** The label's text and rendered box, and the part of the SVG a person sees. */
const drawnLabel = (page: Page) =>
  page.locator('.cluster-svg').evaluate((svg) => {
    const box = svg.getBoundingClientRect();
    // What is visible of the SVG: its box, clipped by the pane that scrolls it and the window.
    const pane = svg.closest('.cluster-wrap')?.parentElement?.getBoundingClientRect() ?? box;
    const label = svg.querySelector('.queue-label');
    const r = label?.getBoundingClientRect();
    return {
      left: Math.max(box.left, pane.left, 0),
      right: Math.min(box.right, pane.right, document.documentElement.clientWidth),
      label: { text: label?.textContent ?? '', left: r?.left ?? NaN, right: r?.right ?? NaN },
    };
  });

for (const size of [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
])
  test(`the pending queue label lies inside the cluster view and keeps its count (${size.width}×${size.height})`, async ({
    page,
  }, info) => {
    await page.setViewportSize(size);
    await openWithSaved(page, { workspace: WORKSPACE });
    await waitForSimulation(page);
    await page.getByRole('slider', { name: 'Time' }).press('End');
    await expect(page.locator('.cluster-svg')).toHaveAttribute(
      'aria-label',
      /\b1 pod running, 2 pending pods\b/,
    );
    const label = page.locator('.cluster-svg .queue-label');
    await label.scrollIntoViewIfNeeded();
    await page.screenshot({ path: info.outputPath('queue-label.png') });

    // The count, whole and visible, whatever else fits after it.
    await expect(label).toBeVisible();
    await expect(label).toHaveText(/^Pending pods: 2( · |…|$)/);
    const drawn = await drawnLabel(page);
    const { text, left, right } = drawn.label;
    expect(left, `"${text}" starts inside the view`).toBeGreaterThanOrEqual(drawn.left);
    expect(right, `"${text}" ends inside the view`).toBeLessThanOrEqual(drawn.right + 0.5);
    if (size.width === 390) await expect(label).toHaveText(/^Pending pods: 2 · 1 pinned .*…$/);

    // The whole label, at any width: the queue's tooltip and accessible name.
    await expect(page.locator('.cluster-svg g.queue > title')).toHaveText(WHOLE);
    await expect(page.getByRole('group', { name: WHOLE, exact: true })).toHaveCount(1);
  });
