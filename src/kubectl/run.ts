// The console's one entry point: a command line and the moment under the cursor in, the text
// kubectl (or helm) would print out — plus, for mutating commands, the typed action for the UI to
// add and re-simulate, and for -w / -f what to keep printing as simulated time runs.
// Never throws for user input: anything unknown is an answer listing what is supported.
import { tokenize, type Timeline, type TimedAction } from '../sim/engine/index.ts';
import { flagValue, hasFlag, readArgs, type ReadArgs } from './args.ts';
import type { ConsoleContext } from './context.ts';
import { describeItem, notFound } from './describe.ts';
import { table } from './format.ts';
import { getRequest, headerRow, notServed, runGet, selectItems } from './get.ts';
import { helpText, unsupported } from './help.ts';
import { installedSince, karpenterLogLines } from './logs.ts';
import { runMutation } from './mutate.ts';
import { NODE_INFO } from './objects.ts';
import { RESOURCE_TYPES, resolveType } from './resources.ts';
import { watchLines, type WatchSpec } from './watch.ts';

/** What keeps printing after the command: `get -w` rows or `logs -f` lines. */
export type Follow = { kind: 'get'; spec: WatchSpec } | { kind: 'logs' };

export interface CommandResult {
  /** stdout, exactly as kubectl prints it (no trailing newline). */
  output: string;
  /** stderr, when the command failed (or partly failed, e.g. one of several names not found). */
  error?: string;
  /** Mutating commands: the action at the cursor, for the UI to add and re-simulate. */
  action?: TimedAction;
  watch?: Follow;
  /** `clear` was typed. */
  clear?: true;
}

const READ_VERBS = new Set(['get', 'describe', 'logs', 'api-resources', 'version']);
const MUTATING_VERBS = new Set([
  'scale',
  'delete',
  'apply',
  'cordon',
  'uncordon',
  'drain',
  'annotate',
  'label',
  'taint',
]);

export function runCommand(line: string, ctx: ConsoleContext): CommandResult {
  const words = tokenize(line.trim());
  const [head, verb] = words;
  if (head === undefined) return { output: '' };
  if (
    head === 'help' ||
    ((head === 'kubectl' || head === 'k') &&
      (verb === 'help' || verb === '--help' || verb === undefined))
  )
    return { output: helpText() };
  if (head === 'clear') return { output: '', clear: true };
  if (head === 'kubectl' || head === 'k') {
    if (verb !== undefined && READ_VERBS.has(verb))
      return read(verb, readArgs(words.slice(2)), line, ctx);
    if (verb !== undefined && MUTATING_VERBS.has(verb)) return runMutation(line, ctx);
    return { output: '', error: unsupported(`kubectl ${verb ?? ''}`.trim()) };
  }
  if (head === 'helm' || head === 'interrupt' || head === 'ice') return runMutation(line, ctx);
  return { output: '', error: unsupported(`"${head}"`) };
}

function read(verb: string, a: ReadArgs, line: string, ctx: ConsoleContext): CommandResult {
  switch (verb) {
    case 'get':
      return get(a, line, ctx);
    case 'describe':
      return describe(a, ctx);
    case 'logs':
      return logs(a, ctx);
    case 'api-resources':
      return apiResources(ctx);
    default:
      return {
        output: [
          'Client Version: v1.32.9',
          'Kustomize Version: v5.5.0',
          `Server Version: ${NODE_INFO.kubeletVersion}`,
        ].join('\n'),
      };
  }
}

function get(a: ReadArgs, line: string, ctx: ConsoleContext): CommandResult {
  const req = getRequest(a, ctx);
  if (typeof req === 'string') return { output: '', error: req };
  const widths: number[] = [];
  const r = runGet(req, ctx, widths);
  if (!hasFlag(a, 'w', 'watch')) return r;
  const args = tokenize(line.trim())
    .slice(2)
    .filter((w) => w !== '-w' && w !== '--watch');
  const headerPrinted = r.output.startsWith(headerRow(req, ctx.state)[0] ?? '');
  return { ...r, watch: { kind: 'get', spec: { args, widths, headerPrinted } } };
}

function describe(a: ReadArgs, ctx: ConsoleContext): CommandResult {
  const [first, ...rest] = a.positional;
  if (first === undefined)
    return {
      output: '',
      error:
        'error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.',
    };
  const [typeWord = '', slashName] = first.split('/', 2);
  const type = resolveType(typeWord);
  if (!type || !type.served(ctx.state)) return { output: '', error: notServed(typeWord) };
  const req = getRequest(
    { positional: [typeWord, ...(slashName ? [slashName] : []), ...rest], flags: a.flags },
    ctx,
  );
  if (typeof req === 'string') return { output: '', error: req };
  // describe <type> <prefix> matches every object whose name starts with the prefix.
  const names = req.names;
  const items = selectItems({ ...req, names: [] }, ctx).filter(
    (i) => names.length === 0 || names.some((n) => i.name.startsWith(n)),
  );
  const missing = names.filter((n) => !items.some((i) => i.name.startsWith(n)));
  const error = missing.map((n) => notFound(type, n)).join('\n');
  if (items.length === 0 && names.length === 0)
    return { output: `No resources found in ${req.namespace} namespace.` };
  const output = items.map((i) => describeItem(type, i, ctx)).join('\n\n\n');
  return error === '' ? { output } : { output, error };
}

/** `kubectl logs` for Karpenter's deployment (or a pod of it); other pods run pause: no output. */
function logs(a: ReadArgs, ctx: ConsoleContext): CommandResult {
  const target = a.positional[0] ?? '';
  const selector = flagValue(a, 'l', 'selector') ?? '';
  const isKarpenter =
    /^(deploy|deployment|deployments)(\.apps)?\/karpenter$/.test(target) ||
    /^karpenter-/.test(target) ||
    /karpenter/.test(selector);
  if (!isKarpenter) {
    if (target === '')
      return {
        output: '',
        error: "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.",
      };
    const ns = flagValue(a, 'n', 'namespace') ?? 'default';
    const name = target.replace(/^(pod|pods|po)\//, '');
    if (target.includes('/') && !/^(pod|pods|po)\//.test(target))
      return { output: '', error: unsupported(`kubectl logs ${target}`) };
    return ctx.state.pods.has(`${ns}/${name}`)
      ? { output: '' }
      : { output: '', error: `Error from server (NotFound): pods "${name}" not found` };
  }
  const since = installedSince(ctx.timeline, ctx.t);
  if (since === undefined)
    return {
      output: '',
      error: 'Error from server (NotFound): deployments.apps "karpenter" not found',
    };
  let lines = karpenterLogLines(ctx.timeline, since - 1, ctx.t);
  const tail = Number(flagValue(a, 'tail') ?? -1);
  if (Number.isInteger(tail) && tail >= 0) lines = tail === 0 ? [] : lines.slice(-tail);
  const r: CommandResult = { output: lines.join('\n') };
  return hasFlag(a, 'f', 'follow') ? { ...r, watch: { kind: 'logs' } } : r;
}

function apiResources(ctx: ConsoleContext): CommandResult {
  const rows = RESOURCE_TYPES.filter((r) => r.served(ctx.state)).map((r) => [
    r.plural,
    r.shortNames.join(','),
    r.group === ''
      ? 'v1'
      : r.group === 'apps'
        ? 'apps/v1'
        : r.group === 'karpenter.sh' && ctx.state.karpenter.semantics === 'v1alpha5'
          ? 'karpenter.sh/v1alpha5'
          : `${r.group}/v1`,
    String(r.namespaced),
    r.kind,
  ]);
  return { output: table([['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND'], ...rows]) };
}

/**
 * The lines a running `get -w` or `logs -f` prints for what happens in (from, to], and the follow
 * state for the next call. The UI calls it as the cursor advances (the timeline may have been
 * re-simulated in between).
 */
export function followLines(
  follow: Follow,
  timeline: Timeline,
  from: number,
  to: number,
): { lines: string[]; follow: Follow } {
  if (to <= from) return { lines: [], follow };
  if (follow.kind === 'get') {
    const r = watchLines(follow.spec, timeline, from, to);
    return { lines: r.lines, follow: { kind: 'get', spec: r.spec } };
  }
  // Logs follow the running Karpenter: nothing while it is not installed.
  if (installedSince(timeline, to) === undefined) return { lines: [], follow };
  return { lines: karpenterLogLines(timeline, from, to), follow };
}
