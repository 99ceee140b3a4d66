// Storage never loses work (issue 15 item 5) and a huge paste never stalls the page (item 6): what
// the learner sees when the saved workspace is unreadable or from a newer version, when two tabs
// edit, and when 5 MB is pasted.
import type { Page } from '@playwright/test';
import { expect, replaceInEditor, test, typeIntoEditor, waitForSimulation } from './fixtures.ts';

const KEY = 'karpenter-lab/workspace';

async function startWith(page: Page, raw: string): Promise<void> {
  await page.goto('./');
  await page.evaluate(
    ([key, value]) => {
      localStorage.clear();
      localStorage.setItem(key, value);
    },
    [KEY, raw] as const,
  );
  await page.reload();
  await waitForSimulation(page);
}

const stored = (page: Page) => page.evaluate((key) => localStorage.getItem(key), KEY);
const keys = (page: Page) => page.evaluate(() => Object.keys(localStorage).sort());

test('an unreadable saved workspace is kept once, reported, and offered as a download', async ({
  page,
}) => {
  const raw = '{"version":1,"value":"apiVersion: v1\\nkind: Pod'; // cut short by a crash
  await startWith(page, raw);
  const notice = page.getByTestId('storage-issue');
  await expect(notice).toContainText('could not be read (it is not JSON)');
  const download = page.waitForEvent('download');
  await notice.getByRole('button', { name: 'Download it' }).click();
  const path = await (await download).path();
  expect((await import('node:fs')).readFileSync(path, 'utf8')).toBe(raw);
  for (let i = 0; i < 3; i++) {
    await page.reload();
    await expect(page.getByTestId('storage-issue')).toBeVisible();
  }
  expect(await keys(page)).toEqual([KEY, `${KEY}.unreadable`]);
  expect(await page.evaluate((k) => localStorage.getItem(k), `${KEY}.unreadable`)).toBe(raw);
});

test('a workspace saved by a newer version is never overwritten', async ({ page }) => {
  const future = JSON.stringify({ version: 2, savedAt: '', value: { documents: [] } });
  await startWith(page, future);
  await expect(page.getByTestId('storage-issue')).toContainText('newer version');
  await typeIntoEditor(page, 'apiVersion: v1\nkind: Namespace\nmetadata: {name: mine}\n');
  await waitForSimulation(page);
  await expect(page.getByTestId('save-status')).toContainText('newer version');
  expect(await stored(page)).toBe(future);
});

test('a save in another tab is noticed, and the learner chooses', async ({ context }) => {
  const a = await context.newPage();
  await startWith(a, JSON.stringify({ version: 1, savedAt: '', value: 'kind: Namespace\n' }));
  const b = await context.newPage();
  await b.goto('./');
  await waitForSimulation(b);

  const theirs = 'apiVersion: v1\nkind: Namespace\nmetadata: {name: from-a}\n';
  await typeIntoEditor(a, theirs);
  const choice = b.getByTestId('storage-other');
  await expect(choice).toContainText('changed in another tab');
  await choice.getByRole('button', { name: "Load the other tab's" }).click();
  await expect(b.locator('.monaco-editor .view-lines').first()).toContainText('name: from-a');

  const mine = 'apiVersion: v1\nkind: Namespace\nmetadata: {name: from-b}\n';
  await typeIntoEditor(b, mine);
  await expect(a.getByTestId('storage-other')).toBeVisible();
  await a.getByTestId('storage-other').getByRole('button', { name: 'Keep mine' }).click();
  await expect.poll(() => stored(a)).toContain('from-a');
  await expect(a.getByTestId('storage-other')).toHaveCount(0);
});

test('a 5 MB paste is refused at once, and the workspace is untouched', async ({ page }) => {
  await startWith(page, JSON.stringify({ version: 1, savedAt: '', value: 'kind: Namespace\n' }));
  await page.locator('.monaco-editor .view-lines').first().click();
  // The paste is built in the page; the time it takes the page to handle it is measured there.
  const handledMs = await page
    .locator('.monaco-editor textarea')
    .first()
    .evaluate((el) => {
      const data = new DataTransfer();
      data.setData('text/plain', `# ${'x'.repeat(5 * 1024 * 1024)}\n`);
      const start = performance.now();
      el.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
      return performance.now() - start;
    });
  await expect(page.getByTestId('editor-refusal')).toHaveText(
    'Nothing was pasted: the text is 5.0 MiB and a workspace holds up to 1.0 MiB. Paste less, or use Share → Import, which keeps only what the lab reads.',
  );
  await expect(page.locator('.monaco-editor .view-lines').first()).not.toContainText('xxxx');
  await expect(page.getByTestId('save-status')).not.toContainText('Not saved');
  const saved = JSON.parse((await stored(page)) ?? '{}') as { value?: string };
  expect((saved.value ?? '').length).toBeLessThan(100); // the paste never reached storage
  // A normal paste still works, and clears the refusal.
  await typeIntoEditor(page, 'apiVersion: v1\nkind: Namespace\nmetadata: {name: small}\n');
  await expect(page.getByTestId('editor-refusal')).toHaveCount(0);
  await expect.poll(() => stored(page)).toContain('small');
  // Reported, not asserted (timings belong in benchmarks).
  console.log(`the page handled the 5 MB paste in ${handledMs.toFixed(0)} ms`);
});

test('an edit reloaded at once (inside the 400 ms save delay) is still there', async ({ page }) => {
  await page.goto('./');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await waitForSimulation(page);
  for (let round = 1; round <= 3; round++) {
    await replaceInEditor(page, `replicas: ${round + 4}`, `replicas: ${round + 5}`);
    await page.reload(); // no wait: the save is still pending when the page goes
    await waitForSimulation(page);
    await expect(page.locator('.cluster-svg')).toHaveAttribute(
      'aria-label',
      new RegExp(`${round + 5} pods running`),
    );
  }
});
