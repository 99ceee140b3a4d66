import { expect, openFresh, test } from './fixtures.ts';

test(`explore tabs`, async ({ page }) => {
  test.setTimeout(300_000);
  await openFresh(page);
  for (const tab of ['Labs', 'Compare', 'Plan']) {
    await page.getByRole('tab', { name: tab }).click();
    await page.waitForTimeout(2500);
    await page.screenshot({ path: `/tmp/bw/tab-${tab}.png` });
  }
  await page.getByRole('tab', { name: 'Explain' }).click();
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await page.waitForTimeout(500);
  await page.screenshot({ path: `/tmp/bw/dark.png` });
});
