// Shell-like word splitting for command lines (the console and Scenario `run:` strings): quotes,
// backslash escapes and operators read as a POSIX shell reads them, by shell-quote. What a shell
// would hand to another program or file (pipes, redirections, `;`, `&&`) has no meaning in a
// single simulated kubectl, so it is refused with a plain message rather than silently split.
import { parse } from 'shell-quote';

export type ShellWords = { ok: true; words: string[] } | { ok: false; error: string };

const REDIRECTS = new Set(['|', '|&', '>', '>>', '<', '>&', '<&', '<(', '>(', '<<<', '&>']);

/** The quote left open at the end of the line and the column (1-based) it opened at. */
function openQuote(line: string): { quote: string; column: number } | undefined {
  let open: { quote: string; column: number } | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (open?.quote === "'") {
      if (c === "'") open = undefined;
    } else if (c === '\\') i++;
    else if (open) {
      if (c === '"') open = undefined;
    } else if (c === "'" || c === '"') open = { quote: c, column: i + 1 };
  }
  return open;
}

export function shellWords(line: string): ShellWords {
  const open = openQuote(line);
  if (open)
    return {
      ok: false,
      error: `unterminated ${open.quote} quote starting at column ${open.column}: close it with another ${open.quote}`,
    };
  // No environment here: $NAME stays as typed instead of expanding to nothing.
  const entries = parse(line, (name) => `$${name}`);
  const words: string[] = [];
  for (const e of entries) {
    if (typeof e === 'string') words.push(e);
    else if ('comment' in e) break;
    else if (e.op === 'glob')
      words.push(e.pattern); // no files to match: the word as typed
    else if (REDIRECTS.has(e.op))
      return {
        ok: false,
        error:
          'pipes and redirection are not supported; run the command on its own and filter with -l, --field-selector or -o jsonpath',
      };
    else if (e.op === '(' || e.op === ')')
      return {
        ok: false,
        error: "unquoted parentheses: quote the selector, e.g. -l 'app in (a,b)'",
      };
    else
      return {
        ok: false,
        error: `one command per line: this console does not run "${e.op}" between commands`,
      };
  }
  return { ok: true, words };
}
