// Step loading as a learner meets it (issue #14): a first visit points to the Labs; loading a step
// over one's own edits can be undone, visibly; a loaded step starts with the playhead at 0.
import {
  expect,
  loadLabStep,
  openFresh,
  test,
  typeIntoEditor,
  waitForSimulation,
} from './fixtures.ts';

test('a first visit points to the Labs, once', async ({ page }) => {
  await openFresh(page);
  const hint = page.getByRole('note', { name: 'Getting started' });
  await expect(hint).toContainText('guided, self-checking labs');
  await hint.getByRole('button', { name: 'Open the Labs' }).click();
  await expect(page.getByRole('tab', { name: 'Labs' })).toHaveAttribute('aria-selected', 'true');
  await page.reload();
  await waitForSimulation(page);
  await page.getByRole('tab', { name: 'Explain' }).click();
  await expect(page.getByText('Cost now')).toBeVisible();
  await expect(page.getByRole('note', { name: 'Getting started' })).toHaveCount(0);
});

test('loading a step over my edits offers an Undo that brings them back, and starts at 0s', async ({
  page,
}) => {
  await openFresh(page);
  const mine =
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: my-own-pod\nspec:\n  containers: [{name: c, image: nginx}]\n';
  await typeIntoEditor(page, mine);
  await waitForSimulation(page);
  await loadLabStep(page, /just-in-time scaling/);
  const editor = page.locator('.monaco-editor .view-lines').first();
  await expect(editor).toContainText('seed-lab');
  await expect(page.getByTestId('timeline-clock')).toHaveText(/^0:00 \//);
  const undo = page.getByRole('status').filter({ hasText: 'replaced your workspace' });
  await expect(undo).toContainText('Step 1 replaced your workspace.');
  await undo.getByRole('button', { name: 'Undo' }).click();
  await expect(editor).toContainText('my-own-pod');
  await expect(undo).toHaveCount(0);
});

test('a step loaded from a link in a fresh profile starts at 0s, even before the first run ends', async ({
  page,
}) => {
  // "Load step" clicked while the page's first simulation is still running: the step's result is
  // the first to land, and it used to jump to its end.
  await page.goto('./#lab=karpenter-jit-scaling&step=3');
  await page.getByRole('button', { name: 'Load step' }).click();
  await waitForSimulation(page);
  await expect(page.locator('.monaco-editor .view-lines').first()).toContainText(
    'Step 3: deploy inflate',
  );
  await expect(page.getByTestId('timeline-clock')).toHaveText(/^0:00 \//);
  await expect(page.locator('#timeline-range')).toHaveValue('0');
});

// A link to a step the lab does not have opened step 1 without a word (`#lab=nope` says "No lab
// named …"; a wrong step now says so too).
for (const size of [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
])
  test(`a link to a step the lab does not have says so, and shows step 1 (${size.width}×${size.height})`, async ({
    page,
  }, info) => {
    await page.setViewportSize(size);
    await page.goto('./#lab=karpenter-jit-scaling&step=42');
    const said = page.getByRole('status').filter({ hasText: 'This lab has no step' });
    await expect(said).toHaveText('This lab has no step “42” (it has 8): showing step 1.');
    await expect(page.getByRole('heading', { name: /^Step 1:/ })).toBeVisible();
    await said.scrollIntoViewIfNeeded();
    await page.screenshot({ path: info.outputPath('missing-step.png') });
    // Choosing a step is an answer: the notice goes.
    await page.getByRole('list', { name: 'Steps' }).getByRole('button', { name: '2' }).click();
    await expect(said).toHaveCount(0);
  });

// At 390×844 a lab link opened with the lab ~1,240 px below the top, and nothing said so: where
// the panes stack, the link brings the lab into view; beside them, the page does not move.
for (const size of [
  { width: 390, height: 844 },
  { width: 768, height: 1024 },
  { width: 1440, height: 900 },
])
  test(`a lab link shows the lab without scrolling for it (${size.width}×${size.height})`, async ({
    page,
  }, info) => {
    await page.setViewportSize(size);
    await page.goto('./#lab=karpenter-jit-scaling&step=1');
    await waitForSimulation(page);
    const title = page.getByRole('heading', { name: 'Karpenter: just-in-time scaling' });
    await expect(title).toBeInViewport();
    await expect(page.getByRole('button', { name: "Load this step's workspace" })).toBeInViewport();
    if (size.width >= 960) expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await page.screenshot({ path: info.outputPath('lab-link.png') });
  });
