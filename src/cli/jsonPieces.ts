// The CLI's JSON document (`--json`), written in pieces. JSON.stringify of a 5,000-pod run makes one
// ~25 MB string out of many parts, and the first read of it copies all of it into one flat string
// (~150 ms, on top of the stringify) before a byte can be written. Here the top-level arrays
// (events, pods, nodes, …) are stringified a slice of elements at a time, each slice nested at its
// final depth so JSON.stringify itself indents it: the pieces concatenate to exactly
// JSON.stringify(doc, null, 2) (an element's toJSON(key) would see its index within the slice;
// the CLI's documents are plain data). ws5000: ~490 → ~240 ms CPU for the JSON to /dev/null.

/** Elements of a top-level array stringified together (one piece, ~100–200 KB at ws5000). */
const SLICE = 256;

/** Writes JSON.stringify(doc, null, 2) to `out`, in pieces, for a plain object `doc`. */
export function writeJson(doc: Readonly<Record<string, unknown>>, out: (s: string) => void): void {
  let members = 0;
  out('{');
  for (const key of Object.keys(doc)) {
    const value = doc[key];
    const sep = members === 0 ? '\n' : ',\n';
    if (Array.isArray(value) && value.length > SLICE && !hasToJSON(value)) {
      out(`${sep}  ${JSON.stringify(key)}: [\n    `);
      for (let i = 0; i < value.length; i += SLICE) {
        // [[e0, e1, …]] puts the elements at depth 2: "[\n  [\n    e0,\n    e1\n  ]\n]".
        const text = JSON.stringify([value.slice(i, i + SLICE)], null, 2);
        out(`${i === 0 ? '' : ',\n    '}${text.slice(10, -6)}`);
      }
      out('\n  ]');
      members++;
      continue;
    }
    // { key: value } drops the member exactly when JSON.stringify would (undefined, functions…).
    const text = JSON.stringify({ [key]: value }, null, 2);
    if (text === '{}') continue;
    out(`${sep}${text.slice(2, -2)}`);
    members++;
  }
  out(members === 0 ? '}' : '\n}');
}

function hasToJSON(value: object): boolean {
  return typeof (value as { toJSON?: unknown }).toJSON === 'function';
}
