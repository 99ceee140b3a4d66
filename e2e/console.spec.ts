import type { Page } from '@playwright/test';
import { DEFAULT_WORKSPACE } from '../src/ui/defaultWorkspace.ts';
import { expect, openFresh, openWithSaved, test, waitForSimulation } from './fixtures.ts';

test.beforeEach(async ({ page }) => {
  await openFresh(page);
});

async function command(page: Page, line: string) {
  const input = page.getByLabel('kubectl command');
  await input.fill(line);
  await input.press('Enter');
}

test('kubectl get nodes answers at the cursor with Karpenter labels', async ({ page }) => {
  await command(
    page,
    'kubectl get nodes -L karpenter.sh/capacity-type,node.kubernetes.io/instance-type',
  );
  const out = page.getByTestId('console-output');
  await expect(out).toContainText('CAPACITY-TYPE');
  await expect(out).toContainText(/ip-[\d-]+\.ec2\.internal\s+Ready/);
});

test('kubectl scale becomes a timed action in the workspace and the cluster scales', async ({
  page,
}, info) => {
  await command(page, 'kubectl scale deployment inflate --replicas=12');
  const out = page.getByTestId('console-output');
  await expect(out).toContainText('deployment.apps/inflate scaled');
  // The playhead stands at the run's end, 1:20: the console tells the `at` it wrote, a Go duration.
  await expect(out).toContainText("Added to the Scenario's actions at 1m20s;");
  await expect(page.locator('.documents')).toContainText('Scenario');
  // …and the editor holds exactly that time (it once said 301s and wrote 5m).
  await page
    .locator('.documents')
    .getByRole('button', { name: /^Scenario/ })
    .first()
    .click();
  const editor = page.locator('.monaco-editor .view-lines').first();
  await expect(editor).toContainText('at: 1m20s');
  await expect(editor).toContainText('kubectl scale deployment inflate --replicas=12');
  await waitForSimulation(page);
  await page.getByRole('slider', { name: 'Time' }).press('End');
  await expect(page.locator('.cluster-svg')).toHaveAttribute('aria-label', /12 pods running/);
  await page.screenshot({ path: info.outputPath('console.png') });
});

test('unknown commands list what is supported, and Tab completes', async ({ page }) => {
  await command(page, 'kubectl frobnicate');
  await expect(page.getByTestId('console-output')).toContainText(/get/);
  const input = page.getByLabel('kubectl command');
  await input.fill('kubectl get nodep');
  await input.press('Tab');
  await expect(input).toHaveValue(/kubectl get nodepools? ?/);
});

for (const viewport of [
  { width: 1440, height: 900 },
  { width: 820, height: 1180 },
]) {
  test.describe(`at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });

    test('reads lines as kubectl does: lists, selectors, templates, events, top, explain, refusals', async ({
      page,
    }, info) => {
      await waitForSimulation(page);
      await page.getByRole('slider', { name: 'Time' }).press('End');
      const out = page.getByTestId('console-output');
      const lastLines = () => out.locator('pre').last();

      await command(page, 'kubectl get nodepools,nodeclaims');
      await expect(out).toContainText(/nodepool\.karpenter\.sh\/\S+/);
      await expect(out).toContainText(/nodeclaim\.karpenter\.sh\/\S+/);

      await command(
        page,
        "kubectl get pods -l 'app in (inflate)' --field-selector status.phase=Running -o custom-columns=POD:.metadata.name,NODE:.spec.nodeName --sort-by=.spec.nodeName",
      );
      await expect(lastLines()).toContainText(/^POD\s+NODE\n/);
      await expect(lastLines()).toContainText(/inflate-\S+\s+ip-[\d-]+\.ec2\.internal/);

      await command(page, 'kubectl events --types Normal --for nodepool/nope');
      await expect(out).toContainText('No events found in default namespace.');

      await command(page, 'kubectl get events --field-selector reason=Scheduled -o wide');
      await expect(lastLines()).toContainText('default-scheduler');

      await command(page, 'kubectl top nodes');
      await expect(out).toContainText(
        /NAME\s+CPU\(cores\)\s+CPU\(%\)\s+MEMORY\(bytes\)\s+MEMORY\(%\)/,
      );
      await expect(lastLines()).toContainText('not usage measured by metrics-server');

      await command(page, 'kubectl explain nodepool.spec.disruption');
      await expect(out).toContainText('FIELD: disruption <Object>');
      await expect(out).toContainText('consolidationPolicy');

      await command(page, 'kubectl get pods | grep inflate');
      await expect(lastLines()).toContainText('pipes and redirection are not supported');
      await command(page, 'kubectl get pods --foo');
      await expect(lastLines()).toContainText("See 'kubectl get --help' for usage.");
      await page.screenshot({ path: info.outputPath('console-kubectl.png') });
    });
  });
}

// A run with a fixed end (the Scenario's spec.until) does not grow when an action lands at its end:
// the console says so, instead of re-simulating to a view where nothing seems to happen.
for (const viewport of [
  { width: 1440, height: 900 },
  { width: 820, height: 1180 },
]) {
  test(`a scale at the end of a run with spec.until says nothing after it is simulated (${viewport.width}×${viewport.height})`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    const scenario = [
      'apiVersion: lab.karpenter.playground/v1alpha1',
      'kind: Scenario',
      'metadata:',
      '  name: fixed-end',
      'spec:',
      '  until: 2m',
      '---',
      DEFAULT_WORKSPACE,
    ].join('\n');
    await openWithSaved(page, { workspace: scenario });
    await waitForSimulation(page);
    await expect(page.getByTestId('timeline-clock')).toHaveText('2:00 / 2:00');
    await command(page, 'kubectl scale deployment inflate --replicas=12');
    const out = page.getByTestId('console-output');
    await expect(out).toContainText("Added to the Scenario's actions at 2m;");
    await expect(out).toContainText(
      "The run stops at 2m (the Scenario's spec.until): nothing after this action is simulated.",
    );
    await expect(out.getByText(/The run stops at 2m/)).toBeInViewport();
    // Earlier in the run there is time to see Karpenter act: no such note.
    await page.getByRole('slider', { name: 'Time' }).press('Home');
    await expect(page.getByTestId('timeline-clock')).toHaveText('0:00 / 2:00');
    await command(page, 'kubectl scale deployment inflate --replicas=3');
    await expect(out).toContainText('deployment.apps/inflate scaled', { timeout: 15_000 });
    await expect(out.getByText(/The run stops at/)).toHaveCount(1);
  });
}

// `-w` started at 0 s and then played: its first window used to begin 13 ms before 0 (the first
// animation frame is stamped before Play reads the clock), the worker dropped that question as
// malformed, and what changed in it was never printed.
for (const viewport of [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
])
  test(`kubectl get pods -w from 0s follows the run from its first moment (${viewport.width}×${viewport.height})`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    const warnings: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'warning') warnings.push(m.text());
    });
    await page.getByRole('slider', { name: 'Time' }).press('Home');
    await expect(page.getByTestId('timeline-clock')).toHaveText(/^0:00 \//);
    await command(page, 'kubectl get pods -w');
    const out = page.getByTestId('console-output');
    await expect(out).toContainText(/inflate-\S+\s+0\/1\s+Pending/);
    await page.getByRole('combobox', { name: /speed/i }).selectOption({ label: '60×' });
    await page.getByRole('button', { name: 'Play' }).click();
    await expect(out).toContainText(/inflate-\S+\s+1\/1\s+Running/);
    expect(warnings.filter((w) => /malformed/.test(w))).toEqual([]);
    await expect(page.getByTestId('timeline-clock')).not.toHaveText(/^-/);
  });
