// parseWorkspace: multi-document YAML text → typed, validated objects + located diagnostics.
// Never throws: hostile input becomes diagnostics (see source.ts for the caps).

import type { KubeObject, Scenario } from '../sim/k8s.ts';
import type { Diagnostic, DiagnosticCode, DiagnosticFix, Severity } from './diagnostic.ts';
import { pathToString } from './diagnostic.ts';
import { lookupKind, notSimulated, SCENARIO_API_VERSION } from './registry.ts';
import type { KindDef } from './registry.ts';
import type { Spec } from './schema/dsl.ts';
import { validateValue } from './schema/validate.ts';
import { heldBackName } from './heldBack.ts';
import { loadDocuments, setOwn } from './source.ts';
import type { LoadOptions, Path, SourceDoc, Span } from './source.ts';
import { startingVersion } from './version.ts';
import type { KarpenterVersion } from './version.ts';
import type { LineCounter } from 'yaml';

/** NodePools and Provisioners per workspace: each costs every solve and disruption pass. */
export const MAX_NODE_POOLS = 100;
/** More than this many diagnostics helps nobody and slows the editor down. */
export const MAX_DIAGNOSTICS = 500;

export interface ParseOptions extends LoadOptions {
  /** File name used in diagnostics (default "workspace.yaml"). */
  file?: string;
  /** Overrides the Scenario's spec.karpenter.version (e.g. a CLI flag). */
  karpenterVersion?: string;
  /** EC2NodeClasses the cluster has outside this text (another input file, plan's BEFORE): a
   *  NodePool naming one is not warned about. */
  knownClasses?: ReadonlySet<string>;
}

export interface TextRange {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export interface ParsedObject {
  readonly object: KubeObject;
  readonly doc: number;
  readonly file: string;
  /** Where the object's text is (the whole document, or the List item). */
  readonly range: TextRange;
  /** Index inside a `kind: List` document. */
  readonly listIndex?: number;
}

export interface Workspace {
  /** Valid objects only (a document with an error contributes nothing), in text order. */
  readonly objects: readonly ParsedObject[];
  readonly scenario?: Scenario;
  readonly karpenter: KarpenterVersion;
  readonly diagnostics: readonly Diagnostic[];
}

/** Kinds whose `status` is input, not server bookkeeping (see processObject). */
const KEEPS_STATUS = new Set(['Node', 'PersistentVolumeClaim']);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseWorkspace(text: string, opts: ParseOptions = {}): Workspace {
  const file = opts.file ?? 'workspace.yaml';
  const loaded = loadDocuments(text, opts);
  const { lineCounter } = loaded;
  const diagnostics: Diagnostic[] = [];
  const toDiag = (
    doc: number,
    span: Span,
    severity: Severity,
    code: DiagnosticCode,
    message: string,
    path: Path,
    fix?: DiagnosticFix,
  ): Diagnostic => ({
    severity,
    message,
    file,
    doc,
    path: pathToString(path),
    code,
    ...rangeOf(lineCounter, span),
    ...(fix ? { fix } : {}),
  });
  for (const i of loaded.issues)
    diagnostics.push(toDiag(0, i.span, i.severity, i.code, i.message, i.path));
  for (const d of loaded.docs)
    for (const i of d.issues)
      diagnostics.push(toDiag(d.index, i.span, i.severity, i.code, i.message, i.path));

  const karpenter = resolveVersion(loaded.docs, opts.karpenterVersion);
  // Where each object's text is, for refusals the engine makes later (locateRefusal).
  const sources = new Map<string, { d: SourceDoc; prefix: Path }>();
  const objects: ParsedObject[] = [];
  let scenario: { value: Scenario; doc: number } | undefined;
  const seen = new Map<string, number>();
  let pools = 0;
  const classRefs: {
    name: string;
    report: (s: Severity, c: DiagnosticCode, m: string, p: Path, span: Span) => void;
    span: Span;
  }[] = [];

  const processObject = (d: SourceDoc, value: unknown, prefix: Path, listIndex?: number) => {
    const at = (path: Path, atKey = false): Span => {
      const s = d.locate([...prefix, ...path]);
      return atKey ? (s.key ?? s.value) : s.value;
    };
    const report = (
      severity: Severity,
      code: DiagnosticCode,
      message: string,
      path: Path,
      span: Span,
      fix?: DiagnosticFix,
    ) =>
      diagnostics.push(toDiag(d.index, span, severity, code, message, [...prefix, ...path], fix));
    if (!isObject(value)) {
      report(
        'error',
        'type',
        'expected an object with apiVersion, kind, metadata and spec',
        [],
        at([]),
      );
      return;
    }
    const { apiVersion, kind } = value;
    if (
      typeof apiVersion !== 'string' ||
      typeof kind !== 'string' ||
      apiVersion === '' ||
      kind === ''
    ) {
      const missing = [
        typeof apiVersion !== 'string' || apiVersion === '' ? 'apiVersion not set' : '',
        typeof kind !== 'string' || kind === '' ? 'kind not set' : '',
      ].filter(Boolean);
      report(
        'error',
        'no-kind',
        `${missing.join(', ')}: every document needs apiVersion and kind (for example apiVersion: karpenter.sh/v1, kind: NodePool)`,
        [],
        at([]),
      );
      return;
    }
    if (kind === 'List' && apiVersion === 'v1' && listIndex === undefined) {
      const items = value.items;
      if (!Array.isArray(items)) {
        report(
          'error',
          'type',
          'Invalid value: a List needs an `items` array',
          ['items'],
          at(['items']),
        );
        return;
      }
      items.forEach((item, i) => processObject(d, item, [...prefix, 'items', i], i));
      return;
    }
    const found = lookupKind(apiVersion, kind, karpenter);
    const ignored = found.ok ? undefined : notSimulated(apiVersion, kind, karpenter);
    if (ignored !== undefined) {
      report('warning', 'not-simulated', ignored, ['kind'], at(['kind']));
      return;
    }
    if (!found.ok) {
      const fix: DiagnosticFix | undefined = found.convertible
        ? {
            title: `Convert this ${kind} to the Karpenter ${karpenter.generation} API`,
            action: 'convert',
          }
        : undefined;
      report('error', 'no-matches', found.message, ['kind'], at(['kind']), fix);
      return;
    }
    // `kubectl get -o yaml` output: status and managedFields are server-side state, not input.
    // Node status stays: capacity/allocatable describe the existing machine; so does a claim's
    // phase (a Lost claim blocks its pods).
    const body: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === 'apiVersion' || k === 'kind' || (k === 'status' && !KEEPS_STATUS.has(kind)))
        continue;
      setOwn(body, k, v);
    }
    // A pod that has finished (Succeeded or Failed) stays so: its phase is all that is kept.
    const phase = isObject(value.status) ? value.status.phase : undefined;
    if (kind === 'Pod' && (phase === 'Succeeded' || phase === 'Failed'))
      setOwn(body, 'status', { phase });
    const { value: clean, issues } = validateValue(
      body,
      specFor(found.def, karpenter),
      body,
      prefix,
    );
    let errors = 0;
    for (const issue of issues) {
      if (issue.severity === 'error') errors++;
      // A missing field is marked on its parent's key (`nodeClassRef:`), where it must be added.
      const span =
        issue.code === 'required' ? at(issue.path.slice(0, -1), true) : at(issue.path, issue.atKey);
      report(issue.severity, issue.code, issue.message, issue.path, span);
    }
    if (errors > 0 || !isObject(clean)) return;
    const object = { apiVersion, kind, ...clean } as unknown as KubeObject;
    const meta = (clean.metadata ?? {}) as { name?: string; namespace?: string };
    const key = objectKey(
      kind,
      meta.name,
      found.def.namespaced ? (meta.namespace ?? 'default') : undefined,
    );
    if (!sources.has(key)) sources.set(key, { d, prefix });
    if (object.kind === 'Scenario') {
      if (scenario)
        report(
          'error',
          'duplicate-object',
          `only one Scenario document is allowed (the first is document ${scenario.doc + 1})`,
          ['kind'],
          at(['kind']),
        );
      else scenario = { value: object, doc: d.index };
      return;
    }
    // A held-back document (heldBack.ts) may redefine an object: it is applied later, as a change.
    const held = heldBackName(object);
    const id = `${held === undefined ? '' : `held:${held}:`}${kind}/${found.def.namespaced ? (meta.namespace ?? 'default') + '/' : ''}${meta.name ?? ''}`;
    const first = seen.get(id);
    if (meta.name !== undefined && first !== undefined) {
      report(
        'error',
        'duplicate-object',
        `${kind} ${JSON.stringify(meta.name)} is defined twice (first in document ${first + 1})`,
        ['metadata', 'name'],
        at(['metadata', 'name']),
      );
      return;
    }
    if (meta.name !== undefined) seen.set(id, d.index);
    if ((object.kind === 'NodePool' || object.kind === 'Provisioner') && ++pools > MAX_NODE_POOLS) {
      report(
        'error',
        'limit',
        `more than ${MAX_NODE_POOLS} NodePools and Provisioners in one workspace; the lab simulates at most ${MAX_NODE_POOLS}`,
        ['kind'],
        at(['kind']),
      );
      return;
    }
    if (object.kind === 'NodePool') {
      const ref = object.spec.template.spec.nodeClassRef;
      if (ref?.kind === 'EC2NodeClass')
        classRefs.push({
          name: ref.name,
          report,
          span: at(['spec', 'template', 'spec', 'nodeClassRef', 'name']),
        });
    }
    const range = rangeOf(lineCounter, listIndex === undefined ? d.span : at([]));
    objects.push({
      object,
      doc: d.index,
      file,
      range,
      ...(listIndex === undefined ? {} : { listIndex }),
    });
  };

  for (const d of loaded.docs) {
    if (d.value === undefined || d.value === null) continue;
    if (d.issues.some((i) => i.severity === 'error')) continue;
    processObject(d, d.value, []);
  }
  // A NodePool whose node class is missing is not Ready on a real cluster, and Karpenter ignores
  // it; so does the simulator when the workspace defines node classes (a typo in the reference).
  // A workspace that defines none is taken as written for a cluster that has it, and served
  // (src/sim/engine/nodePoolReady.ts): the warning says which.
  const classes = new Set(
    objects.flatMap((o) =>
      o.object.kind === 'EC2NodeClass' ? [o.object.metadata.name ?? ''] : [],
    ),
  );
  const known = [...new Set([...classes, ...(opts.knownClasses ?? [])])].sort();
  for (const r of classRefs) {
    if (classes.has(r.name) || opts.knownClasses?.has(r.name)) continue;
    const what = `EC2NodeClass ${JSON.stringify(r.name)} is not in the workspace`;
    r.report(
      'warning',
      'reference',
      known.length > 0
        ? `${what} (it has ${known.map((k) => JSON.stringify(k)).join(', ')}), so this NodePool is not Ready (NodeClassReady=False): Karpenter ignores it and launches nothing from it, and so does the simulator.`
        : `${what}: on a real cluster without it this NodePool would not be Ready (NodeClassReady=False) and Karpenter would launch nothing from it. The workspace defines no EC2NodeClass, so the simulator assumes the cluster has it and serves the NodePool.`,
      ['spec', 'template', 'spec', 'nodeClassRef', 'name'],
      r.span,
    );
  }
  // Text order, as a reader (and the CLI's stderr) expects; stable for equal positions.
  diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
  if (diagnostics.length > MAX_DIAGNOSTICS) {
    const rest = diagnostics.length - MAX_DIAGNOSTICS;
    const { fix: _fix, ...last } = diagnostics[MAX_DIAGNOSTICS - 1] as Diagnostic;
    diagnostics.length = MAX_DIAGNOSTICS;
    diagnostics.push({
      ...last,
      severity: 'error',
      code: 'limit',
      path: '',
      message: `${rest} more problems not shown`,
    });
  }
  const ws: Workspace = {
    objects,
    karpenter,
    diagnostics,
    ...(scenario ? { scenario: scenario.value } : {}),
  };
  locators.set(ws, (kind, name, namespace, path) => {
    const src =
      sources.get(objectKey(kind, name, namespace ?? 'default')) ??
      sources.get(objectKey(kind, name)) ??
      (kind === 'Scenario'
        ? [...sources].find(([k]) => k.startsWith('Scenario/'))?.[1]
        : undefined);
    if (!src) return undefined;
    const full = [...src.prefix, ...path];
    return {
      doc: src.d.index,
      path: pathToString(full),
      ...rangeOf(lineCounter, src.d.locate(full).value),
    };
  });
  return ws;
}

const objectKey = (kind: string, name?: string, namespace?: string): string =>
  `${kind}/${namespace ?? ''}/${name ?? ''}`;

type Locator = (
  kind: string,
  name: string | undefined,
  namespace: string | undefined,
  path: Path,
) => ({ doc: number; path: string } & TextRange) | undefined;
const locators = new WeakMap<Workspace, Locator>();

/**
 * A refusal the engine made about this workspace (a work budget, a pod cap), as a diagnostic:
 * located at the field it names (`at`), else at the start of the file. One shape for the CLI's
 * stderr and the editor's Problems list.
 */
export function locateRefusal(
  ws: Workspace,
  file: string,
  message: string,
  at?: { kind: string; name?: string; namespace?: string; path: readonly (string | number)[] },
): Diagnostic {
  const found = at && locators.get(ws)?.(at.kind, at.name, at.namespace, at.path);
  return {
    severity: 'error',
    code: 'limit',
    message,
    file,
    ...(found ?? { doc: 0, path: '', line: 1, column: 1, endLine: 1, endColumn: 2 }),
  };
}

// Specs are immutable; build each (kind, Karpenter version) once.
const specCache = new Map<string, Spec>();
function specFor(def: KindDef, v: KarpenterVersion): Spec {
  const key = `${def.apiVersion}/${def.kind}@${v.major}.${v.minor}`;
  let spec = specCache.get(key);
  if (!spec) {
    spec = def.spec(v);
    specCache.set(key, spec);
  }
  return spec;
}

function resolveVersion(
  docs: readonly SourceDoc[],
  override: string | undefined,
): KarpenterVersion {
  if (override !== undefined) return startingVersion(undefined, override);
  for (const d of docs) {
    const v = d.value as
      | { apiVersion?: unknown; kind?: unknown; spec?: { karpenter?: { version?: unknown } } }
      | undefined;
    if (isObject(v) && v.kind === 'Scenario' && v.apiVersion === SCENARIO_API_VERSION) {
      const text = v.spec?.karpenter?.version;
      if (typeof text === 'string') return startingVersion(text);
    }
  }
  return startingVersion();
}

export function rangeOf(lc: LineCounter, span: Span): TextRange {
  const a = lc.linePos(span.start);
  const b = lc.linePos(Math.max(span.end, span.start));
  const sameSpot = a.line === b.line && b.col <= a.col;
  return { line: a.line, column: a.col, endLine: b.line, endColumn: sameSpot ? a.col + 1 : b.col };
}
