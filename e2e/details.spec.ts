import {
  DETAIL_SIZES,
  expect,
  openFresh,
  scrubTo,
  test,
  typeIntoEditor,
  waitForSimulation,
} from './fixtures.ts';

test.beforeEach(async ({ page }) => {
  await openFresh(page);
});

test('the side panel summarises the run, and a node tells why it got its instance type', async ({
  page,
}, info) => {
  await expect(page.getByTestId('summary')).toContainText(/running/i);
  await page.locator('.cluster-svg g.node').first().click();
  const details = page.getByTestId('details');
  await expect(details.getByRole('heading', { name: 'Why this instance type' })).toBeVisible();
  await expect(details).toContainText('instance types in the catalog');
  await expect(details).toContainText('Chosen:');
  await page.screenshot({ path: info.outputPath('node-details.png') });
});

test('a pod no instance type can hold says why it is Pending, per NodePool', async ({
  page,
}, info) => {
  await typeIntoEditor(
    page,
    [
      'apiVersion: karpenter.sh/v1',
      'kind: NodePool',
      'metadata:',
      '  name: default',
      'spec:',
      '  template:',
      '    spec:',
      '      requirements: []',
      '      nodeClassRef:',
      '        group: karpenter.k8s.aws',
      '        kind: EC2NodeClass',
      '        name: default',
      '---',
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: huge',
      'spec:',
      '  containers:',
      '    - name: c',
      '      image: pause',
      '      resources:',
      '        requests:',
      "          cpu: '2000'",
      '',
    ].join('\n'),
  );
  await waitForSimulation(page);
  await expect(page.locator('.cluster-svg')).toHaveAttribute('aria-label', /1 pending pod/);
  // Pods are drawn on a canvas: click where the first pending pod sits (the queue's first slot).
  const box = await page.locator('.cluster-wrap').boundingBox();
  if (!box) throw new Error('no cluster view');
  await page.mouse.click(box.x + 12, box.y + 26);
  const details = page.getByTestId('details');
  await expect(details).toContainText('pod/default/huge');
  // The same story is reachable by keyboard from the summary's list of pods not running.
  await page.getByRole('button', { name: 'Back to summary' }).click();
  await page
    .getByTestId('pending-pods')
    .getByRole('button', { name: 'default/huge' })
    .press('Enter');
  await expect(details.getByRole('heading', { name: /Why it is Pending/ })).toBeVisible();
  // The button that had the focus went with the summary: the focus is on what replaced it.
  await expect(details).toBeFocused();
  await expect(details.getByRole('cell', { name: 'default', exact: true })).toBeVisible();
  await page.screenshot({ path: info.outputPath('pod-pending.png') });
});

test('clicking an event explains it', async ({ page }) => {
  const first = page.getByTestId('events').getByRole('button').first();
  const reason = (await first.locator('b').innerText()).trim();
  await first.click();
  await expect(
    page.getByTestId('details').getByRole('heading', { name: new RegExp(reason) }),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Back to summary' })).toBeVisible();
});

test('the cost panel charts cumulative cost against an all on-demand baseline', async ({
  page,
}, info) => {
  await expect(page.getByTestId('cost-figures')).toContainText(/\$[\d.]+\/h now/);
  await expect(page.getByTestId('cost-figures')).toContainText(/% less than all on-demand/);
  await expect(page.locator('.cost-chart')).toHaveAttribute('aria-label', /all on-demand would be/);
  await expect(page.locator('.legend')).toContainText('default · spot');
  // D3 drew it (d3 sub-modules through src/ui/d3.ts): a stacked area, the baseline and the axes.
  const chart = page.locator('.cost-chart');
  await expect(chart.locator('path[fill]').first()).toHaveAttribute('d', /^M[\d.]+,[\d.]+/);
  await expect(chart.locator('path.baseline')).toHaveAttribute('d', /^M[\d.]+,[\d.]+L/);
  await expect(chart.locator('.tick text').first()).toHaveText('0s');
  await expect(chart.locator('.tick text', { hasText: /^\$/ }).first()).toBeVisible();
  await chart.screenshot({ path: info.outputPath('cost-chart.png') });
});

// At 0s the default workspace's pods wait for Karpenter's batch to close: Karpenter has said
// nothing yet. The row showed "Karpenter says" with nothing under it (on a phone, where the row
// is stacked, a label and a blank), as if a message had failed to show.
for (const size of DETAIL_SIZES)
  test(`a pod waiting for the batch shows a dash where Karpenter has said nothing yet (${size.width}×${size.height})`, async ({
    page,
  }) => {
    await page.setViewportSize(size);
    await waitForSimulation(page);
    await scrubTo(page, 0);
    await page.getByTestId('pending-pods').getByRole('button').first().click();
    const details = page.getByTestId('details');
    await expect(details).toContainText('waiting for Karpenter’s provisioning batch to close');
    const row = details.getByRole('row').nth(1);
    await expect(row.getByRole('cell')).toHaveText(['—', /^Karpenter has not decided yet/, '—']);
  });
