// A NodePool group's label above its cards, "<NodePool> · <zone>", fitted into the view's width as
// the cards' lines are fitted into theirs (see fitText): learners name NodePools at length
// ("on-demand-memory-optimised-fallback-pool-for-nightly-batches"), and on a 390 px phone such a
// label ran past the SVG's right edge, zone and all. The name is cut, the zone kept (see
// fitKeepingTail); the whole label is the group's tooltip and accessible name.
import type { GroupLabel } from './layout.ts';
import { fitKeepingTail, type CharWidth } from './fitText.ts';
import { appendTitledLabel, drawTitledLabel, SLACK } from './titledLabel.ts';

/** The label as drawn: fitted into its room in the labels' font. */
export function groupLabelText(g: GroupLabel, width: CharWidth): string {
  return fitKeepingTail(g.nodePool, g.zone, g.width - SLACK, width);
}

export function appendGroupLabel(g: SVGGElement): void {
  appendTitledLabel(g, 'group-label');
}

export function drawGroupLabel(g: SVGGElement, label: GroupLabel, width: CharWidth): void {
  drawTitledLabel(g, {
    title: label.text,
    x: label.x,
    y: label.y,
    text: groupLabelText(label, width),
  });
}
