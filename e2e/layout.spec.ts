// Every screen size the lab supports (issue #14): at each, with each side tab open, every visible
// control can be reached — scrolled into view, the element under its centre is the control itself,
// not a pane lying over it — the readouts are not cut, and nothing scrolls sideways.
import type { Page } from '@playwright/test';
import { expect, loadLabStep, openFresh, test } from './fixtures.ts';

const SIZES = [
  { width: 1440, height: 900 },
  { width: 1280, height: 800 },
  { width: 1024, height: 700 },
  { width: 768, height: 1024 },
  { width: 390, height: 844 },
] as const;

/**
 * The controls (and readouts) whose centre is not themselves after scrolling them into view, or
 * that lie outside the window or their pane. Monaco's own widgets are Monaco's business.
 */
function blockedControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const CONTROLS =
      'button, input, select, textarea, a[href], summary, [role="tab"], [role="separator"], [tabindex="0"]';
    const READOUTS = [
      'cost-now',
      'timeline-clock',
      'run-status',
      'save-status',
      'cost-figures',
      'console-output',
    ]
      .map((id) => `[data-testid="${id}"]`)
      .concat('.facts dd', '.lab-results li')
      .join(', ');
    const name = (el: Element | null): string => {
      if (!el) return 'nothing';
      const label =
        el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 30) ?? el.tagName;
      return `<${el.tagName.toLowerCase()} class="${el.getAttribute('class') ?? ''}"> "${label}"`;
    };
    const problems: string[] = [];
    for (const el of document.querySelectorAll(`${CONTROLS}, ${READOUTS}`)) {
      if (el.closest('.monaco-editor, .monaco-aria-container')) continue;
      const first = el.getBoundingClientRect();
      if (first.width <= 1 || first.height <= 1) continue; // not rendered (a closed tab, display: none)
      if (getComputedStyle(el).visibility === 'hidden') continue;
      el.scrollIntoView({ block: 'center', inline: 'center' });
      const r = el.getBoundingClientRect();
      const x = r.left + r.width / 2;
      const y = r.top + r.height / 2;
      if (
        r.left < -0.5 ||
        r.top < -0.5 ||
        r.right > innerWidth + 0.5 ||
        r.bottom > innerHeight + 0.5
      )
        if (r.width <= innerWidth && r.height <= innerHeight) {
          problems.push(`${name(el)} is cut by the window: ${JSON.stringify(r)}`);
          continue;
        }
      const hit = document.elementFromPoint(x, y);
      if (!hit || (hit !== el && !el.contains(hit)))
        problems.push(
          `${name(el)} lies under ${name(hit)} at (${Math.round(x)}, ${Math.round(y)})`,
        );
      const pane = el.closest('section, aside, header, nav');
      if (pane) {
        const p = pane.getBoundingClientRect();
        if (r.left < p.left - 0.5 || r.right > p.right + 0.5)
          problems.push(`${name(el)} runs out of its pane ${name(pane)}`);
      }
    }
    // A readout is not cut: its own text fits its box (unless it scrolls), and no ancestor that clips
    // (overflow other than visible) hides part of it once it is scrolled into view.
    for (const el of document.querySelectorAll(READOUTS)) {
      const first = el.getBoundingClientRect();
      if (first.width <= 1 || first.height <= 1) continue;
      el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      const r = el.getBoundingClientRect();
      const own = getComputedStyle(el).overflowX;
      if ((own === 'hidden' || own === 'clip') && el.scrollWidth > el.clientWidth + 1)
        problems.push(
          `${name(el)} is truncated: ${el.scrollWidth}px of text in ${el.clientWidth}px`,
        );
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const style = getComputedStyle(a);
        if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
        const c = a.getBoundingClientRect();
        if (
          r.left < c.left - 0.5 ||
          r.right > c.right + 0.5 ||
          r.top < c.top - 0.5 ||
          r.bottom > c.bottom + 0.5
        )
          problems.push(`${name(el)} is clipped by ${name(a)}`);
      }
    }
    return problems;
  });
}

async function expectLaidOut(page: Page, file: string): Promise<void> {
  await page.waitForTimeout(400); // D3 transitions settle before anything is measured
  await page.screenshot({ path: file, fullPage: true });
  expect(await blockedControls(page)).toEqual([]);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, 'horizontal scroll of the page (px)').toBeLessThanOrEqual(0);
}

for (const size of SIZES) {
  test(`at ${size.width}×${size.height} every control is reachable, nothing is cut and nothing scrolls sideways`, async ({
    page,
  }, info) => {
    await page.setViewportSize(size);
    test.setTimeout(120_000);
    await openFresh(page);
    const shot = (tab: string) => info.outputPath(`layout-${size.width}x${size.height}-${tab}.png`);
    await expectLaidOut(page, shot('explain'));

    // A node picked on the canvas (its details in the Explain tab) and a console answer.
    await page.locator('.cluster-svg g.node').first().click();
    await expect(page.getByRole('tabpanel')).toContainText(/t2\.2xlarge|Node/);
    await page
      .getByLabel(/kubectl command/i)
      .fill('kubectl get nodes -L node.kubernetes.io/instance-type');
    await page.getByLabel(/kubectl command/i).press('Enter');
    await expect(page.getByTestId('console-output')).toContainText('INSTANCE-TYPE');
    await expectLaidOut(page, shot('details-console'));

    await loadLabStep(page, /just-in-time scaling/);
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await expect(page.getByTestId('lab-results').locator('li').first()).toBeVisible();
    await expectLaidOut(page, shot('labs'));

    await page.getByRole('tab', { name: 'Compare' }).click();
    await expect(page.getByRole('tabpanel')).toContainText(/Cluster Autoscaler/);
    await expectLaidOut(page, shot('compare'));

    await page.getByRole('tab', { name: 'Plan' }).click();
    await expect(page.getByTestId('plan-empty')).toContainText('No saved scenario yet');
    await expectLaidOut(page, shot('plan'));
  });
}
