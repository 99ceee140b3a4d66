// Shared e2e fixture: every test fails if the page logs a console error or tries to reach anything
// but localhost (such requests are aborted and recorded, then asserted empty).
import { test as base, expect, type Page } from '@playwright/test';

function isLocal(url: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:') || url.startsWith('about:')) return true;
  try {
    const { hostname } = new URL(url);
    return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
  } catch {
    return false;
  }
}

export interface Guard {
  offHost: string[];
  consoleErrors: string[];
}

export const test = base.extend<{ guard: Guard }>({
  guard: [
    async ({ context, page }, use) => {
      const guard: Guard = { offHost: [], consoleErrors: [] };
      await context.route(
        (url) => !isLocal(url.href),
        (route) => {
          guard.offHost.push(route.request().url());
          return route.abort();
        },
      );
      page.on('console', (msg) => {
        if (msg.type() === 'error') guard.consoleErrors.push(msg.text());
      });
      page.on('pageerror', (err) => guard.consoleErrors.push(String(err)));
      await use(guard);
      expect(guard.offHost, 'requests that left localhost').toEqual([]);
      expect(guard.consoleErrors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Clicks into the editor and waits until it has the keyboard focus. */
export async function focusEditor(page: Page): Promise<void> {
  // The editor loads after the first simulation: keys go to it only once it has focus. On a busy
  // machine a click that lands while Monaco is still wiring itself up can be dropped; a person
  // clicks again, and so does this helper (the focus itself is still asserted). The click goes
  // into the first line of text, past the line numbers: `.view-lines` is as wide and tall as the
  // whole text, so on a narrow editor (1024 px screens) its centre lies outside the pane.
  await page.locator('.monaco-editor .view-lines').first().waitFor();
  await expect(async () => {
    await page
      .locator('.monaco-editor')
      .first()
      .click({ position: { x: 100, y: 10 } });
    await expect(page.locator('.monaco-editor.focused').first()).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
}

/** Replaces the first `find` in the editor with `replacement`, as a person does with Find. */
export async function replaceInEditor(
  page: Page,
  find: string,
  replacement: string,
): Promise<void> {
  await focusEditor(page);
  await page.keyboard.press('ControlOrMeta+F'); // find selects the match; typing replaces it
  // Find opens seeded with the word at the cursor (the click's: "apiVersion") and at once counts
  // its matches ("1 of 4"). Emptied first, so the count waited for below is the typed text's:
  // waiting on the seed's count let Escape select "apiVersion", and the replacement overwrote
  // it (seen under load: the workspace broke and the cluster kept the last run).
  const count = page.locator('.find-widget .matchesCount').first();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await expect(count).not.toHaveText(/^\d+ of \d+$/);
  await page.keyboard.insertText(find);
  // As a person does, wait until Find shows the match ("1 of 1"): its search runs a moment after
  // the typing, and an Escape before it leaves the cursor where the click put it, so the
  // replacement would be typed there instead (seen under load: the edit never ran).
  await expect(count).toHaveText(/^\d+ of \d+$/);
  await page.keyboard.press('Escape');
  await page.keyboard.insertText(replacement);
}

/**
 * Replaces the whole editor text the way a person would with a block of YAML: click, select all,
 * paste. (Typing it line by line would let Monaco auto-indent every new line.)
 */
export async function typeIntoEditor(page: Page, text: string): Promise<void> {
  await focusEditor(page);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await pasteIntoEditor(page, text);
  // Monaco takes a paste in a later task (tens of ms on a loaded machine): a key pressed before
  // then acts on the old text, and the paste's edit cancels what it started — Ctrl+Space on the
  // empty line, then the pasted line closed the suggestions (CI, 2026-12-05). A person sees the
  // text before pressing on, so the helper waits for its last line to show.
  const last = text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .pop();
  if (last)
    await expect(page.locator('.monaco-editor .view-lines').first()).toContainText(last.trim());
}

/** Pastes `text` where the editor's cursor is; `busyMs`: then keeps the page's main thread busy
 *  that long in the same task (a big frame, a slow machine), so timers fall due meanwhile. */
export async function pasteIntoEditor(page: Page, text: string, busyMs = 0): Promise<void> {
  await page
    .locator('.monaco-editor textarea')
    .first()
    .evaluate(
      (el, { t, busy }) => {
        const data = new DataTransfer();
        data.setData('text/plain', t);
        el.dispatchEvent(
          new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
        );
        const start = performance.now();
        while (performance.now() - start < busy) {
          // busy on purpose
        }
      },
      { t: text, busy: busyMs },
    );
}

/** A first visit: the lab with nothing saved, its default workspace simulated. */
export async function openFresh(page: Page): Promise<void> {
  await page.goto('./');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await waitForSimulation(page);
}

/** A fresh visit with these values saved in localStorage (as the app stores them: versioned
 *  envelopes under 'karpenter-lab/<key>'), e.g. { workspace: text } or { theme: 'dark' }. */
export async function openWithSaved(page: Page, saved: Record<string, unknown>): Promise<void> {
  await page.goto('./');
  await page.evaluate((entries) => {
    localStorage.clear();
    for (const [key, value] of entries)
      localStorage.setItem(
        `karpenter-lab/${key}`,
        JSON.stringify({ version: 1, savedAt: '', value }),
      );
  }, Object.entries(saved));
  await page.reload();
}

export async function waitForSimulation(page: Page): Promise<void> {
  await expect(page.getByTestId('run-status')).toHaveText('Simulation up to date', {
    timeout: 30_000,
  });
}

/** The screen sizes the details-panel specs run at: a desktop and a phone. */
/** The EC2NodeClass a YAML workspace of these specs names, written out as users do (the unit
 *  tests' copy, src/sim/storage/testing.ts, loads the catalog's JSON, which Playwright cannot). */
export const NODE_CLASS_YAML = `apiVersion: karpenter.k8s.aws/v1
kind: EC2NodeClass
metadata: { name: default }
spec:
  role: KarpenterNodeRole
  amiSelectorTerms: [{ alias: al2023@latest }]
  subnetSelectorTerms: [{ tags: { karpenter.sh/discovery: lab } }]
  securityGroupSelectorTerms: [{ tags: { karpenter.sh/discovery: lab } }]
`;

/** Every screen size the lab supports (issue #14): desktop, laptop, small laptop, tablet, phone. */
export const SCREEN_SIZES = [
  { width: 1440, height: 900 },
  { width: 1280, height: 800 },
  { width: 1024, height: 700 },
  { width: 768, height: 1024 },
  { width: 390, height: 844 },
] as const;

export const DETAIL_SIZES = [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
] as const;

/**
 * Opens `workspace` at `size` in a fresh profile, scrubs the timeline to `atMs`, clicks each of
 * the `count` node cards and returns the details panel's text for each, in card order.
 */
export async function nodeDetailsAt(
  page: Page,
  workspace: string,
  size: { width: number; height: number },
  atMs: number,
  count: number,
): Promise<string[]> {
  await page.setViewportSize(size);
  await openWithSaved(page, { workspace });
  await waitForSimulation(page);
  await scrubTo(page, atMs);
  const cards = page.locator('.cluster-svg g.node');
  await expect(cards).toHaveCount(count);
  const details = page.getByTestId('details');
  const said: string[] = [];
  for (let i = 0; i < count; i++) {
    await cards.nth(i).click();
    await expect(details.getByRole('heading', { name: 'Consolidation' })).toBeVisible();
    said.push((await details.textContent()) ?? '');
  }
  return said;
}

/** Moves the playhead to `atMs`, as dragging the timeline does. */
export async function scrubTo(page: Page, atMs: number): Promise<void> {
  await page.locator('#timeline-range').fill(String(atMs));
  await expect(page.locator('#timeline-range')).toHaveValue(String(atMs));
}

/** Opens a lab from the Labs tab and loads its step (the first, on a fresh visit). */
export async function loadLabStep(page: Page, lab: RegExp): Promise<void> {
  await page.getByRole('tab', { name: 'Labs' }).click();
  await page.getByRole('button', { name: lab }).first().click();
  await page.getByRole('button', { name: 'Load step' }).click();
  await waitForSimulation(page);
}

/** Opens step 3 of the seed lab from its link and loads the step's workspace; with `scale`, also
 *  scales inflate to 5 from the console (what the step asks), waiting for the run each time. */
export async function openSeedStep3(page: Page, { scale = false } = {}): Promise<void> {
  await page.goto('./#lab=karpenter-jit-scaling&step=3');
  await page.getByRole('button', { name: "Load this step's workspace" }).click();
  await waitForSimulation(page);
  if (!scale) return;
  const input = page.getByLabel('kubectl command');
  await input.fill('kubectl scale deployment inflate --replicas=5');
  await input.press('Enter');
  await expect(page.getByTestId('console-output')).toContainText('inflate scaled');
  await waitForSimulation(page);
}
