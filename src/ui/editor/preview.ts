// What the plain-text stand-in (LazyEditor) shows of the workspace before Monaco has loaded.
/** Lines of the workspace the plain-text stand-in shows. Laying out all of a 764 KB workspace
 *  (the 20,000-pod benchmark) took the page 0.8–1.5 s in one task while the first run went on
 *  (issue 12: no main-thread task over 50 ms); a screenful or two is what can be read before the
 *  editor comes. */
const PREVIEW_LINES = 200;

/** The first PREVIEW_LINES lines of `text`, and how many more there are. */
export function preview(text: string): { head: string; more: number } {
  let at = -1;
  for (let i = 0; i < PREVIEW_LINES; i++) {
    at = text.indexOf('\n', at + 1);
    if (at < 0) return { head: text, more: 0 };
  }
  let more = 0;
  for (let i = at; i >= 0 && i < text.length - 1; i = text.indexOf('\n', i + 1)) more++;
  return { head: text.slice(0, at + 1), more };
}
