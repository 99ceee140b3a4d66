// The lab "StatefulSets, volumes and zones" as a learner plays it (issue #19): the Immediate
// deadlock seen from the console, fixed by WaitForFirstConsumer; a pod pinned by its volume to a
// zone the NodePool cannot reach, seen in the cluster view and the details panel, fixed in the pool.
import type { Page } from '@playwright/test';
import { expect, loadLabStep, openFresh, test, waitForSimulation } from './fixtures.ts';

const LAB = /StatefulSets, volumes and zones/;

async function command(page: Page, line: string): Promise<void> {
  const input = page.getByLabel('kubectl command');
  await input.fill(line);
  await input.press('Enter');
}

async function checkStep(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Check', exact: true }).click();
}

async function applySolution(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Show solution' }).click();
  await page.getByRole('button', { name: 'Apply solution to the workspace' }).click();
  await waitForSimulation(page);
}

test('step 1: Immediate claims never bind in an empty cluster; WaitForFirstConsumer does', async ({
  page,
}, info) => {
  test.setTimeout(120_000);
  await openFresh(page);
  await loadLabStep(page, LAB);
  await checkStep(page);
  const results = page.getByTestId('lab-results');
  await expect(results).toContainText('no available topology found');
  await page.getByRole('slider', { name: 'Time' }).press('End');
  await command(page, 'kubectl get pvc');
  const out = page.getByTestId('console-output');
  await expect(out).toContainText(/data-web-0\s+Pending\s+gp3\s+<unset>/);
  await command(page, 'kubectl describe pod web-0');
  await expect(out).toContainText('pod has unbound immediate PersistentVolumeClaims');
  await expect(out).toContainText('pvc with immediate volume binding mode must be bound');

  await applySolution(page);
  await checkStep(page);
  await expect(page.getByText('Step complete.')).toBeVisible({ timeout: 30_000 });
  await page.getByRole('slider', { name: 'Time' }).press('End');
  await command(page, 'kubectl get pvc');
  await expect(out).toContainText(/data-web-2\s+Bound\s+pvc-\S+\s+10Gi\s+RWO\s+gp3/);
  await command(page, 'kubectl get pv');
  await expect(out).toContainText(/Bound\s+default\/data-web-0\s+gp3/);
  await page.screenshot({ path: info.outputPath('volumes-lab-step1.png') });
});

test('step 2: web-2 waits for us-east-1c, where its volume is; the pool change lets it run', async ({
  page,
}, info) => {
  test.setTimeout(120_000);
  await openFresh(page);
  await page.getByRole('tab', { name: 'Labs' }).click();
  await page.getByRole('button', { name: LAB }).first().click();
  await page.getByRole('list', { name: 'Steps' }).getByRole('button').nth(1).click();
  await page.getByRole('button', { name: 'Load step' }).click();
  await waitForSimulation(page);
  await page.getByRole('slider', { name: 'Time' }).press('End');
  await expect(page.locator('.queue-label')).toHaveText(
    'Pending pods: 1 · 1 pinned to us-east-1c by its volume',
  );
  // The pod's story, by keyboard from the summary's list of pods not running.
  await page.getByRole('tab', { name: 'Explain' }).click();
  const details = page.getByTestId('details');
  await details.getByRole('button', { name: 'default/web-2' }).click();
  await expect(details.getByTestId('pod-volumes')).toContainText('us-east-1c');
  await expect(details.getByTestId('volume-why')).toContainText('lives in us-east-1c');
  await expect(details).toContainText(
    'incompatible volume requirements, key topology.kubernetes.io/zone',
  );
  await page.screenshot({ path: info.outputPath('volumes-lab-step2-pending.png') });

  await page.getByRole('tab', { name: 'Labs' }).click();
  await applySolution(page);
  await checkStep(page);
  await expect(page.getByText('Step complete.')).toBeVisible({ timeout: 30_000 });
  await page.getByRole('slider', { name: 'Time' }).press('End');
  await expect(page.locator('.queue-label')).toHaveText('Pending pods: 0');
  await expect(page.locator('.cluster-svg')).toContainText('default · us-east-1c');
});
