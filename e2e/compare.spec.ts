import { expect, openFresh, test, waitForSimulation } from './fixtures.ts';

test('Compare: the default workload under Karpenter and Cluster Autoscaler, re-run after a change', async ({
  page,
}, info) => {
  await openFresh(page);
  await page.getByRole('tab', { name: 'Compare' }).click();
  const table = page.getByTestId('compare-table');
  await expect(table).toBeVisible({ timeout: 30_000 });
  // Five 1-vCPU pods: one m5.large each under CA's default node group, one node under Karpenter.
  await expect(table.locator('tr', { hasText: 'Instances' })).toContainText(
    '5 × m5.large on-demand',
  );
  await expect(table.locator('tr[data-row="peakNodes"] td').nth(1)).toHaveText('5');
  await expect(table.locator('tr[data-row="timeToAllRunning"] td.better')).toHaveCount(1);
  await expect(page.getByRole('img', { name: /Nodes over time/ })).toBeVisible();
  // The table says the span it measures (a common end, past the 1m20s run the timeline shows),
  // so its costs are not read as the timeline's "so far".
  const span = table.locator('thead th').first();
  await expect(span).toHaveText(/^Over 0–\d+m(\d+s)?$/);
  expect(await span.textContent()).not.toBe('Over 0–1m20s');
  // Under the chart, both clusters at the playhead (the end of the run after a fresh load).
  await expect(page.getByTestId('compare-now')).toHaveText(
    /^At 1m\d+s: Karpenter 1 node, 0 pods waiting · Cluster Autoscaler \d nodes?, \d pods? waiting$/,
  );
  // README_SCREENSHOT=1 also writes the README's picture of this tab.
  await page.screenshot({
    path: process.env.README_SCREENSHOT ? 'docs/compare.png' : info.outputPath('compare.png'),
  });

  // A bigger node group from the console's edit of the Scenario is picked up after the edit.
  const input = page.getByLabel('kubectl command');
  await input.fill('kubectl scale deployment inflate --replicas=8');
  await input.press('Enter');
  await waitForSimulation(page);
  await expect(table.locator('tr', { hasText: 'Instances' })).toContainText(
    '8 × m5.large on-demand',
    {
      timeout: 30_000,
    },
  );

  // The node group form writes spec.clusterAutoscaler into the Scenario. An m5.2xlarge has 7,910m
  // allocatable: seven of the eight 1-vCPU pods, so two nodes.
  const form = page.getByRole('form', { name: 'Cluster Autoscaler node group' });
  await form.getByLabel('Instance type').fill('m5.2xlarge');
  await form.getByRole('button', { name: 'Apply to the Scenario' }).click();
  await expect(table.locator('tr', { hasText: 'Instances' })).toContainText(
    '2 × m5.2xlarge on-demand',
    { timeout: 30_000 },
  );
  await page.getByRole('button', { name: /^Scenario / }).click(); // jump to it in the editor
  await expect(page.locator('.monaco-editor')).toContainText('clusterAutoscaler');
  // A type that is not in the catalog: the comparison says so.
  await form.getByLabel('Instance type').fill('m5.huge');
  await form.getByRole('button', { name: 'Apply to the Scenario' }).click();
  await expect(page.locator('.compare-panel .warn')).toContainText(
    'instance type "m5.huge" is not in the catalog',
    { timeout: 30_000 },
  );

  // Keyboard: the tabs are reachable with the arrow keys.
  await page.getByRole('tab', { name: 'Compare' }).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('tab', { name: 'Labs' })).toHaveAttribute('aria-selected', 'true');
});
