// -o: the printer kubectl picks for an output format, with its template parsed up front so a bad
// one fails before anything is listed.
import { JsonPathError, parseFieldPath, parseTemplate, type Template } from './jsonpath.ts';

export type Output =
  | { kind: 'table' | 'wide' | 'yaml' | 'json' | 'name' }
  | { kind: 'jsonpath'; template: Template }
  | {
      kind: 'custom-columns';
      columns: { header: string; path: ReturnType<typeof parseFieldPath> }[];
    };

const FORMATS = 'custom-columns,json,jsonpath,name,wide,yaml';

/** `-o` → a printer, or kubectl's error text. */
export function parseOutput(o: string | undefined): Output | string {
  if (o === undefined) return { kind: 'table' };
  if (o === 'wide' || o === 'yaml' || o === 'json' || o === 'name') return { kind: o };
  const eq = o.indexOf('=');
  const format = eq < 0 ? o : o.slice(0, eq);
  const arg = eq < 0 ? '' : o.slice(eq + 1);
  try {
    if (format === 'jsonpath') {
      if (arg === '') return 'error: template format specified but no template given';
      return { kind: 'jsonpath', template: parseTemplate(arg) };
    }
    if (format === 'custom-columns') {
      if (arg === '') return 'error: custom-columns format specified but no custom columns given';
      const columns = [];
      for (const spec of arg.split(',')) {
        const colon = spec.indexOf(':');
        if (colon <= 0)
          return `error: unexpected custom-columns spec: ${spec}, expected <header>:<json-path-expr>`;
        columns.push({ header: spec.slice(0, colon), path: parseFieldPath(spec.slice(colon + 1)) });
      }
      return { kind: 'custom-columns', columns };
    }
  } catch (e) {
    const what = e instanceof JsonPathError ? e.message : String(e);
    return `error: error parsing ${format} ${arg}: ${what}`;
  }
  return `error: unable to match a printer suitable for the output format "${o}", allowed formats are: ${FORMATS}`;
}
