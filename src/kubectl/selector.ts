// kubectl's label selector syntax (-l / --selector): equality (a=b, a==b, a!=b), existence (a, !a)
// and set-based (a in (x,y), a notin (x)), comma-separated and ANDed.
import { own } from '../sim/own.ts';
export type Selector = (labels: Readonly<Record<string, string>>) => boolean;

/** Split on commas that are not inside parentheses: "a in (x,y),b" → ["a in (x,y)", "b"]. */
function clauses(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  out.push(cur.trim());
  return out;
}

/** A selector, or kubectl's own complaint about the text. */
export function parseSelector(text: string): Selector | { error: string } {
  const tests: Selector[] = [];
  for (const c of clauses(text)) {
    let m: RegExpExecArray | null;
    if ((m = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(c))) {
      const [, key = '', op, list = ''] = m;
      const values = new Set(
        list
          .split(',')
          .map((v) => v.trim())
          .filter((v) => v !== ''),
      );
      tests.push(
        op === 'in'
          ? (l) => values.has(own(l, key) ?? '\0')
          : (l) => !values.has(own(l, key) ?? '\0'),
      );
    } else if ((m = /^([\w./-]+)\s*(==|=|!=)\s*([\w./-]*)$/.exec(c))) {
      const [, key = '', op, value = ''] = m;
      tests.push(op === '!=' ? (l) => own(l, key) !== value : (l) => own(l, key) === value);
    } else if ((m = /^!\s*([\w./-]+)$/.exec(c))) {
      const key = m[1] ?? '';
      tests.push((l) => !Object.hasOwn(l, key));
    } else if ((m = /^([\w./-]+)$/.exec(c))) {
      const key = m[1] ?? '';
      tests.push((l) => Object.hasOwn(l, key));
    } else
      return { error: `error: unable to parse requirement: found '${c}', expected: identifier` };
  }
  return (labels) => tests.every((t) => t(labels));
}
