// A console command that changes the cluster edits the workspace text, so the whole story replays
// from the text, survives reloads and travels in share links:
// - at the start of the timeline (t = 0), `scale`, `label` and `annotate` of an object the workspace
//   defines change that object's YAML in place — only the touched field, comments kept;
// - later in the timeline, or for anything else, the command becomes a timed action in the
//   Scenario document ("at 2m: kubectl scale deployment inflate --replicas=1").
import { appendDocument, editWorkspace, parseWorkspace, type EditOp } from '../manifests/index.ts';
import { formatDuration, type Action } from '../sim/engine/index.ts';

export type AddResult = { ok: true; text: string } | { ok: false; error: string };

/** How a console command changed the workspace: the object in place, or a timed action. */
export type ConsoleEdit =
  | { ok: true; text: string; as: 'manifest' }
  /** `at`: the time exactly as written in the Scenario, for the console to report. */
  | { ok: true; text: string; as: 'action'; at: string }
  | { ok: false; error: string };

const KIND_NAMES: Record<string, string> = {
  deployment: 'Deployment',
  replicaset: 'ReplicaSet',
  statefulset: 'StatefulSet',
  daemonset: 'DaemonSet',
  pod: 'Pod',
  nodepool: 'NodePool',
  node: 'Node',
  poddisruptionbudget: 'PodDisruptionBudget',
};

/** The edit of a workspace object that the action means at t = 0, if it is one. */
function manifestEdit(
  action: Action,
): { kind: string; name: string; namespace: string; ops: EditOp[] } | undefined {
  if (action.kind === 'scale') {
    const kind = KIND_NAMES[action.target.kind];
    if (!kind) return undefined;
    return {
      kind,
      name: action.target.name,
      namespace: action.target.namespace,
      ops: [{ op: 'set', path: ['spec', 'replicas'], value: action.replicas }],
    };
  }
  if (action.kind === 'label' || action.kind === 'annotate') {
    const kind = KIND_NAMES[action.target.kind];
    if (!kind) return undefined;
    const field = action.kind === 'label' ? 'labels' : 'annotations';
    const ops: EditOp[] = [
      ...Object.entries(action.set).map(([k, v]): EditOp => ({
        op: 'set',
        path: ['metadata', field, k],
        value: v,
      })),
      ...action.remove.map((k): EditOp => ({ op: 'remove', path: ['metadata', field, k] })),
    ];
    return { kind, name: action.target.name, namespace: action.target.namespace, ops };
  }
  if (action.kind === 'patch') {
    const kind = KIND_NAMES[action.target.kind];
    const ops = kind === undefined ? undefined : patchOps(action.patch, []);
    if (!kind || !ops) return undefined;
    return { kind, name: action.target.name, namespace: action.target.namespace, ops };
  }
  return undefined;
}

/**
 * A merge patch as edits of the manifest at t = 0: a leaf sets, null removes, an object recurses.
 * Undefined for a list of named items (a strategic merge would merge it item by item, which a
 * set cannot say): that patch stays a timed action.
 */
function patchOps(patch: Record<string, unknown>, at: string[]): EditOp[] | undefined {
  const ops: EditOp[] = [];
  for (const [k, v] of Object.entries(patch)) {
    const path = [...at, k];
    if (v === null) ops.push({ op: 'remove', path });
    else if (typeof v === 'object' && !Array.isArray(v)) {
      const inner = patchOps(v as Record<string, unknown>, path);
      if (!inner) return undefined;
      ops.push(...inner);
    } else if (
      Array.isArray(v) &&
      v.some((i) => typeof i === 'object' && i !== null && 'name' in i)
    )
      return undefined;
    else ops.push({ op: 'set', path, value: v });
  }
  return ops;
}

/** Applies a console command to the workspace text (see the header comment for which way). */
export function applyConsoleAction(
  text: string,
  atMs: number,
  command: string,
  action: Action,
): ConsoleEdit {
  const edit = atMs < 1000 ? manifestEdit(action) : undefined;
  if (edit) {
    const r = editWorkspace(text, {
      target: { kind: edit.kind, name: edit.name, namespace: edit.namespace },
      ops: edit.ops,
    });
    if (r.ok) return { ...r, as: 'manifest' };
    // Not an object of the workspace (e.g. a node Karpenter made): record it as an action instead.
  }
  const r = addTimedAction(text, atMs, command);
  return r.ok ? { ...r, as: 'action', at: actionTime(atMs) } : r;
}

/** The playhead as a Scenario action's `at`: whole seconds (a Go duration), never later than it. */
export const actionTime = (atMs: number): string =>
  formatDuration(Math.max(0, Math.floor(atMs / 1000) * 1000));

export function addTimedAction(text: string, atMs: number, command: string): AddResult {
  const at = actionTime(atMs);
  const action = { at, run: command };
  const n = parseWorkspace(text).scenario?.spec.actions?.length ?? 0;
  return editScenario(
    text,
    n > 0
      ? { op: 'set', path: ['spec', 'actions', n], value: action }
      : { op: 'set', path: ['spec', 'actions'], value: [action] },
    ['  actions:', `    - at: ${at}`, `      run: ${JSON.stringify(command)}`],
  );
}

/**
 * Sets `spec.clusterAutoscaler.<field>` in the Scenario (the Compare tab's node group form),
 * adding a Scenario document when the workspace has none.
 */
export function setClusterAutoscaler(
  text: string,
  field: 'instanceType' | 'capacityType',
  value: string,
): AddResult {
  return editScenario(text, { op: 'set', path: ['spec', 'clusterAutoscaler', field], value }, [
    '  clusterAutoscaler:',
    `    ${field}: ${JSON.stringify(value)}`,
  ]);
}

/** One edit of the workspace's Scenario; without a Scenario, a new one with `specLines`. */
function editScenario(text: string, op: EditOp, specLines: readonly string[]): AddResult {
  const scenario = parseWorkspace(text).scenario;
  if (!scenario) {
    return {
      ok: true,
      text: appendDocument(
        text,
        [
          'apiVersion: lab.karpenter.playground/v1alpha1',
          'kind: Scenario',
          'metadata:',
          '  name: console',
          'spec:',
          ...specLines,
          '',
        ].join('\n'),
      ),
    };
  }
  return editWorkspace(text, {
    target: { kind: 'Scenario', name: scenario.metadata.name ?? '' },
    ops: [op],
  });
}

/** Less room than this after an action and Karpenter cannot be seen acting on it: a batch takes up
 *  to 10 s and a node ~40 s to become Ready. */
export const SHORT_HORIZON_MS = 60_000;

/**
 * What to tell the learner when a timed action lands at (or just before) the end of a run that
 * stops at a fixed time (the Scenario's spec.until): the re-run will not show what follows it.
 * Undefined when the run goes on until the cluster is quiet, or has room enough after the action.
 */
export function horizonNote(atMs: number, endMs: number, stoppedBy: string): string | undefined {
  if (stoppedBy !== 'until') return undefined;
  const left = endMs - atMs;
  if (left >= SHORT_HORIZON_MS) return undefined;
  const after =
    left <= 0
      ? 'nothing after this action is simulated'
      : `only ${formatDuration(left)} of it comes after this action`;
  return `The run stops at ${formatDuration(endMs)} (the Scenario's spec.until): ${after}. Raise spec.until, or remove it to run until the cluster is quiet, to see what Karpenter does next.`;
}
