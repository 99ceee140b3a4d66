// A lab step's state as a learner leaves it and comes back: the Labs tab is one of four, and step 3
// of the seed lab asks to "select the node to see why" — whose details are in the Explain tab.
// Going there and back used to unmount the lab: the check results and the step's Undo were gone,
// and the step offered "Load this step's workspace" again, over the learner's own scaling.
import type { Page } from '@playwright/test';
import {
  expect,
  focusEditor,
  NODE_CLASS_YAML,
  openSeedStep3,
  test,
  waitForSimulation,
} from './fixtures.ts';

const SIZES = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;

/** Opens step 3 of the seed lab from its link, loads it, scales inflate to 5 and checks it. */
async function doStep3(page: Page): Promise<void> {
  await openSeedStep3(page, { scale: true });
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(page.getByText('Step complete.')).toBeVisible({ timeout: 30_000 });
}

async function expectStep3AsLeft(page: Page): Promise<void> {
  const results = page.getByTestId('lab-results');
  await expect(results.locator('li.pass')).toHaveCount(5);
  await expect(page.getByText('Step complete.')).toBeVisible();
  await expect(
    page.getByRole('status').filter({ hasText: 'Step 3 replaced your workspace.' }),
  ).toBeVisible();
  await expect(page.getByTestId('lab-load-first')).toHaveCount(0);
}

for (const size of SIZES)
  test(`a step's check results, Undo and loaded workspace survive a visit to another tab (${size.width}×${size.height})`, async ({
    page,
  }, info) => {
    await page.setViewportSize(size);
    await doStep3(page);
    for (const other of ['Explain', 'Compare', 'Plan']) {
      await page.getByRole('tab', { name: other }).click();
      await expect(page.getByRole('tab', { name: other })).toHaveAttribute('aria-selected', 'true');
      await expect(page.getByTestId('lab-results')).toBeHidden();
      await page.getByRole('tab', { name: 'Labs' }).click();
      await expectStep3AsLeft(page);
    }
    await page.screenshot({ path: info.outputPath('lab-after-tabs.png') });
    // The learner's scaling is still the workspace: nothing was loaded over it.
    // (Read from the autosave: the phone's short editor does not draw the Deployment's lines.)
    const saved = await page.evaluate(() => localStorage.getItem('karpenter-lab/workspace'));
    expect(saved).toContain('replicas: 5');
  });

// The known open item of session 22: a reload mid-step offered "Load this step's workspace" again
// and said the checks "ran on your own workspace, not this step's" — about the step's own.
for (const size of SIZES)
  test(`after a reload mid-step, the step knows its workspace was loaded (${size.width}×${size.height})`, async ({
    page,
  }) => {
    await page.setViewportSize(size);
    await doStep3(page);
    await page.reload();
    await waitForSimulation(page);
    await expect(page.getByRole('heading', { name: /^Step 3: Scale up/ })).toBeVisible();
    await expect(page.getByTestId('lab-load-first')).toHaveCount(0);
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await expect(page.getByText('Step complete.')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('lab-checked-own')).toHaveCount(0);
    // Undo of a step load gives back a workspace that is not the step's: it asks again.
    await page.getByRole('list', { name: 'Steps' }).getByRole('button', { name: '4' }).click();
    await page.getByRole('button', { name: "Load this step's workspace" }).click();
    await waitForSimulation(page);
    await page
      .getByRole('status')
      .filter({ hasText: 'Step 4 replaced your workspace.' })
      .getByRole('button', { name: 'Undo' })
      .click();
    await expect(page.getByTestId('lab-load-first')).toBeVisible();
    // Back on step 3, whose workspace that is again: no question.
    await page.getByRole('list', { name: 'Steps' }).getByRole('button', { name: '✓ 3' }).click();
    await expect(page.getByTestId('lab-load-first')).toHaveCount(0);
  });

// Step 3 says "Select the node to see why Karpenter chose that instance type". From the Labs tab
// the click only outlined the card: the details are in Explain, and nothing pointed there.
for (const size of SIZES)
  test(`a node clicked while the lab is open shows its details, and the lab is as left (${size.width}×${size.height})`, async ({
    page,
  }, info) => {
    await page.setViewportSize(size);
    await doStep3(page);
    await page.locator('#timeline-range').fill('120000');
    await page.locator('.cluster-svg g.node').first().click();
    await expect(page.getByRole('tab', { name: 'Explain' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    const details = page.getByRole('region', { name: 'Details' });
    await expect(details.getByRole('heading', { name: /^node\/ip-/ })).toBeInViewport();
    await expect(details).toContainText('Why this instance type', { ignoreCase: true });
    await page.screenshot({ path: info.outputPath('node-from-lab.png') });
    await page.getByRole('tab', { name: 'Labs' }).click();
    await expectStep3AsLeft(page);
  });

for (const size of SIZES)
  test(`a workspace replaced from the Share dialog is no longer the step's (${size.width}×${size.height})`, async ({
    page,
  }) => {
    await page.setViewportSize(size);
    await openSeedStep3(page);
    await expect(page.getByTestId('lab-load-first')).toHaveCount(0);
    await page.getByTestId('share-button').click();
    const anonymise = page.getByRole('button', { name: 'Anonymise the workspace' });
    await anonymise.scrollIntoViewIfNeeded();
    await anonymise.click();
    await expect(page.getByTestId('share-anonymise-notes')).toContainText('Anonymised');
    await page.keyboard.press('Escape');
    // The step offers its own workspace again, rather than checking someone else's as its own.
    const offer = page.getByTestId('lab-load-first');
    await offer.scrollIntoViewIfNeeded();
    await expect(offer).toBeVisible();
    await page.reload();
    await expect(page.getByTestId('lab-load-first')).toHaveCount(1);
  });

// "Step 3 replaced your workspace. Undo" was kept in the page only: a reload (or a closed tab) lost
// it, and with it the only copy of the workspace the learner had before loading the step.
const OWN = `# my own workspace: keep me\n${NODE_CLASS_YAML}`;

for (const size of SIZES)
  test(`a step's Undo survives a reload and gives back the learner's own workspace (${size.width}×${size.height})`, async ({
    page,
  }) => {
    await page.setViewportSize(size);
    await page.goto('./#lab=karpenter-jit-scaling&step=3');
    await page.evaluate((text) => {
      localStorage.clear();
      localStorage.setItem(
        'karpenter-lab/workspace',
        JSON.stringify({ version: 1, savedAt: '', value: text }),
      );
    }, OWN);
    await page.reload();
    await waitForSimulation(page);
    const lines = page.locator('.monaco-editor .view-lines').first();
    await expect(lines).toContainText('my own workspace: keep me');
    await page.getByRole('button', { name: "Load this step's workspace" }).click();
    await waitForSimulation(page);
    await expect(lines).not.toContainText('my own workspace');
    const notice = page.getByRole('status').filter({ hasText: 'Step 3 replaced your workspace.' });
    await expect(notice).toBeVisible();

    await page.reload();
    await waitForSimulation(page);
    await expect(page.getByRole('heading', { name: /^Step 3: Scale up/ })).toBeVisible();
    await expect(notice).toBeVisible();
    // The editor is up (it loads after the first run), showing the step's workspace.
    await expect(lines).toContainText('# Step 3: deploy inflate');
    await notice.getByRole('button', { name: 'Undo' }).click();
    await expect(lines).toContainText('my own workspace: keep me');
    await waitForSimulation(page);
    await expect(notice).toHaveCount(0);
    await expect(page.getByTestId('lab-load-first')).toBeVisible();
    // The step's workspace is one Ctrl+Z away in the editor (the Undo is an edit like any other).
    await focusEditor(page);
    await page.keyboard.press('ControlOrMeta+Z');
    await expect(lines).not.toContainText('my own workspace');
    await page.keyboard.press('ControlOrMeta+Shift+Z');
    await expect(lines).toContainText('my own workspace: keep me');

    // Undone: a reload has nothing left to offer undoing.
    await page.reload();
    await waitForSimulation(page);
    await expect(lines).toContainText('my own workspace: keep me');
    await expect(page.getByTestId('lab-load-first')).toBeVisible();
    await expect(notice).toHaveCount(0);
  });
