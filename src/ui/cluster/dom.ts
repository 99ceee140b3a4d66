/**
 * Writes an attribute, or an element's text, only when it differs. Chromium lays an SVG element out
 * again whenever one is written, equal or not, and a text set to itself is a new text node: the
 * group labels, the queue label and the SVG's size written on every update made the frame after a
 * 2,000-pod result lay out ~7 ms more.
 */
export function put(e: Element, name: string, value: string): void {
  if (e.getAttribute(name) !== value) e.setAttribute(name, value);
}
export function write(e: Element, text: string): void {
  if (e.textContent !== text) e.textContent = text;
}
