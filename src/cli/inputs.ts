// Inputs → one workspace: files, directories (their *.yaml / *.yml files, sorted, not recursive, as
// `kubectl apply -f <dir>` reads them) and `-` (stdin). Each file is parsed with its own name so
// errors point at file:line:column; objects defined in two files are an error, like two documents.
import {
  formatDiagnostic,
  heldBackDocuments,
  locateRefusal,
  parseWorkspace,
  workspaceObjects,
  type Diagnostic,
} from '../manifests/index.ts';
import type { Progress } from '../sim/engine/simulate.ts';
import type { Timeline } from '../sim/engine/timeline.ts';
import type { KubeObject } from '../sim/k8s.ts';
import { EC2_DATA_REGION } from '../sim/catalog/ec2-data.ts';
import { LABEL } from '../sim/labels.ts';
import { inferCluster } from '../share/importCluster.ts';

export interface CliIO {
  /** May be called several times for one result (a big JSON document comes in pieces). */
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** A file's text; `-` is stdin. Throws when unreadable. */
  readFile: (path: string) => string;
  /** A directory's entries (names), or undefined when `path` is not a directory. In-process callers
   *  that only pass files may leave it out. */
  listDir?: (path: string) => string[] | undefined;
  /** Called during a simulation (every 256 engine steps) with the simulated time so far: the
   *  benchmarks report how far a run got when it hits their time limit. */
  onProgress?: (p: Progress) => void;
}

export interface LoadedWorkspace {
  objects: KubeObject[];
  heldBack: Record<string, KubeObject[]>;
  /** Errors and warnings, already formatted as file:line:column: message. */
  messages: string[];
  ok: boolean;
  /** The engine's refusal as file:line:column: message, at the field it names when it names one. */
  refusal(t: Timeline): string;
  /** The files read, in order, with their text (`--fixes` edits one and loads them again). */
  files: InputFile[];
  /** The index in `files` of the file that defines this object, or -1. */
  fileOf(kind: string, name: string, namespace?: string): number;
}

export interface InputFile {
  file: string;
  text: string;
}

/** The files an input names; a usage error (string) when it cannot be read. */
export function filesOf(input: string, io: CliIO): InputFile[] | string {
  const entries = input === '-' ? undefined : io.listDir?.(input);
  const paths =
    entries === undefined
      ? [input]
      : entries
          .filter((e) => /\.ya?ml$/.test(e))
          .sort()
          .map((e) => `${input.replace(/\/+$/, '')}/${e}`);
  if (entries !== undefined && paths.length === 0) return `${input} holds no .yaml or .yml files`;
  const out: InputFile[] = [];
  for (const p of paths) {
    try {
      out.push({ file: p === '-' ? '<stdin>' : p, text: io.readFile(p) });
    } catch (e) {
      return `cannot read ${p}: ${e instanceof Error ? e.message : String(e)}${notACommand(p, e)}`;
    }
  }
  return out;
}

/** Words a user may try as a command (the README's Compare, Convert, Fixes…). */
const COMMAND_WORDS = new Set(
  'apply ca check compare convert diff explain export fix fixes help import init lint run test validate version'.split(
    ' ',
  ),
);

/** A missing file named like a command (`karpenter-lab convert x`, `compare a b`) is most likely
 *  one the CLI does not have: say which it has, instead of only "no such file". A missing
 *  `manifests` or `before` is just a missing directory. */
function notACommand(path: string, e: unknown): string {
  const missing = (e as { code?: unknown } | null)?.code === 'ENOENT';
  return missing && COMMAND_WORDS.has(path)
    ? ` (karpenter-lab has no command "${path}": it simulates the workspaces it is given, runs plan BEFORE AFTER, or anonymise INPUT; --compare-ca compares with Cluster Autoscaler, --fixes suggests edits; see --help)`
    : '';
}

export interface LoadOptions {
  /** EC2NodeClasses the cluster already has (plan's BEFORE), which a NodePool of these inputs
   *  may name. */
  classes?: ReadonlySet<string>;
  /** Run an export from another region there (region, zones, prices from its Nodes' labels). */
  inferRegion?: boolean;
}

/** Reads and parses the inputs; a string is a usage error (exit 2). */
export function loadWorkspace(
  inputs: readonly string[],
  io: CliIO,
  opts: LoadOptions = {},
): LoadedWorkspace | string {
  const files: InputFile[] = [];
  for (const input of inputs) {
    const f = filesOf(input, io);
    if (typeof f === 'string') return f;
    files.push(...f);
  }
  return loadFiles(files, opts);
}

/** Parses files already read into one workspace. */
export function loadFiles(files: readonly InputFile[], opts: LoadOptions = {}): LoadedWorkspace {
  // One Karpenter version for every file: the Scenario's, wherever it is (it decides which API
  // versions validate).
  const parse = (f: InputFile, version?: string, knownClasses?: ReadonlySet<string>) =>
    parseWorkspace(f.text, {
      file: f.file,
      ...(version === undefined ? {} : { karpenterVersion: version }),
      ...(knownClasses === undefined ? {} : { knownClasses }),
    });
  let parsed = files.map((f) => parse(f, undefined, opts.classes));
  const version = parsed.find((w) => w.scenario)?.scenario?.spec.karpenter?.version;
  if (files.length > 1 && version !== undefined)
    parsed = files.map((f) => parse(f, version, opts.classes));
  // Each file is parsed on its own: a NodePool may name an EC2NodeClass of another file, which
  // only the whole set knows; a file warned about one is read again knowing them.
  const classes = new Set(opts.classes);
  for (const w of parsed)
    for (const o of w.objects)
      if (o.object.kind === 'EC2NodeClass' && o.object.metadata.name !== undefined)
        classes.add(o.object.metadata.name);
  parsed = parsed.map((w, i) =>
    files.length > 1 && w.diagnostics.some((d) => d.code === 'reference')
      ? parse(files[i] as InputFile, version, classes)
      : w,
  );
  const withScenario = parsed.filter((w) => w.scenario);
  const diagnostics: Diagnostic[] = parsed.flatMap((w) => w.diagnostics);
  const messages = diagnostics.map(formatDiagnostic);
  let ok = !diagnostics.some((d) => d.severity === 'error');
  if (withScenario.length > 1) {
    // Located as every other problem is (file:line:column: path: message), at each Scenario's
    // kind, and naming the first: a directory of separate workspaces (examples/) says where both are.
    const at = (w: (typeof parsed)[number]): string => {
      const d = locateRefusal(w, files[parsed.indexOf(w)]?.file ?? '', '', {
        kind: 'Scenario',
        path: ['kind'],
      });
      return `${d.file}:${d.line}:${d.column}`;
    };
    const [first, ...more] = withScenario as [(typeof parsed)[number], ...typeof parsed];
    for (const w of more)
      messages.push(
        `${at(w)}: kind: only one Scenario document is allowed across the inputs (the first is at ${at(first)})`,
      );
    ok = false;
  }
  const seen = new Map<string, string>();
  const objects: KubeObject[] = [];
  const heldBack: Record<string, KubeObject[]> = {};
  parsed.forEach((w, i) => {
    const file = files[i]?.file ?? '';
    const kept = new Set(workspaceObjects(w));
    for (const { object: o, range } of w.objects) {
      if (!kept.has(o)) continue;
      const id = `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;
      const where = `${file}:${range.line}:${range.column}`;
      const first = seen.get(id);
      if (first !== undefined && o.metadata.name !== undefined) {
        messages.push(
          `${where}: ${o.kind} ${JSON.stringify(o.metadata.name)} is defined twice (first at ${first})`,
        );
        ok = false;
      }
      seen.set(id, where);
      objects.push(o);
    }
    for (const [name, docs] of Object.entries(heldBackDocuments(w)))
      (heldBack[name] ??= []).push(...docs);
  });
  const scenario = withScenario[0]?.scenario;
  if (scenario) objects.push(scenario);
  // An export from another region (its nodes' labels say so) runs there, at that region's prices,
  // as the page's Import does; us-east-1, the catalog's own region, is left as written.
  if (opts.inferRegion && ok && nodesRegion(objects) !== undefined)
    // (Not the prices' date: the run's own warnings say it, from the catalog.)
    for (const note of inferCluster(objects as unknown as Record<string, unknown>[], {
      priceNote: false,
    }))
      messages.push(`note: ${note}`);
  // Nothing at all (an empty file, or a pipe whose producer failed) is not a clean run.
  if (
    ok &&
    objects.length === 0 &&
    Object.keys(heldBack).length === 0 &&
    diagnostics.length === 0
  ) {
    messages.push(
      `${files.map((f) => f.file).join(', ')}: no Kubernetes objects in the input (expected YAML documents such as a NodePool and a Deployment)`,
    );
    ok = false;
  }
  const refusal = (t: Timeline): string => {
    const at = t.refusedAt;
    const i = at
      ? parsed.findIndex((w) =>
          [...w.objects.map((o) => o.object), ...(w.scenario ? [w.scenario] : [])].some(
            (o) => o.kind === at.kind && (at.name === undefined || o.metadata.name === at.name),
          ),
        )
      : -1;
    const k = Math.max(0, i);
    const ws = parsed[k];
    const file = files[k]?.file ?? '';
    const message = t.refused ?? '';
    return ws ? formatDiagnostic(locateRefusal(ws, file, message, at)) : `${file}: ${message}`;
  };
  const fileOf = (kind: string, name: string, namespace?: string): number =>
    parsed.findIndex((w) =>
      w.objects.some(
        ({ object: o }) =>
          o.kind === kind &&
          o.metadata.name === name &&
          (namespace === undefined || (o.metadata.namespace ?? 'default') === namespace),
      ),
    );
  return { objects, heldBack, messages, ok, refusal, files: [...files], fileOf };
}

/** The region most of the workspace's Nodes are labelled with, when it is not the catalog's own. */
function nodesRegion(objects: readonly KubeObject[]): string | undefined {
  const counts = new Map<string, number>();
  for (const o of objects) {
    const r = o.kind === 'Node' ? o.metadata.labels?.[LABEL.region] : undefined;
    if (r !== undefined) counts.set(r, (counts.get(r) ?? 0) + 1);
  }
  const region = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  return region === undefined || region === EC2_DATA_REGION ? undefined : region;
}
