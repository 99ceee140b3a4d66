// The Share dialog is read whole at every width. It is rendered inside the header's buttons, and
// from 960 px the header keeps to one line (white-space: nowrap, headerSteady.spec.ts): the dialog
// inherited it, so each sentence ran off its right edge ("…nothing is uploaded. Opening", "the
// si", "befo") and the dialog scrolled sideways.
import { expect, openFresh, test } from './fixtures.ts';

const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 768 },
  { width: 390, height: 844 },
] as const;

for (const size of SIZES)
  test(`the Share dialog's text wraps inside it, and Escape closes it (${size.width}×${size.height})`, async ({
    page,
  }, info) => {
    await page.setViewportSize(size);
    await openFresh(page);
    const share = page.getByTestId('share-button');
    await share.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Share, export and import' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByText('nothing is uploaded')).toBeVisible();
    await page.screenshot({ path: info.outputPath('share-dialog.png') });
    // Nothing runs past the dialog's edge: no sideways scroll in it, and every sentence, label and
    // heading is as wide as its box at most.
    const cut = await dialog.evaluate((d) => {
      const over: string[] = [];
      if (d.scrollWidth > d.clientWidth + 1)
        over.push(`dialog ${d.scrollWidth} > ${d.clientWidth}`);
      for (const e of d.querySelectorAll<HTMLElement>('p, label, h2, h3, li'))
        if (e.scrollWidth > e.clientWidth + 1)
          over.push(`${e.tagName} "${(e.textContent ?? '').slice(0, 40)}"`);
      return over;
    });
    expect(cut).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(share).toBeFocused();
  });
