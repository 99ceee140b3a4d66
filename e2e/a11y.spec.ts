import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, openFresh, openWithSaved, test, waitForSimulation } from './fixtures.ts';

/** Serious and critical axe violations on the page (Monaco's own widgets excluded). */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).exclude('.monaco-editor').analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
}

for (const theme of ['light', 'dark'] as const) {
  test(`no serious or critical accessibility violations (${theme} theme)`, async ({ page }) => {
    await openWithSaved(page, { theme });
    await waitForSimulation(page);
    await page.waitForTimeout(600); // let the D3 transitions settle so contrast is measured at rest
    expect(await seriousViolations(page)).toEqual([]);
  });
}

test('no serious or critical accessibility violations in the Labs tab and the share dialog', async ({
  page,
}) => {
  await openFresh(page);
  await page.getByRole('tab', { name: 'Labs' }).click();
  await page
    .getByRole('button', { name: /Karpenter/ })
    .first()
    .click();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByTestId('share-button').click();
  expect(await seriousViolations(page)).toEqual([]);
});

for (const theme of ['light', 'dark'] as const) {
  test(`no serious or critical accessibility violations in the Compare tab (${theme})`, async ({
    page,
  }, info) => {
    await openFresh(page);
    if (theme === 'dark') await page.getByRole('button', { name: 'Dark theme' }).click();
    await page.getByRole('tab', { name: 'Compare' }).click();
    await expect(page.getByTestId('compare-table')).toBeVisible({ timeout: 30_000 });
    await page.getByText('Cluster Autoscaler’s decisions').click(); // open the details
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: info.outputPath(`compare-${theme}.png`) });
  });
}
