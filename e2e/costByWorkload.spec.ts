// The Cost panel says what the $/h pays for: the default workspace's five inflate pods and the
// idle rest of their node, with the figures adding up to the "$/h now" a person reads above them,
// and the table fitting the panel on a phone.
import { expect, openFresh, test } from './fixtures.ts';

const money = (s: string) => Number(s.replace(/[^\d.]/g, ''));

for (const viewport of [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
]) {
  test(`the Cost panel lists the cost by workload and the idle rest (${viewport.width}×${viewport.height})`, async ({
    page,
  }, info) => {
    await page.setViewportSize(viewport);
    await openFresh(page);
    const table = page.getByTestId('workload-costs');
    await table.scrollIntoViewIfNeeded();
    await expect(table).toBeVisible();
    await expect(table.locator('caption')).toContainText(
      'shared by the CPU and memory its pods request',
    );
    const inflate = table.locator('tbody tr', { hasText: 'Deployment/default/inflate' });
    await expect(inflate.locator('td').first()).toHaveText('5');
    const idle = table.locator('tbody tr', { hasText: 'Idle (requested by no pod)' });
    await expect(idle).toBeVisible();
    // Every row's $/h and the idle part add up to the figure above the chart.
    const now = await page.getByTestId('cost-figures').innerText();
    const perHour = money(/\$([\d.]+)\/h now/.exec(now)?.[1] ?? 'NaN');
    expect(perHour).toBeGreaterThan(0);
    const cells = await table.locator('tbody tr td:nth-child(3)').allInnerTexts();
    const sum = cells.reduce((s, c) => s + money(c), 0);
    expect(Math.abs(sum - perHour)).toBeLessThan(0.0003);
    const shares = await table.locator('tbody tr td:nth-child(4)').allInnerTexts();
    const percent = shares.reduce((s, c) => s + Number(c.replace('%', '')), 0);
    expect(Math.abs(percent - 100)).toBeLessThanOrEqual(shares.length);
    // It fits its pane: nothing to scroll sideways for.
    const fits = await table.evaluate((el) => {
      const pane = el.closest('.tab-body') ?? el.parentElement;
      return pane
        ? el.getBoundingClientRect().right <= pane.getBoundingClientRect().right + 1
        : false;
    });
    expect(fits).toBe(true);
    await page.locator('.cost-panel').screenshot({ path: info.outputPath('cost-by-workload.png') });
  });
}
