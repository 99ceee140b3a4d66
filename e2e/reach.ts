// Whether a person can reach every control: shared by the layout audit (every screen size) and any
// spec that shows something floating (a notice, a banner) that must not cover what it sits beside.
import type { Page } from '@playwright/test';

/**
 * The controls (and readouts) whose centre is not themselves after scrolling them into view, or
 * that lie outside the window or their pane. Monaco's own widgets are Monaco's business.
 */
export function blockedControls(page: Page): Promise<string[]> {
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
