// Text building blocks shared by the CLI and plan reports: aligned columns (kubectl style),
// Markdown tables and money. No engine imports.

/** Columns padded to the widest cell, three spaces apart, like `kubectl get`. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  return rows
    .map((r) =>
      r
        .map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd((widths[c] ?? 0) + 3)))
        .join('')
        .trimEnd(),
    )
    .join('\n');
}

const mdCell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** A GitHub-flavoured Markdown table; the first row is the header. */
export function markdownTable(rows: readonly (readonly string[])[]): string {
  const [head, ...body] = rows;
  if (!head) return '';
  return [
    `| ${head.map(mdCell).join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...body.map((r) => `| ${r.map(mdCell).join(' | ')} |`),
  ].join('\n');
}

export const money = (v: number): string => `$${v.toFixed(4)}`;

/** The format name CLI JSON and YAML carry in `apiVersion` (docs/cli.md describes each kind). */
export const CLI_API_VERSION = 'cli.karpenter.playground/v1';
