// Every screen size the lab supports (issue #14): at each, with each side tab open, every visible
// control can be reached — scrolled into view, the element under its centre is the control itself,
// not a pane lying over it — the readouts are not cut, and nothing scrolls sideways.
import type { Page } from '@playwright/test';
import { expect, loadLabStep, openFresh, SCREEN_SIZES as SIZES, test } from './fixtures.ts';
import { blockedControls } from './reach.ts';

async function expectLaidOut(page: Page, file: string): Promise<void> {
  await page.waitForTimeout(400); // D3 transitions settle before anything is measured
  await page.screenshot({ path: file, fullPage: true });
  expect(await blockedControls(page)).toEqual([]);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, 'horizontal scroll of the page (px)').toBeLessThanOrEqual(0);
}

for (const size of SIZES) {
  test(`at ${size.width}×${size.height} every control is reachable, nothing is cut and nothing scrolls sideways`, async ({
    page,
  }, info) => {
    await page.setViewportSize(size);
    test.setTimeout(120_000);
    await openFresh(page);
    const shot = (tab: string) => info.outputPath(`layout-${size.width}x${size.height}-${tab}.png`);
    await expectLaidOut(page, shot('explain'));
    // Text inside scaled charts stays text-sized: the cost chart's axis labels (10 px in its
    // viewBox) grew to 24 px when the side pane ran full width at 768 px.
    const axisPx = await page
      .locator('.cost-chart .tick text')
      .first()
      .evaluate((t) => t.getBoundingClientRect().height);
    expect(axisPx, 'rendered height of a cost-chart axis label (px)').toBeLessThanOrEqual(16);

    // A node picked on the canvas (its details in the Explain tab) and a console answer.
    await page.locator('.cluster-svg g.node').first().click();
    await expect(page.getByRole('tabpanel')).toContainText(/t2\.2xlarge|Node/);
    await page
      .getByLabel(/kubectl command/i)
      .fill('kubectl get nodes -L node.kubernetes.io/instance-type');
    await page.getByLabel(/kubectl command/i).press('Enter');
    await expect(page.getByTestId('console-output')).toContainText('INSTANCE-TYPE');
    await expectLaidOut(page, shot('details-console'));

    await loadLabStep(page, /just-in-time scaling/);
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await expect(page.getByTestId('lab-results').locator('li').first()).toBeVisible();
    await expectLaidOut(page, shot('labs'));

    await page.getByRole('tab', { name: 'Compare' }).click();
    await expect(page.getByRole('tabpanel')).toContainText(/Cluster Autoscaler/);
    await expectLaidOut(page, shot('compare'));

    await page.getByRole('tab', { name: 'Plan' }).click();
    await expect(page.getByTestId('plan-empty')).toContainText('No saved scenario yet');
    await expectLaidOut(page, shot('plan'));
  });
}
