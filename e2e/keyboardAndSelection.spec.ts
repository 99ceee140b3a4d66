// What a first-time user review (session 17) found, asserted as that user meets it: the console
// and the editor never trap the keyboard, the card the Details panel describes is marked, a tap
// on a phone brings the details into view, and a lab step asks for its workspace before its
// instructions.
import { DEFAULT_WORKSPACE } from '../src/ui/defaultWorkspace.ts';
import {
  DETAIL_SIZES,
  expect,
  openFresh,
  openWithSaved,
  scrubTo,
  test,
  waitForSimulation,
} from './fixtures.ts';

test('Tab leaves the console from an empty line, and Shift+Tab always', async ({ page }) => {
  await openFresh(page);
  const input = page.getByLabel('kubectl command');
  await input.focus();
  await page.keyboard.press('Tab');
  await expect(input).not.toBeFocused();
  await input.focus();
  await page.keyboard.press('Shift+Tab');
  await expect(input).not.toBeFocused();
  // With something typed, Tab still completes (and keeps the focus).
  await input.fill('kubectl get nodep');
  await input.press('Tab');
  await expect(input).toBeFocused();
  await expect(input).toHaveValue(/kubectl get nodepools? ?/);
});

test('the editor says how to Tab out of it while it has focus, and Ctrl+M does it', async ({
  page,
}) => {
  await openFresh(page);
  const keys = page.getByTestId('editor-keys');
  await expect(keys).toBeHidden();
  const editor = page.locator('.monaco-editor').first();
  await editor.click({ position: { x: 100, y: 10 } });
  await expect(page.locator('.monaco-editor.focused').first()).toBeVisible();
  await expect(keys).toBeVisible();
  await expect(keys).toContainText('makes Tab move to the next control');
  // The first lines only: Monaco renders the lines in view, and the editor grows back when the
  // hint hides, so the whole rendered text differs by the lines added at the bottom.
  const head = async () =>
    ((await page.locator('.monaco-editor .view-lines').first().textContent()) ?? '').slice(0, 300);
  const before = await head();
  await page.keyboard.press('Control+m');
  await page.keyboard.press('Tab');
  await expect(page.locator('.monaco-editor.focused')).toHaveCount(0);
  // The text is untouched: Tab moved the focus instead of indenting.
  await expect.poll(head).toBe(before);
});

for (const size of DETAIL_SIZES) {
  test(`the selected node's card is marked, and its details are in view (${size.width}×${size.height})`, async ({
    page,
  }) => {
    await page.setViewportSize(size);
    await openFresh(page);
    await page.getByRole('slider', { name: 'Time' }).press('End');
    const card = page.locator('.cluster-svg g.node').first();
    await expect(card).toHaveAttribute('aria-pressed', 'false');
    await card.click();
    await expect(card).toHaveAttribute('aria-pressed', 'true');
    await expect(card).toHaveClass(/selected/);
    const details = page.getByTestId('details');
    await expect(details.getByRole('heading', { name: 'Consolidation' })).toBeAttached();
    // The top of the panel is on screen (on a phone the tap scrolled the page down to it).
    const back = page.getByRole('button', { name: 'Back to summary' });
    await expect(back).toBeInViewport();
    // Back to the summary: no card is marked.
    await back.click();
    await expect(card).toHaveAttribute('aria-pressed', 'false');
  });
}

test('a lab step asks for its own workspace above its instructions, and says when checks read mine', async ({
  page,
}) => {
  await openFresh(page);
  await page.getByRole('tab', { name: 'Labs' }).click();
  await page
    .getByRole('button', { name: /just-in-time scaling/ })
    .first()
    .click();
  const ask = page.getByTestId('lab-load-first');
  await expect(ask).toBeInViewport();
  await page.getByRole('button', { name: 'Check' }).click();
  await expect(page.getByTestId('lab-checked-own')).toBeVisible({ timeout: 30_000 });
  await ask.getByRole('button', { name: "Load this step's workspace" }).click();
  await waitForSimulation(page);
  await expect(page.locator('.monaco-editor .view-lines').first()).toContainText('seed-lab');
  await expect(ask).toHaveCount(0);
  await expect(page.getByTestId('lab-checked-own')).toHaveCount(0);
});

test('paused between two events, every view reads the cursor: the spend so far agrees and grows', async ({
  page,
}) => {
  await openFresh(page);
  const soFar = async (testId: string) => {
    const text = (await page.getByTestId(testId).textContent()) ?? '';
    return /\$([\d.]+) so far/.exec(text)?.[1];
  };
  const spentInDetails = async () => {
    const text = (await page.getByTestId('details').textContent()) ?? '';
    return /Spent so far\$([\d.]+)/.exec(text)?.[1];
  };
  const figures: string[] = [];
  for (const [atMs, said] of [
    [40_000, 'At 40s'],
    [70_000, 'At 1m10s'],
  ] as const) {
    await scrubTo(page, atMs);
    await expect(page.getByTestId('summary')).toContainText(said);
    const header = await soFar('cost-now');
    expect(header).toBeDefined();
    await expect.poll(() => soFar('cost-figures')).toBe(header);
    await expect.poll(spentInDetails).toBe(header);
    figures.push(header ?? '');
  }
  expect(Number(figures[1])).toBeGreaterThan(Number(figures[0]));
});

test('an indentation mistake says what was expected, and the header says something is left out', async ({
  page,
}) => {
  await openFresh(page);
  await expect(page.getByTestId('run-problems')).toHaveCount(0);
  // The reviewer's edit: a line indented one space, under the NodePool's disruption block.
  await openWithSaved(page, {
    workspace: DEFAULT_WORKSPACE.replace(
      'consolidateAfter: 30s',
      'consolidateAfter: 30s\n bad: indent',
    ),
  });
  await waitForSimulation(page);
  await expect(page.getByTestId('run-problems')).toContainText('1 error in the workspace');
  await expect(page.getByTestId('problems')).toContainText(
    'expected this key in the same column as the keys above it',
  );
});

test('on a fresh visit the first Tab starts at the top of the page, not inside the side pane', async ({
  page,
}) => {
  // The Details panel moves the focus to what it shows when a choice there took the focused
  // control away; as the page loaded it took the focus too, and the first Tab went deep into
  // the side pane (96 Tabs to the time slider).
  await openFresh(page);
  await page.keyboard.press('Tab');
  const focused = page.locator(':focus');
  await expect(focused).toHaveCount(1);
  expect(await focused.evaluate((el) => el.closest('section.panel.details') === null)).toBe(true);
  expect(await focused.evaluate((el) => el.closest('header') !== null)).toBe(true);
});
