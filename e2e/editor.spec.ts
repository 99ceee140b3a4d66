import {
  expect,
  focusEditor,
  openFresh,
  openWithSaved,
  pasteIntoEditor,
  test,
  typeIntoEditor,
  waitForSimulation,
} from './fixtures.ts';
import { DEFAULT_WORKSPACE } from '../src/ui/defaultWorkspace.ts';

test.beforeEach(async ({ page }) => {
  await openFresh(page);
});

test('the schema completes kinds', async ({ page }) => {
  await typeIntoEditor(page, 'apiVersion: karpenter.sh/v1\nkind: ');
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.press('Control+Space');
  const suggest = page.locator('.monaco-editor .suggest-widget');
  await expect(suggest).toBeVisible();
  await expect(suggest).toContainText('NodePool');
});

// A keystroke reaches the store in a task after Monaco's (setTextSoon). A save landing in between
// used to carry the store's older text back into the editor, and the echo replaced the keystroke:
// the paste below was lost 5 times in 6 (and "the schema completes kinds" above failed now and
// then with an empty editor). Each paste is followed, in the same task, by a busy main thread
// long enough for the pending save's timer to fall due before the keystroke's task runs.
test('an edit survives a save that lands before the store has it', async ({ page }) => {
  await focusEditor(page);
  for (const word of ['first', 'second', 'third']) {
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete'); // schedules a save of the empty text
    // The page stays busy 600 ms after the paste: the save's timer falls due meanwhile.
    await pasteIntoEditor(page, `# ${word}\n`, 600);
    await expect(page.locator('.monaco-editor .view-lines').first()).toContainText(`# ${word}`);
    await expect(page.getByText('Saved locally')).toBeVisible();
    await expect(page.locator('.monaco-editor .view-lines').first()).toContainText(`# ${word}`);
  }
});

test('hovering a field shows its documentation', async ({ page }) => {
  await typeIntoEditor(
    page,
    'apiVersion: karpenter.sh/v1\nkind: NodePool\nmetadata:\n  name: default\nspec:\n  weight: 10\n',
  );
  await page
    .locator('.monaco-editor .view-line', { hasText: 'weight' })
    .locator('span', { hasText: 'weight' })
    .first()
    .hover();
  const hover = page.locator('.monaco-editor .monaco-hover:not(.hidden)').filter({ hasText: /\w/ });
  await expect(hover.first()).toBeVisible();
  await expect(hover.first()).toContainText(/priority|weight/i);
});

test('API-server-grade errors show in the editor and in Problems with their location', async ({
  page,
}) => {
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
      '      requirements:',
      '        - key: karpenter.sh/capacity-type',
      '          operator: Contains',
      '          values: ["spot"]',
      '      nodeClassRef:',
      '        group: karpenter.k8s.aws',
      '        kind: EC2NodeClass',
      '        name: default',
      '',
    ].join('\n'),
  );
  await waitForSimulation(page);
  await expect(page.getByTestId('problems')).toContainText('workspace.yaml:10:21');
  await expect(page.getByTestId('problems')).toContainText('Unsupported value: "Contains"');
  await expect(page.locator('.monaco-editor .squiggly-error').first()).toBeVisible();
});

test('the documents bar adds a document from a template and removes it again', async ({
  page,
}, info) => {
  const bar = page.getByRole('navigation', { name: 'Documents in the workspace' });
  await bar.getByLabel('Add a document from a template').selectOption('PodDisruptionBudget');
  await expect(bar).toContainText('PodDisruptionBudget poddisruptionbudget');
  await page.screenshot({ path: info.outputPath('documents-added.png') });
  await bar.getByRole('button', { name: 'Remove PodDisruptionBudget poddisruptionbudget' }).click();
  const listed = bar.getByRole('list');
  await expect(listed).not.toContainText('PodDisruptionBudget');
  await expect(listed).toContainText('Deployment inflate');
  await waitForSimulation(page);
  await expect(page.locator('.cluster-svg')).toHaveAttribute('aria-label', /5 pods running/);
});

test('Format Document loads prettier on demand and formats the YAML', async ({ page }) => {
  const prettierChunks: string[] = [];
  page.on('request', (r) => {
    if (/\/assets\/(standalone|estree)-/.test(r.url())) prettierChunks.push(r.url());
  });
  await typeIntoEditor(page, 'apiVersion:    v1\nkind:   ConfigMap\nmetadata: {name:   x}\n');
  await page.waitForTimeout(500); // the YAML worker is up, and has not fetched prettier
  expect(prettierChunks).toEqual([]);
  await page.keyboard.press('Control+Shift+I'); // Format Document (Shift+Alt+F on Windows)
  const lines = page.locator('.monaco-editor .view-lines').first();
  // Monaco draws spaces as U+00A0; compare the text exactly as drawn, spaces counted.
  const shown = async () => (await lines.innerText()).replace(/\u00a0/g, ' ');
  await expect.poll(shown).toContain('apiVersion: v1\nkind: ConfigMap\nmetadata: { name: x }');
  expect(prettierChunks.length).toBeGreaterThan(0);
});

// Bracket colours (and the matching bracket's highlight) come from a tree Monaco parses over the
// whole text, again when the schema arrives: a workspace over 100,000 characters does without
// them (src/ui/editor/WorkspaceEditor.tsx, issue 12), a typical one keeps them.
for (const size of [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
])
  test(`brackets are coloured in a typical workspace, not in a very large one (${size.width}×${size.height})`, async ({
    page,
  }, info) => {
    await page.setViewportSize(size);
    const line = page
      .locator('.monaco-editor .view-line')
      .filter({ hasText: '["spot", "on-demand"]' });
    const coloured = line.locator('[class*="bracket-highlighting-"]');
    await expect(coloured.first()).toBeVisible();
    await page
      .locator('.monaco-editor')
      .first()
      .screenshot({ path: info.outputPath('brackets-coloured.png') });

    // The same workspace with a long comment at its end: over 100,000 characters.
    const big = `${DEFAULT_WORKSPACE}\n${'# a long note that makes the workspace large\n'.repeat(2500)}`;
    expect(big.length).toBeGreaterThan(100_000);
    await openWithSaved(page, { workspace: big });
    await waitForSimulation(page);
    await expect(line).toBeVisible();
    await expect(page.locator('.monaco-editor .view-line').first()).toBeVisible();
    await expect(coloured).toHaveCount(0);
    await page
      .locator('.monaco-editor')
      .first()
      .screenshot({ path: info.outputPath('brackets-plain.png') });
  });

// Until Monaco has loaded, the workspace shows as plain text: its first 200 lines and how many
// more there are (laying out all of a large workspace held the page for a second: issue 12).
// The service worker is blocked here: once the first visit's worker claims the page (a slow first
// run gives it time), the editor chunk comes from its cache and the route holding it never fires.
test.describe('the editor stand-in', () => {
  test.use({ serviceWorkers: 'block' });
  for (const size of [
    { width: 1440, height: 900 },
    { width: 390, height: 844 },
  ])
    test(`a long workspace shows its first lines until the editor loads (${size.width}×${size.height})`, async ({
      page,
    }, info) => {
      await page.setViewportSize(size);
      let release = () => {};
      const held = new Promise<void>((r) => (release = r));
      await page.route(/\/assets\/WorkspaceEditor-[^/]*\.js$/, async (route) => {
        await held;
        await route.continue();
      });
      const notes = Array.from({ length: 3000 }, (_, i) => `# note ${i + 1}`).join('\n');
      await openWithSaved(page, { workspace: `${DEFAULT_WORKSPACE}\n${notes}\n` });
      const fallback = page.getByTestId('editor-fallback');
      await expect(fallback.locator('pre')).toContainText('kind: NodePool');
      await expect(fallback.locator('pre')).not.toContainText('# note 3000');
      await expect(fallback).toContainText(
        /… and \d+ more lines, shown when the editor has loaded/,
      );
      // It scrolls, so a keyboard can reach it (axe scrollable-region-focusable).
      await fallback.locator('pre').focus();
      await expect(fallback.locator('pre')).toBeFocused();
      // The first run settling must not swap the stand-in for a new element (focus was lost so).
      await waitForSimulation(page);
      await expect(fallback.locator('pre')).toBeFocused();
      await fallback.screenshot({ path: info.outputPath('stand-in.png') });
      release();
      await expect(page.locator('.monaco-editor .view-lines').first()).toBeVisible();
      await expect(fallback).toHaveCount(0);
      await page
        .locator('.monaco-editor')
        .first()
        .click({ position: { x: 100, y: 10 } });
      await page.keyboard.press('ControlOrMeta+End');
      await expect(page.locator('.monaco-editor .view-lines').first()).toContainText('# note 3000');
    });
});
