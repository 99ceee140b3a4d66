// Fast typing: every keystroke re-runs the simulation (at once when the engine is idle, else the
// newest text once the run going on ends), so a burst of edits — half-typed, invalid YAML among
// them — must end with the view of the last text, never of one typed before it. A fresh profile
// per test, two screen sizes, three rounds each (a stale result landing late is a race).
import { expect, openFresh, replaceInEditor, test, waitForSimulation } from './fixtures.ts';

const SIZES = [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
];

for (const size of SIZES)
  for (const round of [1, 2, 3])
    test(`a burst of edits ends with the view of the last text (${size.width}×${size.height}, round ${round})`, async ({
      page,
    }, info) => {
      await page.setViewportSize(size);
      await openFresh(page);
      const cluster = page.locator('.cluster-svg');
      await expect(cluster).toHaveAttribute('aria-label', /\b5 pods running/);
      // Retype the line key by key (each key an edit and a run), then change the count twice.
      await replaceInEditor(page, 'replicas: 5', '');
      await page.keyboard.type('replicas: 12');
      await page.keyboard.press('Backspace');
      await page.keyboard.press('Backspace');
      await page.keyboard.type('27');
      await waitForSimulation(page);
      await expect(page.locator('.monaco-editor .view-lines')).toContainText('replicas: 27');
      await expect(cluster).toHaveAttribute('aria-label', /\b27 pods running, 0 pending pods/);
      await expect(page.getByTestId('summary')).toContainText('27 of 27 pods Running');
      // Nothing older lands afterwards.
      await page.waitForTimeout(1_500);
      await expect(page.getByTestId('run-status')).toHaveText('Simulation up to date');
      await expect(cluster).toHaveAttribute('aria-label', /\b27 pods running, 0 pending pods/);
      await expect(page.getByTestId('summary')).toContainText('27 of 27 pods Running');
      await page.screenshot({ path: info.outputPath('after-burst.png') });
    });
