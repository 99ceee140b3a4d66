// The time slider from the keyboard: an arrow moved it 100 ms (800 presses for the 80 s run, and
// the clock did not show the move). It moves a second a press now, to the next 10 s mark with PageUp/PageDown, and
// Shift+arrow keeps the 100 ms step. The clock, a live region, is silent while playing (it was
// announced every frame).
import { expect, openFresh, test } from './fixtures.ts';

for (const size of [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
])
  test(`the time slider moves by seconds from the keyboard, and the clock is quiet while playing (${size.width}×${size.height})`, async ({
    page,
  }, info) => {
    await page.setViewportSize(size);
    await openFresh(page);
    const slider = page.getByRole('slider', { name: 'Time' });
    const clock = page.getByTestId('timeline-clock');
    await slider.press('Home');
    await expect(clock).toHaveText('0:00 / 1:20');
    for (let i = 0; i < 3; i++) await slider.press('ArrowRight');
    await expect(clock).toHaveText('0:03 / 1:20');
    await expect(slider).toHaveAttribute('aria-valuetext', '0:03 of 1:20');
    await slider.press('PageUp'); // to the next 10 s mark
    await expect(clock).toHaveText('0:10 / 1:20');
    await slider.press('PageUp');
    await expect(clock).toHaveText('0:20 / 1:20');
    await slider.press('ArrowLeft');
    await expect(clock).toHaveText('0:19 / 1:20');
    await slider.press('PageDown');
    await expect(clock).toHaveText('0:10 / 1:20');
    await slider.press('Shift+ArrowRight');
    await expect(slider).toHaveValue('10100');
    await slider.press('End');
    await expect(clock).toHaveText('1:20 / 1:20');
    await page.screenshot({ path: info.outputPath('timeline.png') });

    await slider.press('Home');
    await expect(clock).not.toHaveAttribute('aria-live', 'off');
    await page.getByRole('button', { name: 'Play' }).click();
    await expect(clock).toHaveAttribute('aria-live', 'off');
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect(clock).toHaveAttribute('aria-live', 'polite');
  });
