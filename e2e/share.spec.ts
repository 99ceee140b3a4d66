// Share links, import/export and every hostile link (issue 8), against the built page.
//
// The wiring this spec relies on:
// - Header actions hold <ShareButton getTimelineJSON={…} /> from src/ui/share/ShareButton.tsx
//   (data-testid "share-button"; opens the dialog "share-dialog").
// - App renders <LinkOpener pristine={[DEFAULT_WORKSPACE]} onOpened={…} /> once (notice
//   "share-notice", dialog "open-link-dialog" with "open-link-keep-both|open|keep-mine").
// - The workspace autosaves to localStorage 'karpenter-lab/workspace' as {version: 1, value}.
// - The timeline slider is #timeline-range (value = cursor ms).
import type { Browser, Page } from '@playwright/test';
import { test, expect, waitForSimulation } from './fixtures.ts';

const KEY = 'karpenter-lab/workspace';

const MINE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: mine
spec:
  replicas: 1
  selector: {matchLabels: {app: mine}}
  template:
    metadata: {labels: {app: mine}}
    spec:
      containers: [{name: c, image: nginx, resources: {requests: {cpu: 500m}}}]
`;

const THEIRS = `apiVersion: karpenter.sh/v1
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

async function savedWorkspace(page: Page): Promise<string | undefined> {
  return page.evaluate((key) => {
    const raw = localStorage.getItem(key);
    return raw === null ? undefined : (JSON.parse(raw) as { value: string }).value;
  }, KEY);
}

/** Starts a page whose saved workspace is `text` (as if the learner had typed it earlier). */
async function withWorkspace(page: Page, text: string): Promise<void> {
  await page.goto('./');
  await page.evaluate(
    ([key, value]) => {
      localStorage.clear();
      localStorage.setItem(key, JSON.stringify({ version: 1, savedAt: '', value }));
    },
    [KEY, text] as const,
  );
  await page.reload();
  await waitForSimulation(page);
}

/** Makes a link in the page itself, with the page's own encoder (through the Share dialog). */
async function shareLinkOf(page: Page): Promise<string> {
  await page.getByTestId('share-button').click();
  const input = page.getByTestId('share-link');
  await expect(input).toHaveValue(/#v=1&s=/);
  const url = await input.inputValue();
  await page.getByTestId('share-dialog').getByRole('button', { name: 'Close' }).click();
  return url;
}

/** A link whose payload is anything at all, compressed in the page (hostile links). */
async function rawLink(page: Page, payload: string): Promise<string> {
  const s = await page.evaluate(async (text) => {
    const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    let bin = '';
    for (const b of bytes) bin += String.fromCharCode(b);
    return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }, payload);
  return `./#v=1&s=${s}`;
}

async function openLinkFresh(browser: Browser, url: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  return { context, page };
}

test.describe('share link round trip', () => {
  test('reopens the exact workspace and timeline position in a fresh profile', async ({
    page,
    browser,
  }) => {
    await withWorkspace(page, THEIRS);
    await page.locator('#timeline-range').fill('20000');
    await expect(page.locator('#timeline-range')).toHaveValue('20000');
    const url = await shareLinkOf(page);
    expect(url).toMatch(/^http:\/\/localhost:\d+\/.*#v=1&s=[A-Za-z0-9_-]+$/);

    const { context, page: fresh } = await openLinkFresh(browser, url);
    await waitForSimulation(fresh);
    await expect(fresh.getByTestId('open-link-dialog')).toHaveCount(0); // nothing of theirs to lose
    await expect.poll(() => savedWorkspace(fresh)).toBe(THEIRS);
    await expect(fresh.locator('#timeline-range')).toHaveValue('20000');
    expect(new URL(fresh.url()).hash).toBe(''); // handled once; a reload will not ask again
    await context.close();
  });

  test('shows the link length and warns past 8 KB, offering a file', async ({ page }) => {
    // Text that does not compress: pseudo-random words in comments.
    let x = 7;
    const words = Array.from({ length: 2500 }, () => {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      return x.toString(36);
    });
    await withWorkspace(page, `${MINE}# ${words.join(' ')}\n`);
    await page.getByTestId('share-button').click();
    await expect(page.getByTestId('share-link-length')).toHaveText(/^[\d,]+ characters$/);
    await expect(page.getByTestId('share-link-warning')).toContainText('A file is safer');
    const download = page.waitForEvent('download');
    await page.getByTestId('share-download-instead').click();
    expect((await download).suggestedFilename()).toBe('karpenter-lab-workspace.yaml');
  });
});

test.describe('opening a link over local work', () => {
  test('asks, and "keep mine" leaves the workspace untouched', async ({ page }) => {
    await withWorkspace(page, THEIRS);
    const url = await shareLinkOf(page);
    await withWorkspace(page, MINE);
    await page.goto(url);
    await expect(page.getByTestId('open-link-dialog')).toBeVisible();
    await page.getByTestId('open-link-keep-mine').click();
    await expect(page.getByTestId('share-notice')).toContainText('not opened');
    expect(await savedWorkspace(page)).toBe(MINE);
  });

  test('"keep both" saves mine as a named scenario and opens the link', async ({ page }) => {
    await withWorkspace(page, THEIRS);
    const url = await shareLinkOf(page);
    await withWorkspace(page, MINE);
    await page.goto(url);
    await page.getByTestId('open-link-keep-both').click();
    await expect(page.getByTestId('share-notice')).toContainText('saved as the scenario');
    await expect.poll(() => savedWorkspace(page)).toBe(THEIRS);
    await page.getByTestId('share-button').click();
    await expect(page.getByTestId('scenario-item')).toHaveCount(1);
    await expect(page.getByTestId('scenario-item')).toContainText('my work before opening a link');
  });

  test('"open the link" can be undone', async ({ page }) => {
    await withWorkspace(page, THEIRS);
    const url = await shareLinkOf(page);
    await withWorkspace(page, MINE);
    await page.goto(url);
    await page.getByTestId('open-link-open').click();
    await expect.poll(() => savedWorkspace(page)).toBe(THEIRS);
    await page.getByTestId('share-undo').click();
    await expect.poll(() => savedWorkspace(page)).toBe(MINE);
  });
});

test.describe('hostile links: a clear notice, and the saved work untouched', () => {
  const cases: [string, (page: Page) => Promise<string>, RegExp][] = [
    ['a malformed', async () => './#v=1&s=%E0%A4%A', /not valid URL text/],
    ['an invalid base64', async () => './#v=1&s=ab$d', /not base64url/],
    ['an unknown-version', async () => './#v=99&s=abc', /format v99/],
    ['an oversized', async () => `./#v=1&s=${'A'.repeat(70_000)}`, /links over 64 KiB are refused/],
    [
      'a truncated',
      async (page) => {
        await withWorkspace(page, THEIRS);
        const url = await shareLinkOf(page);
        return url.slice(0, url.length - 9);
      },
      /truncated|impossible length|corrupt/,
    ],
    [
      'a decompression-bomb',
      (page) => rawLink(page, JSON.stringify({ workspace: ' '.repeat(16 * 1024 * 1024) })),
      /expands to more than 2 MiB/,
    ],
  ];
  for (const [name, makeLink, message] of cases) {
    test(`refuses ${name} link`, async ({ page }) => {
      await page.goto('./');
      const link = await makeLink(page);
      await withWorkspace(page, MINE);
      await page.goto(link);
      const notice = page.getByTestId('share-notice');
      await expect(notice).toContainText(message);
      await expect(notice).toContainText('Your work was not changed.');
      await expect(page.getByTestId('open-link-dialog')).toHaveCount(0);
      expect(await savedWorkspace(page)).toBe(MINE);
    });
  }

  test('keeps script in names as text: nothing runs, nothing is rendered as HTML', async ({
    page,
  }) => {
    const hostile = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: "<img src=x onerror=window.__pwned=1>"\n  labels: {a: "<script>window.__pwned=2</script>"}\nspec:\n  containers: [{name: c, image: nginx}]\n`;
    page.on('dialog', (d) => {
      throw new Error(`a script opened a dialog: ${d.message()}`);
    });
    await withWorkspace(page, MINE);
    const link = await rawLink(page, JSON.stringify({ workspace: hostile }));
    await page.goto(link);
    await expect(page.getByTestId('open-link-dialog')).toBeVisible();
    await page.getByTestId('open-link-dialog').getByText('What the link contains').click();
    await expect(page.getByTestId('open-link-preview')).toContainText('<img src=x onerror');
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  });
});

test.describe('import and export', () => {
  const kubectlList = `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Node
    metadata:
      name: ip-10-0-1-1.ec2.internal
      uid: 3b0e
      resourceVersion: "123"
      managedFields: [{manager: kubelet}]
      labels:
        node.kubernetes.io/instance-type: m5.large
        topology.kubernetes.io/zone: us-east-1a
        karpenter.sh/capacity-type: on-demand
        kubernetes.io/arch: amd64
    status:
      capacity: {cpu: "2", memory: 7910Mi, pods: "29"}
      allocatable: {cpu: 1930m, memory: 7220Mi, pods: "29"}
      conditions: [{type: Ready, status: "True"}]
  - apiVersion: v1
    kind: Secret
    metadata: {name: db}
    data: {password: aHVudGVyMg==}
`;

  test('imports kubectl output, stripped, and the replace can be undone', async ({ page }) => {
    await withWorkspace(page, MINE);
    await page.getByTestId('share-button').click();
    await page.getByTestId('import-text').fill(kubectlList);
    await page.getByTestId('import-submit').click();
    await expect(page.getByTestId('import-notes')).toContainText('Imported 1 Node.');
    await expect(page.getByTestId('import-notes')).toContainText('Left out 1 Secret');
    await page.getByTestId('import-replace').click();
    await expect.poll(() => savedWorkspace(page)).toContain('ip-10-0-1-1.ec2.internal');
    const text = (await savedWorkspace(page)) ?? '';
    expect(text).not.toContain('managedFields');
    expect(text).not.toContain('aHVudGVyMg');
    expect(text).toContain('allocatable');
    await page.getByTestId('scenario-undo').click();
    await expect.poll(() => savedWorkspace(page)).toBe(MINE);
  });

  test('refuses a hostile file with a clear message and changes nothing', async ({ page }) => {
    await withWorkspace(page, MINE);
    await page.getByTestId('share-button').click();
    await page.getByTestId('import-file').setInputFiles({
      name: 'deep.yaml',
      mimeType: 'application/yaml',
      buffer: Buffer.from('['.repeat(50_000)),
    });
    await expect(page.getByTestId('import-error')).toContainText('Cannot import deep.yaml');
    expect(await savedWorkspace(page)).toBe(MINE);
  });

  test('exports the workspace, the timeline and a Markdown summary with the link', async ({
    page,
  }) => {
    await withWorkspace(page, MINE);
    await page.getByTestId('share-button').click();
    await expect(page.getByTestId('share-link')).toHaveValue(/#v=1&s=/);
    const link = await page.getByTestId('share-link').inputValue();
    const files: Record<string, string> = {};
    for (const id of ['export-yaml', 'export-timeline', 'export-markdown']) {
      const download = page.waitForEvent('download');
      await page.getByTestId(id).click();
      const d = await download;
      const path = await d.path();
      files[d.suggestedFilename()] = path
        ? (await import('node:fs')).readFileSync(path, 'utf8')
        : '';
    }
    expect(files['karpenter-lab-workspace.yaml']).toBe(MINE);
    expect(JSON.parse(files['karpenter-lab-timeline.json'] ?? '{}')).toHaveProperty('nodes');
    expect(files['karpenter-lab-summary.md']).toContain(link);
  });
});
