// A located problem in the workspace text. One shape feeds both the CLI (formatDiagnostic on
// stderr) and the editor (Monaco markers take the same 1-based line/column and end position).

export type Severity = 'error' | 'warning';

/** What the UI can offer to do about a diagnostic (a code action / quick fix). */
export interface DiagnosticFix {
  readonly title: string;
  /** 'convert' = run convertDocument on this document and show the result side by side. */
  readonly action: 'convert';
}

export interface Diagnostic {
  readonly severity: Severity;
  /** The detail, worded like the API server ("Unsupported value: ...") plus a plain hint. */
  readonly message: string;
  readonly file: string;
  /** 0-based index of the YAML document in the file. */
  readonly doc: number;
  /** 1-based; end is exclusive like Monaco's endColumn. */
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** Field path like `spec.template.spec.requirements[1].operator`; '' for the document itself. */
  readonly path: string;
  readonly code: DiagnosticCode;
  readonly fix?: DiagnosticFix;
}

export type DiagnosticCode =
  | 'yaml' // the text is not valid YAML
  | 'duplicate-key'
  | 'limit' // size, depth or alias-expansion cap
  | 'no-kind' // apiVersion or kind missing
  | 'no-matches' // kind/version not served by this (simulated) cluster
  | 'not-simulated' // a kind any cluster accepts that the lab leaves out (registry.ts notSimulated)
  | 'required'
  | 'type'
  | 'enum'
  | 'pattern'
  | 'range'
  | 'rule' // a CEL rule, webhook rule or API-server check
  | 'unknown-field'
  | 'reference' // names another object that is not in the workspace
  | 'duplicate-object';

/** `path: message` — what kubectl prints after the object name. */
export function diagnosticText(d: Diagnostic): string {
  return d.path === '' ? d.message : `${d.path}: ${d.message}`;
}

/** `file:line:column: message` for the CLI's stderr (warnings say so). */
export function formatDiagnostic(d: Diagnostic): string {
  const sev = d.severity === 'warning' ? 'warning: ' : '';
  return `${d.file}:${d.line}:${d.column}: ${sev}${diagnosticText(d)}`;
}

export function hasErrors(ds: readonly Diagnostic[]): boolean {
  return ds.some((d) => d.severity === 'error');
}

/** Field path segments → the API server's notation: `a.b[0].c`, map keys with dots in brackets. */
export function pathToString(path: readonly (string | number)[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${seg}]`;
  }
  return out;
}
