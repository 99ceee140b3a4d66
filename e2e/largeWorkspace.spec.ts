// A 20,000-pod workspace (the lab's cap) in the browser, as a person who imported a big cluster
// would meet it: the run says what it is doing while it works, Cancel is reachable and stops it
// without losing the text, and a run that finishes shows the cluster summary. The workspace is
// Karpenter's scheduling-benchmark shape (bench/workspace.ts), saved in localStorage as the
// learner's own work would be. Slow on purpose (reading 750 KB of YAML and solving 20,000 pods):
// the timeouts are long, the assertions are not loosened.
import type { Page } from '@playwright/test';
import { benchWorkspace } from '../bench/workspace.ts';
import { expect, openFresh, openWithSaved, replaceInEditor, test } from './fixtures.ts';

const PODS = 20_000;

const status = (page: Page) => page.getByTestId('run-status');
const header = (page: Page) => page.getByRole('banner');

for (const viewport of [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
]) {
  test(`20,000 pods at ${viewport.width}×${viewport.height}: progress, then Cancel stops the run and keeps the text`, async ({
    page,
  }, info) => {
    test.setTimeout(600_000);
    await page.setViewportSize(viewport);
    await openWithSaved(page, { workspace: benchWorkspace(PODS, { until: '3m' }) });
    // Twice: a second run started from the same page must be cancellable too.
    for (let attempt = 1; attempt <= 2; attempt++) {
      await expect(status(page)).toHaveText(
        /^Simulating… (reading the workspace|simulating \d+%)$/,
        { timeout: 240_000 },
      );
      const cancel = header(page).getByRole('button', { name: 'Cancel' });
      await expect(cancel).toBeVisible();
      await expect(cancel).toBeInViewport();
      await page.screenshot({ path: info.outputPath(`progress-${attempt}.png`) });
      // By keyboard, as someone who does not use a mouse would.
      await cancel.focus();
      await page.keyboard.press('Enter');
      await expect(status(page)).toHaveText('Cancelled: edit or press Run', { timeout: 30_000 });
      await expect(header(page).getByRole('button', { name: 'Run' })).toBeVisible();
      // Nothing the learner wrote is lost.
      await expect(page.locator('.monaco-editor .view-lines').first()).toContainText(
        'scheduling-benchmark-20000',
      );
      await page.screenshot({ path: info.outputPath(`cancelled-${attempt}.png`) });
      if (attempt === 1) await header(page).getByRole('button', { name: 'Run' }).click();
    }
  });
}

test('20,000 pods run to the end and the cluster summary counts them all', async ({
  page,
}, info) => {
  test.setTimeout(900_000);
  // 15 simulated seconds: one solve for all 20,000 pods and their NodeClaims launching.
  await openWithSaved(page, { workspace: benchWorkspace(PODS, { until: '15s' }) });
  await expect(status(page)).toHaveText(/^Simulating… /, { timeout: 240_000 });
  await expect(status(page)).toHaveText('Simulation up to date', { timeout: 840_000 });
  await expect(page.getByTestId('summary')).toContainText(
    '0 of 20,000 pods Running, 20,000 Pending',
  );
  await expect(page.locator('.cluster-svg')).toHaveAttribute(
    'aria-label',
    /^Cluster at 15 s: 4000 nodes, 0 pods running, 20000 pending pods \(20000 nominated to launching nodes\)/,
  );
  await expect(page.locator('.queue-label')).toHaveText(
    'Pending pods: 20000 · 20000 nominated to launching nodes',
  );
  await page.screenshot({ path: info.outputPath('finished.png') });
});

test('after Cancel, the result shown before can still be read, and a moment it cannot show is said', async ({
  page,
}, info) => {
  test.setTimeout(300_000);
  await openFresh(page);
  await expect(page.locator('.cluster-svg')).toHaveAttribute('aria-label', /5 pods running/);
  // A big edit: 5 → 20,000 replicas, cancelled while it runs.
  await replaceInEditor(page, 'replicas: 5', 'replicas: 20000');
  await expect(status(page)).toHaveText(/^Simulating…/, { timeout: 60_000 });
  await header(page).getByRole('button', { name: 'Cancel' }).click();
  await expect(status(page)).toHaveText('Cancelled: edit or press Run', { timeout: 30_000 });
  // The previous result stays: its last moment, 5 pods running.
  await expect(page.locator('.cluster-svg')).toHaveAttribute('aria-label', /5 pods running/);
  // Scrubbed back to 0:00, a moment the page never fetched: the worker that held it is gone.
  await page.getByRole('slider', { name: 'Time' }).press('Home');
  await expect(page.getByTestId('timeline-clock')).toHaveText(/^0:00 \//);
  await expect(page.getByTestId('frames-lost')).toContainText('The cancelled run took this result');
  await page.screenshot({ path: info.outputPath('frames-lost.png') });
  // The next result brings every moment back (the edit undone: a run of 5 replicas).
  await replaceInEditor(page, 'replicas: 20000', 'replicas: 5');
  await expect(status(page)).toHaveText('Simulation up to date', { timeout: 120_000 });
  await expect(page.getByTestId('frames-lost')).toHaveCount(0);
});
