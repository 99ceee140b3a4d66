import type { Page } from '@playwright/test';
import { expect, openFresh, test, waitForSimulation } from './fixtures.ts';

test.beforeEach(async ({ page }) => {
  await openFresh(page);
});

async function command(page: Page, line: string) {
  const input = page.getByLabel('kubectl command');
  await input.fill(line);
  await input.press('Enter');
}

test('kubectl get nodes answers at the cursor with Karpenter labels', async ({ page }) => {
  await command(
    page,
    'kubectl get nodes -L karpenter.sh/capacity-type,node.kubernetes.io/instance-type',
  );
  const out = page.getByTestId('console-output');
  await expect(out).toContainText('CAPACITY-TYPE');
  await expect(out).toContainText(/ip-[\d-]+\.ec2\.internal\s+Ready/);
});

test('kubectl scale becomes a timed action in the workspace and the cluster scales', async ({
  page,
}, info) => {
  await command(page, 'kubectl scale deployment inflate --replicas=12');
  const out = page.getByTestId('console-output');
  await expect(out).toContainText('deployment.apps/inflate scaled');
  // The playhead stands at the run's end, 1:20: the console tells the `at` it wrote, a Go duration.
  await expect(out).toContainText("Added to the Scenario's actions at 1m20s;");
  await expect(page.locator('.documents')).toContainText('Scenario');
  await waitForSimulation(page);
  await page.getByRole('slider', { name: 'Time' }).press('End');
  await expect(page.locator('.cluster-svg')).toHaveAttribute('aria-label', /12 pods running/);
  await page.screenshot({ path: info.outputPath('console.png') });
});

test('unknown commands list what is supported, and Tab completes', async ({ page }) => {
  await command(page, 'kubectl frobnicate');
  await expect(page.getByTestId('console-output')).toContainText(/get/);
  const input = page.getByLabel('kubectl command');
  await input.fill('kubectl get nodep');
  await input.press('Tab');
  await expect(input).toHaveValue(/kubectl get nodepools? ?/);
});
