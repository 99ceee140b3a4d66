// The pending queue's label above its pods, fitted into the view's width as the group labels are
// (see groupLabels.ts). It says why pods wait, and that can be long: "Pending pods: 2 · 1 pinned
// to us-east-1b by its volume · 1 pinned to us-east-1c by its volume" ran ~250 px past the SVG's
// right edge on a 390 px phone. The count comes first and is kept whole; the rest is cut after a
// word (see fitKeepingHead); the whole label is the queue's tooltip and accessible name.
import type { Frame } from '../../pipeline/view.ts';
import type { Layout } from './layout.ts';
import { fitKeepingHead, type CharWidth } from './fitText.ts';
import { appendTitledLabel, drawTitledLabel, SLACK } from './titledLabel.ts';

/**
 * "1 pinned to us-east-1c by its volume": pending pods whose bound volumes fix their zone, by zone,
 * so the queue says where they can go without opening each pod.
 */
function volumeWaits(frame: Frame): string[] {
  const byZone = new Map<string, number>();
  for (const p of frame.pods)
    if (p.phase === 'Pending' && p.volume?.bound && p.volume.zone)
      byZone.set(p.volume.zone, (byZone.get(p.volume.zone) ?? 0) + 1);
  return [...byZone]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([zone, n]) => `${n} pinned to ${zone} by ${n === 1 ? 'its volume' : 'their volumes'}`);
}

/** The label's parts, the count first: pods nominated to a launching NodeClaim are drawn on its
 *  card but are still Pending to Kubernetes (`kubectl get pods`), so they count, and say so. */
export function queueLabelParts(frame: Frame, pending: number, nominated: number): string[] {
  return [
    `Pending pods: ${pending}`,
    ...(nominated > 0 ? [`${nominated} nominated to launching nodes`] : []),
    ...volumeWaits(frame),
  ];
}

/** The label as drawn: fitted into the queue's room in the labels' font. */
export function queueLabelText(
  parts: readonly string[],
  queue: Layout['queue'],
  width: CharWidth,
): string {
  return fitKeepingHead(parts, queue.width - SLACK, width);
}

/** Appends the label's title and text to `g` and returns the text (its font is measured). */
export function appendQueueLabel(g: SVGGElement): SVGTextElement {
  return appendTitledLabel(g, 'queue-label');
}

export function drawQueueLabel(
  g: SVGGElement,
  queue: Layout['queue'],
  parts: readonly string[],
  width: CharWidth,
): void {
  drawTitledLabel(g, {
    title: parts.join(' · '),
    x: queue.x,
    y: queue.y,
    text: queueLabelText(parts, queue, width),
  });
}
