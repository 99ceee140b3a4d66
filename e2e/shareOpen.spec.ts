// Opening a share link shows exactly what was shared — in the editor and in the cluster — in a
// fresh browser profile, every time (issue 14 item 1). The link opener used to race the editor's
// mount: 2 of 3 fresh opens showed the default workspace while storage held the shared text, and
// the first keystroke then saved "default + keystroke" over it. So these tests read what a person
// sees (the editor's lines, the cluster summary), not storage, and repeat the open.
import type { Browser, Page } from '@playwright/test';
import { test, expect, waitForSimulation } from './fixtures.ts';

const SHARED = `apiVersion: karpenter.sh/v1
kind: NodePool
metadata:
  name: shared
spec:
  template:
    spec:
      nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: default}
      requirements:
        - {key: karpenter.sh/capacity-type, operator: In, values: [on-demand]}
---
apiVersion: karpenter.k8s.aws/v1
kind: EC2NodeClass
metadata:
  name: default
spec:
  role: KarpenterNodeRole
  amiSelectorTerms: [{alias: al2023@latest}]
  subnetSelectorTerms: [{tags: {karpenter.sh/discovery: demo}}]
  securityGroupSelectorTerms: [{tags: {karpenter.sh/discovery: demo}}]
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: shared-app
spec:
  replicas: 3
  selector: {matchLabels: {app: shared}}
  template:
    metadata: {labels: {app: shared}}
    spec:
      containers: [{name: c, image: nginx, resources: {requests: {cpu: "1"}}}]
`;

/** The editor's visible lines as a person reads them (Monaco renders spaces as U+00A0). */
async function editorText(page: Page): Promise<string> {
  const lines = page.locator('.monaco-editor .view-lines').first();
  await expect(lines).toBeVisible({ timeout: 30_000 });
  return (await lines.innerText()).replace(/\u00a0/g, ' ');
}

async function savedWorkspace(page: Page): Promise<string | undefined> {
  return page.evaluate(() => {
    const raw = localStorage.getItem('karpenter-lab/workspace');
    return raw === null ? undefined : (JSON.parse(raw) as { value: string }).value;
  });
}

/** A link made by the page's own Share dialog, from a page whose workspace is SHARED. */
async function makeLink(browser: Browser): Promise<string> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('./');
  await page.evaluate((value) => {
    localStorage.setItem(
      'karpenter-lab/workspace',
      JSON.stringify({ version: 1, savedAt: '', value }),
    );
  }, SHARED);
  await page.reload();
  await waitForSimulation(page);
  await page.getByTestId('share-button').click();
  await expect(page.getByTestId('share-link')).toHaveValue(/#v=1&s=/);
  const url = await page.getByTestId('share-link').inputValue();
  await context.close();
  return url;
}

async function expectShowsShared(page: Page): Promise<void> {
  await waitForSimulation(page);
  await expect(page.locator('.cluster-svg')).toHaveAttribute(
    'aria-label',
    /3 pods running, 0 pending pods/,
  );
  await expect.poll(() => editorText(page), { timeout: 30_000 }).toContain('name: shared-app');
  const shown = await editorText(page);
  expect(shown).toContain('name: shared');
  expect(shown).not.toContain('inflate'); // the default workspace's Deployment
  await expect(page.getByTestId('open-link-dialog')).toHaveCount(0); // nothing of theirs to lose
}

/** The recipient's first keystroke: replicas 3 → 4 in the shared Deployment. */
async function firstKeystroke(page: Page): Promise<void> {
  await page.locator('.monaco-editor .view-line', { hasText: 'replicas: 3' }).click();
  await page.keyboard.press('End');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('4');
  await expect.poll(() => savedWorkspace(page)).toBe(SHARED.replace('replicas: 3', 'replicas: 4'));
  await waitForSimulation(page);
  await expect(page.locator('.cluster-svg')).toHaveAttribute('aria-label', /4 pods running/);
  const shown = await editorText(page);
  expect(shown).toContain('name: shared-app');
  expect(shown).not.toContain('inflate');
}

test.describe('a share link opened in a fresh profile', () => {
  test('shows the shared workspace in the editor and the cluster, and the first keystroke edits it, 5 times in a row', async ({
    browser,
  }) => {
    test.setTimeout(360_000);
    const url = await makeLink(browser);
    for (let i = 0; i < 5; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      // The fixture's guard watches its own page only: this profile's errors are collected here.
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('console', (m) => (m.type() === 'error' ? errors.push(m.text()) : undefined));
      await page.goto(url);
      await expectShowsShared(page);
      await firstKeystroke(page);
      expect(errors, `console errors in fresh profile ${i + 1}`).toEqual([]);
      await context.close();
    }
  });
});
