// Offline after the first visit (issue 16 item 2): the service worker precaches the whole lab, so a
// reload with no network opens the page, loads the editor, and edits re-simulate. Also: the server
// sends the CSP as a header (issue 15 item 8), and the page runs under it with no violation (the
// fixture fails the test on any console error, which is where CSP violations are reported).
import type { Page } from '@playwright/test';
import { expect, openFresh, test, waitForSimulation } from './fixtures.ts';

async function controlledByServiceWorker(page: Page): Promise<void> {
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? 'none'), {
      timeout: 60_000,
    })
    .toBe('activated');
}

test('after one visit the lab opens, edits and simulates offline', async ({ page, context }) => {
  test.setTimeout(180_000);
  const response = await page.goto('./');
  expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  await openFresh(page);
  await controlledByServiceWorker(page);

  await context.setOffline(true);
  await page.reload();
  await waitForSimulation(page);
  await expect(page.locator('.cluster-svg')).toHaveAttribute('aria-label', /5 pods running/);
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('ControlOrMeta+F'); // find selects the match; typing replaces it
  await page.keyboard.insertText('replicas: 5');
  await page.keyboard.press('Escape');
  await page.keyboard.insertText('replicas: 7');
  await waitForSimulation(page);
  await expect(page.locator('.cluster-svg')).toHaveAttribute(
    'aria-label',
    /7 pods running, 0 pending pods/,
  );
  await context.setOffline(false);
});
