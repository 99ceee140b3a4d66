// "What would fix it": for a pod still Pending at the end of a run, the small edits of the
// workspace that Karpenter's reasons point at (tolerate the taint, drop the selector or the
// NodePool requirement that rules it out, lift the limits, let the spread be skewed, point the
// NodePool at a node class that exists), each checked by simulating the edited workspace to its
// end with the same seed. Only the edits after which every pod of the pod's workload runs are
// offered, cheapest first, with the $/h they lead to. Nothing here guesses: an edit that does
// not work is not shown.
import { editWorkspace, type EditOp, type EditResult, type ObjectRef } from '../manifests/index.ts';
import { HELD_BACK_ANNOTATION } from '../manifests/heldBack.ts';
import { notReadyPools } from '../sim/engine/nodePoolReady.ts';
import { costAt, simulate, type ClusterState, type PodRec } from '../sim/engine/index.ts';
import type { KubeObject, NodePool } from '../sim/k8s.ts';
import { prepareRun } from './run.ts';
import { kindClause } from '../explain/reasons.ts';

/** One edit of one workspace object, in words and as edit operations. */
export interface FixEdit {
  title: string;
  target: ObjectRef;
  ops: EditOp[];
}

/** An edit to try: one edit, or (`first`) one made after another edit that was not enough alone. */
export interface FixCandidate extends FixEdit {
  first?: FixEdit;
}

/** The edits of a candidate, in the order they are made. */
export function fixSteps(c: FixCandidate): FixEdit[] {
  const { first, ...last } = c;
  return first ? [first, last] : [last];
}

/** A workspace text with the candidate's edits made. */
export function applyFix(text: string, c: FixCandidate): EditResult {
  let out: EditResult = { ok: true, text };
  for (const step of fixSteps(c))
    if (out.ok) out = editWorkspace(out.text, { target: step.target, ops: step.ops });
  return out;
}

export interface VerifiedFix extends FixCandidate {
  /** The workload's pods Running at the end of the edited run, of how many. */
  running: number;
  of: number;
  /** $/h of the nodes up at the end of the edited run, and of the run as it is. */
  costPerHour: number;
  baseCostPerHour: number;
}

export interface FixReport {
  /** The pod is Pending at the end of the run (otherwise there is nothing to fix). */
  pending: boolean;
  /** How many edits were tried. */
  tried: number;
  fixes: VerifiedFix[];
  /** The edits tried that did not make every pod run: how many did, of how many (0 of 0 for an
   *  edit that left the workspace invalid). */
  failed: { title: string; running: number; of: number; still?: string }[];
  /** The workspace has more pods than edits are tried for (each edit is a whole run). */
  tooLarge?: true;
  /** The pod no longer exists at the end of the run (deleted, scaled away). */
  gone?: true;
  /** Of `tried`, how many were pairs (an edit that was not enough alone, then a second). */
  pairs?: number;
  /** No edit was tried: why, in words. */
  nothingToTry?: string;
}

/** Why no edit is tried for a pod, from what Karpenter told it. */
function nothingToTry(pod: PodRec): string {
  const kinds = new Set((pod.error?.perNodePool ?? []).map((r) => r.kind));
  if (kinds.size === 1 && kinds.has('resources'))
    return 'No instance type its NodePools allow is big enough for the pod, and none of them narrows the types or sets limits: lower the pod’s requests.';
  return 'Karpenter’s reasons for this pod name nothing the lab knows how to change in the workspace as written (a change a Scenario action makes at a time is not among the edits).';
}

/** Edits are tried for workspaces of at most this many pods (each is a whole run). */
export const MAX_FIX_PODS = 2_000;

/** Most edits tried per request: each is a whole simulation. */
export const MAX_CANDIDATES = 8;

/** Requirement keys that bound an instance's size (a pod too big for every allowed type). */
const SIZE_KEYS = [
  'node.kubernetes.io/instance-type',
  'karpenter.k8s.aws/instance-category',
  'karpenter.k8s.aws/instance-family',
  'karpenter.k8s.aws/instance-size',
  'karpenter.k8s.aws/instance-cpu',
  'karpenter.k8s.aws/instance-memory',
  'karpenter.k8s.aws/instance-generation',
];
/** Requirement keys that bound where and how an instance is bought (no offering left). */
const OFFERING_KEYS = ['karpenter.sh/capacity-type', 'topology.kubernetes.io/zone'];

/** The pods of the pod's workload (or the pod alone) at the end of a run. */
function group(state: ClusterState, pod: PodRec): PodRec[] {
  if (pod.owner === undefined) return [...state.pods.values()].filter((p) => p.key === pod.key);
  return [...state.pods.values()].filter((p) => p.owner === pod.owner);
}

/** An object's name as a title says it: with its namespace when that is not "default" (two
 *  Deployments "web" in two namespaces read alike). */
export function named(ref: ObjectRef): string {
  return ref.namespace !== undefined && ref.namespace !== 'default'
    ? `${ref.namespace}/${ref.name}`
    : ref.name;
}

/** Removes `key` from the map at `at`, or the map itself when `key` is its only key (a
 *  `nodeSelector: {}` or `annotations: {}` would be left). */
export function removeKey(
  map: Readonly<Record<string, unknown>> | undefined,
  at: (string | number)[],
  key: string,
): EditOp {
  const only = Object.keys(map ?? {}).length === 1;
  return { op: 'remove', path: only ? at : [...at, key] };
}

export function refOf(o: KubeObject): ObjectRef {
  return {
    kind: o.kind,
    name: o.metadata.name ?? '',
    ...(o.metadata.namespace === undefined ? {} : { namespace: o.metadata.namespace }),
  };
}

/** The object as the workspace writes it (the state's copy may have defaults filled in, which
 *  would shift a list index an edit names). */
export function writtenObject(
  written: readonly KubeObject[],
  kind: string,
  name: string,
  namespace = 'default',
): KubeObject | undefined {
  return written.find(
    (x) =>
      x.kind === kind &&
      x.metadata.name === name &&
      (kind === 'NodePool' || (x.metadata.namespace ?? 'default') === namespace),
  );
}

/** The workload object a pod belongs to, and where its pod spec sits in it. */
export function podSpecOf(
  written: readonly KubeObject[],
  pod: PodRec,
): { ref: ObjectRef; spec: Record<string, unknown>; at: string[] } | undefined {
  if (pod.owner === undefined) {
    const [namespace = 'default', name = ''] = pod.key.split('/');
    return {
      ref: { kind: 'Pod', name, namespace },
      spec: pod.pod.spec as unknown as Record<string, unknown>,
      at: ['spec'],
    };
  }
  const [kind = '', namespace = 'default', name = ''] = pod.owner.split('/');
  const o = writtenObject(written, kind, name, namespace) as
    (KubeObject & { spec?: { template?: { spec?: Record<string, unknown> } } }) | undefined;
  const spec = o?.spec?.template?.spec;
  return o && spec ? { ref: refOf(o), spec, at: ['spec', 'template', 'spec'] } : undefined;
}

/** The candidate edits Karpenter's reasons for the pod point at, without duplicates. `written`:
 *  the workspace's objects as its text has them. */
export function fixCandidates(
  state: ClusterState,
  pod: PodRec,
  written: readonly KubeObject[],
): FixCandidate[] {
  const out: FixCandidate[] = [];
  const add = (c: FixCandidate) => {
    if (!out.some((x) => x.title === c.title)) out.push(c);
  };
  const owner = podSpecOf(written, pod);
  const poolRef = (np: NodePool): ObjectRef => ({ kind: 'NodePool', name: np.metadata.name ?? '' });
  const writtenPool = (name: string) =>
    writtenObject(written, 'NodePool', name) as NodePool | undefined;
  const dropRequirement = (np: NodePool, key: string, why: string) => {
    const text = writtenPool(np.metadata.name ?? '');
    const i = (text?.spec.template.spec.requirements ?? []).findIndex((r) => r.key === key);
    if (i >= 0)
      add({
        title: `Drop NodePool "${np.metadata.name ?? ''}"'s requirement on ${key} (${why})`,
        target: poolRef(np),
        ops: [{ op: 'remove', path: ['spec', 'template', 'spec', 'requirements', i] }],
      });
  };
  const dropMinValues = (np: NodePool) => {
    const name = np.metadata.name ?? '';
    (writtenPool(name)?.spec.template.spec.requirements ?? []).forEach((req, i) => {
      if (req.minValues === undefined) return;
      add({
        title: `Drop minValues ${req.minValues} from NodePool "${name}"'s requirement on ${req.key}`,
        target: poolRef(np),
        ops: [{ op: 'remove', path: ['spec', 'template', 'spec', 'requirements', i, 'minValues'] }],
      });
    });
  };
  const dropLimits = (np: NodePool) => {
    if (writtenPool(np.metadata.name ?? '')?.spec.limits)
      add({
        title: `Remove NodePool "${np.metadata.name ?? ''}"'s limits`,
        target: poolRef(np),
        ops: [{ op: 'remove', path: ['spec', 'limits'] }],
      });
  };
  /** A pool naming a node class the workspace lacks is not Ready, and Karpenter leaves it out
   *  of its reasons: it points at the class that exists. */
  const pointAtExistingClass = () => {
    const classes = [...state.objects.values()]
      .filter((o) => o.kind === 'EC2NodeClass')
      .map((o) => o.metadata.name ?? '');
    const [cls] = classes.sort();
    if (cls === undefined) return;
    for (const p of state.nodePools.values()) {
      const ref = p.spec.template.spec.nodeClassRef;
      if (!ref || classes.includes(ref.name)) continue;
      add({
        title: `Point NodePool "${p.metadata.name ?? ''}" at the EC2NodeClass "${cls}" (it names "${ref.name}", which does not exist)`,
        target: poolRef(p),
        ops: [
          { op: 'set', path: ['spec', 'template', 'spec', 'nodeClassRef', 'name'], value: cls },
        ],
      });
    }
  };
  for (const r of pod.error?.perNodePool ?? []) {
    const np = r.nodePool === '' ? undefined : state.nodePools.get(r.nodePool);
    switch (r.kind) {
      case 'taint': {
        const t = r.detail?.taint;
        if (!t || !owner) break;
        const existing = (owner.spec.tolerations as unknown[] | undefined) ?? [];
        add({
          title: `Tolerate the taint ${t.key}:${t.effect} in ${owner.ref.kind} "${named(owner.ref)}"`,
          target: owner.ref,
          ops: [
            {
              op: 'set',
              path: [...owner.at, 'tolerations'],
              value: [...existing, { key: t.key, operator: 'Exists', effect: t.effect }],
            },
          ],
        });
        break;
      }
      case 'requirements': {
        const key = r.detail?.key;
        if (!key) break;
        const selector = owner?.spec.nodeSelector as Record<string, string> | undefined;
        if (owner && selector?.[key] !== undefined)
          add({
            title: `Remove the nodeSelector ${key}=${selector[key]} from ${owner.ref.kind} "${named(owner.ref)}"`,
            target: owner.ref,
            ops: [removeKey(selector, [...owner.at, 'nodeSelector'], key)],
          });
        if (np) dropRequirement(np, key, 'the pod asks for a value it rules out');
        break;
      }
      case 'resources':
        if (np) for (const k of SIZE_KEYS) dropRequirement(np, k, 'no allowed type is big enough');
        // Karpenter leaves out the types bigger than what the pool's limits still allow before it
        // looks for room, so the limits can be what leaves no type big enough.
        if (np) dropLimits(np);
        break;
      case 'offering':
        if (np) for (const k of OFFERING_KEYS) dropRequirement(np, k, 'no offering is left');
        break;
      case 'minValues':
        if (np) dropMinValues(np);
        break;
      case 'limits':
        if (np) dropLimits(np);
        break;
      case 'topology': {
        const key = r.detail?.key;
        const list = (owner?.spec.topologySpreadConstraints ?? []) as {
          topologyKey?: string;
          whenUnsatisfiable?: string;
          minDomains?: number;
        }[];
        list.forEach((c, i) => {
          if (!owner || c.whenUnsatisfiable === 'ScheduleAnyway') return;
          if (key !== undefined && c.topologyKey !== key) return;
          const at = [...owner.at, 'topologySpreadConstraints', i];
          const what = `${owner.ref.kind} "${named(owner.ref)}"'s spread over ${c.topologyKey ?? '?'}`;
          // minDomains is only valid with DoNotSchedule: ScheduleAnyway has to drop it too.
          add({
            title: `Let ${what} be skewed when it cannot be met (whenUnsatisfiable: ScheduleAnyway)`,
            target: owner.ref,
            ops: [
              { op: 'set', path: [...at, 'whenUnsatisfiable'], value: 'ScheduleAnyway' },
              ...(c.minDomains === undefined
                ? []
                : [{ op: 'remove' as const, path: [...at, 'minDomains'] }]),
            ],
          });
          if (c.minDomains !== undefined)
            add({
              title: `Drop minDomains ${c.minDomains} from ${what}`,
              target: owner.ref,
              ops: [{ op: 'remove', path: [...at, 'minDomains'] }],
            });
        });
        // The pool may be what narrows the domains (a zone requirement under a zonal spread).
        if (key !== undefined)
          for (const p of state.nodePools.values())
            dropRequirement(p, key, 'the spread needs more domains than it allows');
        break;
      }
      case 'noNodePool': {
        // Every pool's requirements (or minValues) rule out the whole catalog.
        if (notReadyPools(state).length === 0) {
          for (const p of state.nodePools.values()) {
            dropMinValues(p);
            for (const k of [...SIZE_KEYS, ...OFFERING_KEYS])
              dropRequirement(p, k, 'it leaves no instance type');
          }
          break;
        }
        pointAtExistingClass();
        break;
      }
      default:
        break;
    }
  }
  // Other pools are Ready but cannot take the pod; the one that is not Ready might (its reasons
  // never name it, as Karpenter's do not).
  if (notReadyPools(state).length > 0) pointAtExistingClass();
  return out.slice(0, MAX_CANDIDATES);
}

export interface FixOptions {
  file: string;
  seed: number;
  onProgress?: (done: number, total: number, phase: string) => void;
}

/** A whole run of a workspace text: its parse (objects and problems) and its timeline, without
 *  the view the page needs (frames, explanations), which a tried edit never shows. */
export function runText(text: string, opts: FixOptions) {
  const { diagnostics, ws, input } = prepareRun(text, { file: opts.file, seed: opts.seed });
  return { diagnostics, ws, run: () => simulate(input) };
}

/** Runs of edited copies of one workspace text, as the page's finders try them: undefined when
 *  the edit cannot be made or leaves the workspace with an error. */
export function editedRuns(
  text: string,
  opts: FixOptions,
): (c: FixCandidate) => RunEnd | undefined {
  return (c) => {
    const edited = applyFix(text, c);
    const next = edited.ok ? runText(edited.text, opts) : undefined;
    if (!next || next.diagnostics.some((d) => d.severity === 'error')) return undefined;
    const run = next.run();
    return { final: run.final, end: run.end, written: next.ws.objects.map((o) => o.object) };
  };
}

/** The end of a run, as a fix is judged: its final state and when it ended; `written`: the
 *  edited workspace's objects as written, whose candidates a second edit is drawn from. */
export interface RunEnd {
  final: ClusterState;
  end: number;
  written?: readonly KubeObject[];
}

/** What a Pending pod is told, to see whether an edit changed it. */
/** What still keeps a pod Pending after an edit, per NodePool in short words ("default: a taint
 *  the pod does not tolerate"), so a learner sees what a failed edit left to do. */
function stillBlocked(p: PodRec): string | undefined {
  const rows = p.error?.perNodePool ?? [];
  if (rows.length > 0) {
    const parts = rows.map((r) => (r.nodePool ? `${r.nodePool}: ` : '') + kindClause(r.kind));
    return [...new Set(parts)].join('; ');
  }
  return p.error?.message;
}

const reasonsOf = (p: PodRec | undefined): string =>
  JSON.stringify((p?.error?.perNodePool ?? []).map((r) => [r.nodePool, r.kind, r.detail]));

/** A held-back copy (applied later by an action) is not what the run starts from. */
const startingObjects = (written: readonly KubeObject[]): KubeObject[] =>
  written.filter((o) => o.metadata.annotations?.[HELD_BACK_ANNOTATION] === undefined);

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

/** `second` made after `first`, as one candidate (applyFix makes both). */
export function pairOf(first: FixEdit, second: FixCandidate): FixCandidate {
  return {
    ...second,
    title: `${first.title}, and ${lowerFirst(second.title)}`,
    first: { title: first.title, target: first.target, ops: first.ops },
  };
}

/**
 * The fixes for `podKey` given a run as it is (`base`) and the workspace's objects as written:
 * each candidate edit is run by `runEdited` (undefined: the edit left the workspace invalid), and
 * the ones after which every pod of the pod's workload runs at the end are kept, cheapest first.
 * Where the runs come from is the caller's: one workspace text (the page), or files merged with
 * the CLI's options (`--fixes`).
 */
export function verifyFixes(
  base: RunEnd,
  podKey: string,
  written: readonly KubeObject[],
  runEdited: (c: FixCandidate) => RunEnd | undefined,
  onProgress?: FixOptions['onProgress'],
): FixReport {
  const pod = base.final.pods.get(podKey);
  if (!pod) return { pending: false, gone: true, tried: 0, fixes: [], failed: [] };
  if (pod.phase !== 'Pending') return { pending: false, tried: 0, fixes: [], failed: [] };
  if (base.final.pods.size > MAX_FIX_PODS)
    return { pending: true, tried: 0, fixes: [], failed: [], tooLarge: true };
  const baseCost = costAt(base.final, base.end).perHour;
  const candidates = fixCandidates(base.final, pod, startingObjects(written));
  const fixes: VerifiedFix[] = [];
  const failed: FixReport['failed'] = [];
  /** Edits that were not enough alone but changed what the pod is told: a second edit may be. */
  const partial: { c: FixCandidate; after: RunEnd; still: PodRec }[] = [];
  let tried = 0;
  let pairsTried = 0;
  const attempt = (c: FixCandidate, total: number) => {
    onProgress?.(tried, total, `trying: ${c.title}`);
    tried++;
    const after = runEdited(c);
    // An edit that breaks the workspace is no fix (the run would be refused or differ in kind).
    if (!after) {
      failed.push({ title: c.title, running: 0, of: 0 });
      return;
    }
    const pods = group(after.final, pod);
    const running = pods.filter((p) => p.phase === 'Running').length;
    if (pods.length === 0 || running < pods.length) {
      const still = pods.find((p) => p.phase === 'Pending');
      const why = still && stillBlocked(still);
      failed.push({ title: c.title, running, of: pods.length, ...(why ? { still: why } : {}) });
      if (still && reasonsOf(still) !== reasonsOf(pod)) partial.push({ c, after, still });
      return;
    }
    fixes.push({
      ...c,
      running,
      of: pods.length,
      costPerHour: costAt(after.final, after.end).perHour,
      baseCostPerHour: baseCost,
    });
  };
  for (const c of candidates) attempt(c, candidates.length);
  // No single edit is enough: each edit that moved the pod on to another reason, followed by
  // an edit that reason points at (a taint tolerated, then a selector the pool rules out).
  if (fixes.length === 0) {
    const pairs: FixCandidate[] = [];
    // The same two edits in the other order are the same fix.
    const seen = new Set<string>();
    for (const { c, after, still } of partial)
      for (const next of fixCandidates(after.final, still, startingObjects(after.written ?? []))) {
        const key = JSON.stringify([c.title, next.title].sort());
        if (next.title === c.title || seen.has(key)) continue;
        seen.add(key);
        pairs.push(pairOf(c, next));
      }
    const chosen = pairs.slice(0, MAX_CANDIDATES);
    for (const c of chosen) attempt(c, candidates.length + chosen.length);
    pairsTried = chosen.length;
  }
  fixes.sort((a, b) => a.costPerHour - b.costPerHour || a.title.localeCompare(b.title));
  return {
    pending: true,
    tried,
    ...(pairsTried > 0 ? { pairs: pairsTried } : {}),
    fixes,
    failed,
    ...(candidates.length === 0 ? { nothingToTry: nothingToTry(pod) } : {}),
  };
}

/**
 * Runs the workspace, and if the pod is Pending at the end, each candidate edit: the ones after
 * which every pod of its workload runs at the end, cheapest first.
 */
export function suggestFixes(text: string, podKey: string, opts: FixOptions): FixReport {
  const base = runText(text, opts);
  return verifyFixes(
    base.run(),
    podKey,
    base.ws.objects.map((o) => o.object),
    editedRuns(text, opts),
    opts.onProgress,
  );
}
