// The Events list is one tab stop: Tab leaves it in one press (it used to take one press per event,
// up to 200), the arrow keys, Home and End move between events, Enter explains the one focused,
// and Shift+Tab comes back to the event last focused.
import type { Page } from '@playwright/test';
import { DETAIL_SIZES, expect, openFresh, test, waitForSimulation } from './fixtures.ts';

const focusedEvent = (page: Page) =>
  page.evaluate(() => {
    const b = document.activeElement;
    return b?.classList.contains('event-link') ? (b.textContent ?? '') : undefined;
  });

for (const size of DETAIL_SIZES)
  test(`the events list is one tab stop with arrow keys inside (${size.width}px)`, async ({
    page,
  }) => {
    await page.setViewportSize(size);
    await openFresh(page);
    await waitForSimulation(page);
    const buttons = page.getByTestId('events').getByRole('button');
    expect(await buttons.count()).toBeGreaterThan(5);
    // textContent: rows out of view skip rendering (content-visibility), so innerText is empty
    const texts = await buttons.evaluateAll((bs) => bs.map((b) => b.textContent ?? ''));
    await buttons.first().focus();
    expect(await focusedEvent(page)).toBe(texts[0]);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await focusedEvent(page)).toBe(texts[2]);
    await page.keyboard.press('ArrowUp');
    expect(await focusedEvent(page)).toBe(texts[1]);
    await page.keyboard.press('End');
    expect(await focusedEvent(page)).toBe(texts.at(-1));
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    // One Tab leaves the list; Shift+Tab comes back to the same event.
    await page.keyboard.press('Tab');
    expect(await focusedEvent(page)).toBeUndefined();
    await page.keyboard.press('Shift+Tab');
    expect(await focusedEvent(page)).toBe(texts[1]);
    // Enter explains it.
    const reason = ((await buttons.nth(1).locator('b').textContent()) ?? '').trim();
    await page.keyboard.press('Enter');
    await expect(
      page.getByTestId('details').getByRole('heading', { name: new RegExp(reason) }),
    ).toBeVisible();
  });
