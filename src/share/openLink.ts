// Opening a link must never cost the learner their work. The decision is pure so it is tested
// here and the dialog (src/ui/share/OpenLinkDialog.tsx) only renders it.
//
//   'same'  the link holds the text the learner already has: just apply its time/step.
//   'open'  the local text is nothing of the learner's (empty, or an untouched default/lab start):
//           open the link directly.
//   'ask'   anything else: offer keep both / open link / keep mine.
export type OpenLinkDecision = 'same' | 'open' | 'ask';

/** Line endings and trailing whitespace do not make two workspaces different. */
export function normalizeText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .trim();
}

export function decideOpenLink(
  local: string,
  linked: string,
  pristine: readonly string[] = [],
): OpenLinkDecision {
  const mine = normalizeText(local);
  if (mine === normalizeText(linked)) return 'same';
  if (mine === '' || pristine.some((p) => normalizeText(p) === mine)) return 'open';
  return 'ask';
}

/** The name "keep both" saves the local work under: says where it came from and when. */
export function keepBothName(stamp: string): string {
  return `my work before opening a link (${stamp})`;
}
