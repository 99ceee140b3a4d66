// Typing never moves the page. At 1280×800 an error in the workspace ("1 error in the workspace:
// what it affects is left out (see Problems)") wrapped the header onto a second line, and the
// whole page — the editor line being typed included — jumped down by a line and back up as the
// error came and went with the keystrokes. Below 960 px it still did (review 24): at 768×1024 the
// count took a line of its own (header 41 → 87 px), at 390×844 two (66 → 103 px).
import type { Page } from '@playwright/test';
import {
  expect,
  openFresh,
  replaceInEditor,
  SCREEN_SIZES as SIZES,
  test,
  waitForSimulation,
} from './fixtures.ts';

const top = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((e) => Math.round(e.getBoundingClientRect().top));
const headerHeight = (page: Page) =>
  page.locator('.app-header').evaluate((e) => Math.round(e.getBoundingClientRect().height));

for (const size of SIZES)
  test(`an error in the workspace does not move the page (${size.width}×${size.height})`, async ({
    page,
  }, info) => {
    await page.setViewportSize(size);
    await openFresh(page);
    const before = {
      header: await headerHeight(page),
      editor: await top(page, '.monaco-editor'),
      cluster: await top(page, '.cluster-svg'),
    };
    await replaceInEditor(page, 'cpu: 1000', 'cpu: 1000abc');
    const problems = page.getByTestId('run-problems');
    await expect(problems).toHaveText(
      '1 error in the workspace: what it affects is left out (see Problems)',
    );
    await waitForSimulation(page);
    await expect(problems).toHaveAttribute('title', /^1 error in the workspace/);
    // Cut, if need be, but readable: at least "1 error in the…" shows.
    expect(await problems.evaluate((e) => e.getBoundingClientRect().width)).toBeGreaterThan(60);
    await page.screenshot({ path: info.outputPath('header-with-error.png') });
    expect({
      header: await headerHeight(page),
      editor: await top(page, '.monaco-editor'),
      cluster: await top(page, '.cluster-svg'),
    }).toEqual(before);
    // Every header button is still whole and clickable.
    for (const name of ['Share', 'Run', 'Dark theme'])
      await expect(page.getByRole('button', { name, exact: true })).toBeInViewport({ ratio: 1 });
  });
