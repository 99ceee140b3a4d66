// A NodePool group's label above its cards, "<NodePool> · <zone>", fitted into the view's width as
// the cards' lines are fitted into theirs (see fitText): learners name NodePools at length
// ("on-demand-memory-optimised-fallback-pool-for-nightly-batches"), and on a 390 px phone such a
// label ran past the SVG's right edge, zone and all. The name is cut, the zone kept (see
// fitKeepingTail); the whole label is the group's tooltip and accessible name.
import type { GroupLabel } from './layout.ts';
import { fitKeepingTail, type CharWidth } from './fitText.ts';
import { put, write } from './dom.ts';

const SVG = 'http://www.w3.org/2000/svg';
/** Kept free at the right beyond the margin: the drawn text may differ from the sum of its
 *  characters' advances by a fraction of a pixel (rounding, kerning), as on the cards. */
const SLACK = 1;

/** The label as drawn: fitted into its room in the labels' font. */
export function groupLabelText(g: GroupLabel, width: CharWidth): string {
  return fitKeepingTail(g.nodePool, g.zone, g.width - SLACK, width);
}

/** Appends a group's parts to its `g`: the title (tooltip and accessible name), then the text.
 *  The role is what Chromium gives a `g` with a title; said, so every tool names it the same. */
export function appendGroupLabel(g: SVGGElement): void {
  g.setAttribute('role', 'group');
  g.appendChild(document.createElementNS(SVG, 'title'));
  const text = document.createElementNS(SVG, 'text');
  text.setAttribute('class', 'group-label');
  g.appendChild(text);
}

/** Writes the group's title, place and drawn text, each only when it differs (see dom.ts). */
export function drawGroupLabel(g: SVGGElement, label: GroupLabel, width: CharWidth): void {
  const [title, text] = g.children;
  if (title) write(title, label.text);
  if (!text) return;
  put(text, 'x', String(label.x));
  put(text, 'y', String(label.y));
  write(text, groupLabelText(label, width));
}
