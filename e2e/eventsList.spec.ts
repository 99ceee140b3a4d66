// The Events panel after an edit of a large workspace: its rows are rendered just after the
// result's task (a deferred React render, src/ui/panels/EventsPanel.tsx) and rows out of view skip
// layout until scrolled to (content-visibility). What a person sees must not change: the list is
// the new run's, every row is there for the keyboard and screen readers, and the oldest row at the
// bottom shows its text when scrolled to.
import { readFileSync } from 'node:fs';
import { expect, openWithSaved, replaceInEditor, test, waitForSimulation } from './fixtures.ts';

const WORKSPACE = readFileSync(
  new URL('../bench/fixtures/two-thousand-pods.yaml', import.meta.url),
  'utf8',
).replace('replicas: 2000', 'replicas: 600');

for (const size of [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
])
  test(`after an edit the events list is the new run's, whole and readable to its end (${size.width}×${size.height})`, async ({
    page,
  }, info) => {
    await page.setViewportSize(size);
    await openWithSaved(page, { workspace: WORKSPACE });
    await waitForSimulation(page);
    const rows = page.getByTestId('events').locator('li');
    await expect(rows).toHaveCount(200, { timeout: 60_000 });
    const named = async (sel: string) =>
      new Set(
        (await page.locator(sel).evaluateAll((es) => es.map((e) => e.textContent ?? '')))
          .join(' ')
          .match(/ip-[\d-]+\.ec2\.internal/g) ?? [],
      );
    const before = await named('[data-testid="events"] li');

    // Half the pods: about half the nodes go, and the newest events name only the nodes left.
    await replaceInEditor(page, 'replicas: 600', 'replicas: 300');
    await waitForSimulation(page);
    await expect(page.locator('.cluster-svg')).toHaveAttribute('aria-label', /\b300 pods running/);
    const cards = async () =>
      new Set(
        (
          await page
            .locator('.cluster-svg g.node:not(.leaving)')
            .evaluateAll((gs) => gs.map((g) => g.getAttribute('aria-label') ?? ''))
        )
          .join(' ')
          .match(/ip-[\d-]+\.ec2\.internal/g) ?? [],
      );
    await expect
      .poll(async () => {
        const now = await cards();
        return [...(await named('[data-testid="events"] li'))].filter((n) => !now.has(n));
      })
      .toEqual([]);
    // The check above only means something if the old rows named nodes that are gone now. (Which
    // nodes the newest 200 rows name depends on the run: with consolidation's modelled computation
    // time the 600-pod run ends on pods starting on 5 nodes rather than a verdict on all 55.)
    const now = await cards();
    expect(before.size).toBeGreaterThanOrEqual(3);
    expect([...before].filter((n) => !now.has(n)).length).toBeGreaterThanOrEqual(before.size / 2);
    await expect(rows).toHaveCount(200);
    await expect(page.getByTestId('events').getByRole('button')).toHaveCount(200);

    const last = rows.last();
    await last.scrollIntoViewIfNeeded();
    await expect(last).toBeVisible();
    await expect(last.locator('.msg')).not.toBeEmpty();
    const box = await last.boundingBox();
    expect(box?.height ?? 0).toBeGreaterThan(10);
    await page.screenshot({ path: info.outputPath('events-end.png') });
  });
