// A label drawn fitted into the view's width, with its whole text as its tooltip and accessible
// name: `<g role="group"><title>whole</title><text class="…">fitted</text></g>`. The NodePool
// group labels and the pending queue's label are drawn so (see groupLabels.ts, queueLabel.ts).
import { put, write } from './dom.ts';

const SVG = 'http://www.w3.org/2000/svg';
/** Kept free at the right beyond the margin: the drawn text may differ from the sum of its
 *  characters' advances by a fraction of a pixel (rounding, kerning), as on the cards. */
export const SLACK = 1;

/** Appends a label's parts to its `g`: the title (tooltip and accessible name), then the text,
 *  which it returns. The role is what Chromium gives a `g` with a title; said, so every tool names
 *  it the same. */
export function appendTitledLabel(g: SVGGElement, className: string): SVGTextElement {
  g.setAttribute('role', 'group');
  g.appendChild(document.createElementNS(SVG, 'title'));
  const text = document.createElementNS(SVG, 'text');
  text.setAttribute('class', className);
  g.appendChild(text);
  return text;
}

/** Writes the label's title, place and drawn text, each only when it differs (see dom.ts). */
export function drawTitledLabel(
  g: SVGGElement,
  label: { title: string; x: number; y: number; text: string },
): void {
  const [title, text] = g.children;
  if (title) write(title, label.title);
  if (!text) return;
  put(text, 'x', String(label.x));
  put(text, 'y', String(label.y));
  write(text, label.text);
}
