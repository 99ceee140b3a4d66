// Ctrl+Z in the editor after a change made from outside it (a console command, the documents bar,
// a lab step) undoes that change only: the learner's last typed edit stays. The outside edit used
// to merge into the learner's open typing group, and one Ctrl+Z took both away (`replicas: ` left
// empty). Each case types `12` over `replicas: 5`, makes the change, presses Ctrl+Z once.
import type { Page } from '@playwright/test';
import {
  expect,
  focusEditor,
  loadLabStep,
  openFresh,
  test,
  waitForSimulation,
} from './fixtures.ts';

const editor = (page: Page) => page.locator('.monaco-editor .view-lines').first();

/** Types `12` over the 5 of `replicas: 5`, as a person does: click the line, End, Backspace. */
async function typeReplicas12(page: Page): Promise<void> {
  await focusEditor(page);
  await page.getByRole('button', { name: 'Deployment inflate', exact: true }).click();
  await page.locator('.monaco-editor .view-line', { hasText: 'replicas: 5' }).first().click();
  await page.keyboard.press('End');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('12');
  await expect(editor(page)).toContainText('replicas: 12');
  await waitForSimulation(page);
}

async function undoOnce(page: Page): Promise<void> {
  await focusEditor(page);
  await page.keyboard.press('ControlOrMeta+Z');
}

const bar = (page: Page) => page.getByRole('navigation', { name: 'Documents in the workspace' });

const cases: {
  name: string;
  change(page: Page): Promise<void>;
  undone(page: Page): Promise<void>;
}[] = [
  {
    name: 'a console kubectl scale at 0s',
    async change(page) {
      await page.getByRole('slider', { name: 'Time' }).press('Home');
      const input = page.getByLabel('kubectl command');
      await input.fill('kubectl scale deployment inflate --replicas=3');
      await input.press('Enter');
      await expect(page.getByTestId('console-output')).toContainText('inflate scaled');
      await expect(editor(page)).toContainText('replicas: 3');
    },
    async undone(page) {
      await expect(editor(page)).not.toContainText('replicas: 3');
    },
  },
  {
    name: 'removing a document with ×',
    async change(page) {
      await bar(page).getByRole('button', { name: 'Remove EC2NodeClass default' }).click();
      await expect(bar(page).getByRole('list')).not.toContainText('EC2NodeClass');
    },
    async undone(page) {
      await expect(bar(page).getByRole('list')).toContainText('EC2NodeClass default');
    },
  },
  {
    name: 'adding a document from a template',
    async change(page) {
      await bar(page)
        .getByLabel('Add a document from a template')
        .selectOption('PodDisruptionBudget');
      await expect(bar(page)).toContainText('PodDisruptionBudget poddisruptionbudget');
    },
    async undone(page) {
      await expect(bar(page).getByRole('list')).not.toContainText('PodDisruptionBudget');
    },
  },
  {
    name: "a lab's Load step",
    async change(page) {
      await loadLabStep(page, /just-in-time scaling/);
      await expect(editor(page)).toContainText('seed-lab');
    },
    async undone(page) {
      await expect(editor(page)).not.toContainText('seed-lab');
    },
  },
];

for (const size of [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
])
  for (const c of cases)
    test(`Ctrl+Z after ${c.name} keeps my typed edit (${size.width}×${size.height})`, async ({
      page,
    }, info) => {
      await page.setViewportSize(size);
      await openFresh(page);
      await typeReplicas12(page);
      await c.change(page);
      await undoOnce(page);
      await c.undone(page);
      await page.getByRole('button', { name: 'Deployment inflate', exact: true }).click();
      await expect(editor(page)).toContainText('replicas: 12');
      await page.screenshot({ path: info.outputPath('after-undo.png') });
    });
