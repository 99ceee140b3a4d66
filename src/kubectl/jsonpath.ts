// kubectl's JSONPath templates (-o jsonpath, -o custom-columns, --sort-by), the subset people
// type: text outside braces printed as is; inside `{…}`: `.a.b`, `$`, `@`, `[n]`, `[-1]`, `[a:b]`,
// `[*]`, `['key']`, escaped dots (`.metadata.labels.karpenter\.sh/nodepool`), filters
// `[?(@.type=="Ready")]` (==, !=, <, >, <=, >=, or existence), `range … end`, and string literals
// such as `{"\n"}`. Several results of one expression print separated by spaces; a missing key
// prints nothing (kubectl's --allow-missing-template-keys=true). Not supported: `..` recursive
// descent, unions (`[a,b]`), and functions; they fail with a located message.
type Step =
  | { kind: 'key'; key: string }
  | { kind: 'all' }
  | { kind: 'index'; index: number }
  | { kind: 'slice'; from?: number; to?: number }
  | { kind: 'filter'; path: Step[]; op?: string; value?: string | number };

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'path'; steps: Step[] }
  | { kind: 'range'; steps: Step[]; body: Node[] };

export type Template = Node[];

export class JsonPathError extends Error {}

/** Parses `.a[0].b` (after the leading `$`/`@`, if any) into steps. */
function parsePath(src: string, at: { i: number }, stop: (c: string) => boolean): Step[] {
  const steps: Step[] = [];
  const fail = (what: string): never => {
    throw new JsonPathError(`${what} at character ${at.i + 1}`);
  };
  if (src[at.i] === '$' || src[at.i] === '@') at.i++;
  while (at.i < src.length && !stop(src[at.i] ?? '')) {
    const c = src[at.i];
    if (c === '.') {
      at.i++;
      if (src[at.i] === '.') fail('recursive descent (..) is not supported');
      let key = '';
      while (at.i < src.length && !/[.[\]\s}()=!<>,]/.test(src[at.i] ?? '')) {
        if (src[at.i] === '\\' && at.i + 1 < src.length) at.i++;
        key += src[at.i];
        at.i++;
      }
      if (key === '*') steps.push({ kind: 'all' });
      else if (key !== '') steps.push({ kind: 'key', key });
    } else if (c === '[') {
      const close = src.indexOf(']', at.i);
      if (close < 0) fail('unclosed array, expected ]');
      const inner = src.slice(at.i + 1, close).trim();
      let m: RegExpExecArray | null;
      if (inner === '*') steps.push({ kind: 'all' });
      else if (/^-?\d+$/.test(inner)) steps.push({ kind: 'index', index: Number(inner) });
      else if ((m = /^(-?\d*):(-?\d*)$/.exec(inner)))
        steps.push({
          kind: 'slice',
          ...(m[1] ? { from: Number(m[1]) } : {}),
          ...(m[2] ? { to: Number(m[2]) } : {}),
        });
      else if ((m = /^'([^']*)'$|^"([^"]*)"$/.exec(inner)))
        steps.push({ kind: 'key', key: m[1] ?? m[2] ?? '' });
      else if (inner.startsWith('?(')) {
        const end = src.indexOf(')]', at.i);
        if (end < 0) fail('unclosed filter, expected )]');
        steps.push(parseFilter(src.slice(at.i + 3, end), fail));
        at.i = end + 2;
        continue;
      } else fail(`unsupported array expression [${inner}]`);
      at.i = close + 1;
    } else fail(`unexpected "${c ?? ''}"`);
  }
  return steps;
}

function parseFilter(text: string, fail: (what: string) => never): Step {
  const m = /^\s*(@[^=!<>]*?)\s*(?:(==|!=|<=|>=|<|>)\s*(.+?))?\s*$/.exec(text);
  if (!m) return fail(`cannot parse filter ?(${text})`);
  const path = parsePath(m[1] ?? '@', { i: 0 }, () => false);
  if (m[2] === undefined) return { kind: 'filter', path };
  const raw = m[3] ?? '';
  const quoted = /^'(.*)'$|^"(.*)"$/.exec(raw);
  const value = quoted ? (quoted[1] ?? quoted[2] ?? '') : Number(raw);
  if (typeof value === 'number' && Number.isNaN(value))
    return fail(`filter value ${raw} is neither a quoted string nor a number`);
  return { kind: 'filter', path, op: m[2], value };
}

function unescape(s: string): string {
  return s.replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r' })[c] ?? c);
}

/** Parses a whole template; throws JsonPathError with what went wrong. */
export function parseTemplate(template: string): Template {
  const root: Node[] = [];
  const stack: { body: Node[] }[] = [{ body: root }];
  const top = (): Node[] => (stack[stack.length - 1] as { body: Node[] }).body;
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open < 0) {
      top().push({ kind: 'text', text: template.slice(i) });
      break;
    }
    if (open > i) top().push({ kind: 'text', text: template.slice(i, open) });
    const close = template.indexOf('}', open);
    if (close < 0) throw new JsonPathError(`unclosed action at character ${open + 1}`);
    const expr = template.slice(open + 1, close).trim();
    i = close + 1;
    const literal = /^"((?:[^"\\]|\\.)*)"$|^'((?:[^'\\]|\\.)*)'$/.exec(expr);
    if (literal) top().push({ kind: 'text', text: unescape(literal[1] ?? literal[2] ?? '') });
    else if (expr === 'end') {
      if (stack.length === 1) throw new JsonPathError('not in range, nothing to end');
      stack.pop();
    } else if (expr.startsWith('range ')) {
      const node: Node = {
        kind: 'range',
        steps: parsePath(expr.slice(6).trim(), { i: 0 }, () => false),
        body: [],
      };
      top().push(node);
      stack.push(node);
    } else top().push({ kind: 'path', steps: parsePath(expr, { i: 0 }, () => false) });
  }
  if (stack.length > 1) throw new JsonPathError('range without end');
  return root;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function compare(a: unknown, op: string, b: string | number): boolean {
  const x = typeof b === 'number' ? Number(a) : String(a);
  switch (op) {
    case '==':
      return x === b;
    case '!=':
      return x !== b;
    case '<':
      return x < b;
    case '>':
      return x > b;
    case '<=':
      return x <= b;
    default:
      return x >= b;
  }
}

/** Every value the steps reach from `value`. */
export function evaluate(steps: readonly Step[], value: unknown): unknown[] {
  let cur: unknown[] = [value];
  for (const s of steps) {
    const next: unknown[] = [];
    for (const v of cur) {
      if (s.kind === 'key') {
        if (isObject(v) && v[s.key] !== undefined) next.push(v[s.key]);
      } else if (s.kind === 'all') {
        if (Array.isArray(v)) next.push(...(v as unknown[]));
        else if (isObject(v)) next.push(...Object.values(v));
      } else if (!Array.isArray(v)) continue;
      else if (s.kind === 'index') {
        const item = (v as unknown[])[s.index < 0 ? v.length + s.index : s.index];
        if (item !== undefined) next.push(item);
      } else if (s.kind === 'slice') next.push(...(v as unknown[]).slice(s.from, s.to));
      else
        for (const item of v as unknown[]) {
          const found = evaluate(s.path, item);
          if (
            s.op === undefined
              ? found.length > 0
              : found.some((f) => compare(f, s.op ?? '==', s.value ?? ''))
          )
            next.push(item);
        }
    }
    cur = next;
  }
  return cur;
}

/** How kubectl prints one value: strings as they are, everything else as JSON. */
export function printValue(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function render(nodes: readonly Node[], data: unknown): string {
  let out = '';
  for (const n of nodes) {
    if (n.kind === 'text') out += n.text;
    else if (n.kind === 'path') out += evaluate(n.steps, data).map(printValue).join(' ');
    else
      for (const item of evaluate(n.steps, data).flatMap((v) => (Array.isArray(v) ? v : [v])))
        out += render(n.body, item);
  }
  return out;
}

/** Runs a template over data (an object, or a List for several). */
export function execute(template: Template, data: unknown): string {
  return render(template, data);
}

/** A bare path (`.metadata.name`) or one in braces (`{.metadata.name}`), as --sort-by and custom-columns take it. */
export function parseFieldPath(text: string): Step[] {
  const t = text.trim();
  const inner = t.startsWith('{') && t.endsWith('}') ? t.slice(1, -1) : t;
  if (!inner.startsWith('.') && !inner.startsWith('$') && !inner.startsWith('['))
    throw new JsonPathError(
      `${text} is not a field path (it should start with a dot, e.g. .metadata.name)`,
    );
  return parsePath(inner, { i: 0 }, () => false);
}
