// The read-only kubectl commands besides events, top and explain: get, describe, logs,
// api-resources and version. Each takes parsed flags (flags.ts) and the moment under the cursor.
import { stringify } from 'yaml';
import { parseDuration } from '../sim/engine/duration.ts';
import type { ConsoleContext } from './context.ts';
import { describeItem, notFound } from './describe.ts';
import { flagValue, hasFlag, type Args } from './flags.ts';
import { table } from './format.ts';
import { getRequest, selectItems } from './get.ts';
import { unsupported } from './help.ts';
import { installedSince, karpenterLogLines } from './logs.ts';
import { NODE_INFO } from './objects.ts';
import { headerRow, runGet } from './output.ts';
import { parseOutput } from './outputFormat.ts';
import { RESOURCE_TYPES } from './resources.ts';
import type { CommandResult } from './run.ts';

export function get(a: Args, ctx: ConsoleContext): CommandResult {
  const req = getRequest(a, ctx);
  if (typeof req === 'string') return { output: '', error: req };
  const target = req.targets[0];
  const watching = hasFlag(a, 'watch');
  if (watching && (req.targets.length > 1 || !target))
    return {
      output: '',
      error: `error: watch is only supported on individual resources and resource collections, but ${req.targets.length} resources were found`,
    };
  const widths: number[] = [];
  const r = runGet(req, ctx, widths);
  if (!watching || !target) return r;
  const args = [...a.positional];
  for (const [name, value] of a.flags)
    if (name !== 'watch' && value !== false)
      args.push(value === true ? `--${name}` : `--${name}=${value}`);
  const headerPrinted = r.output.startsWith(headerRow(req, target.type, ctx.state)[0] ?? '');
  return { ...r, watch: { kind: 'get', spec: { args, widths, headerPrinted } } };
}

export function describe(a: Args, ctx: ConsoleContext): CommandResult {
  if (a.positional.length === 0)
    return {
      output: '',
      error:
        'error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.',
    };
  const req = getRequest(a, ctx);
  if (typeof req === 'string') return { output: '', error: req };
  const showEvents = a.flags.get('show-events') !== false;
  const outputs: string[] = [];
  const errors: string[] = [];
  for (const target of req.targets) {
    // describe <type> <prefix> matches every object whose name starts with the prefix.
    const names = target.names;
    const items = selectItems(req, { ...target, names: [] }, ctx).filter(
      (i) => names.length === 0 || names.some((n) => i.name.startsWith(n)),
    );
    errors.push(
      ...names
        .filter((n) => !items.some((i) => i.name.startsWith(n)))
        .map((n) => notFound(target.type, n)),
    );
    outputs.push(...items.map((i) => describeItem(target.type, i, ctx, showEvents)));
  }
  if (outputs.length === 0 && errors.length === 0)
    return { output: `No resources found in ${req.namespace} namespace.` };
  const output = outputs.join('\n\n\n');
  return errors.length === 0 ? { output } : { output, error: errors.join('\n') };
}

/** `kubectl logs` for Karpenter's deployment (or a pod of it); other pods run pause: no output. */
export function logs(a: Args, ctx: ConsoleContext): CommandResult {
  const target = a.positional[0] ?? '';
  const selector = flagValue(a, 'selector') ?? '';
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
    const ns = flagValue(a, 'namespace') ?? 'default';
    const name = target.replace(/^(pod|pods|po)\//, '');
    if (target.includes('/') && !/^(pod|pods|po)\//.test(target))
      return { output: '', error: unsupported(`kubectl logs ${target}`) };
    return ctx.state.pods.has(`${ns}/${name}`)
      ? { output: '' }
      : { output: '', error: `Error from server (NotFound): pods "${name}" not found` };
  }
  const installed = installedSince(ctx.timeline, ctx.t);
  if (installed === undefined)
    return {
      output: '',
      error: 'Error from server (NotFound): deployments.apps "karpenter" not found',
    };
  const sinceText = flagValue(a, 'since');
  const since = sinceText === undefined ? undefined : parseDuration(sinceText);
  if (sinceText !== undefined && since === undefined)
    return {
      output: '',
      error: `error: invalid argument "${sinceText}" for "--since" flag: time: invalid duration "${sinceText}"`,
    };
  let lines = karpenterLogLines(
    ctx.timeline,
    Math.max(installed - 1, ctx.t - (since ?? Infinity)),
    ctx.t,
  );
  const tail = Number(flagValue(a, 'tail') ?? -1);
  if (Number.isInteger(tail) && tail >= 0) lines = tail === 0 ? [] : lines.slice(-tail);
  const r: CommandResult = { output: lines.join('\n') };
  return hasFlag(a, 'follow') ? { ...r, watch: { kind: 'logs' } } : r;
}

export function apiResources(a: Args, ctx: ConsoleContext): CommandResult {
  const o = flagValue(a, 'output');
  if (o !== undefined && o !== 'wide' && o !== 'name')
    return { output: '', error: `error: --output ${o} is not available` };
  const namespaced = flagValue(a, 'namespaced');
  const group = flagValue(a, 'api-group');
  const served = RESOURCE_TYPES.filter(
    (r) =>
      r.served(ctx.state) &&
      (namespaced === undefined || String(r.namespaced) === namespaced) &&
      (group === undefined || r.group === group),
  );
  if (o === 'name')
    return {
      output: served.map((r) => (r.group === '' ? r.plural : `${r.plural}.${r.group}`)).join('\n'),
    };
  const rows = served.map((r) => [
    r.plural,
    r.shortNames.join(','),
    r.group === ''
      ? 'v1'
      : r.group === 'karpenter.sh' && ctx.state.karpenter.semantics === 'v1alpha5'
        ? 'karpenter.sh/v1alpha5'
        : `${r.group}/v1`,
    String(r.namespaced),
    r.kind,
    ...(o === 'wide' ? ['get,list,watch', (r.categories ?? []).join(',')] : []),
  ]);
  const header = [
    'NAME',
    'SHORTNAMES',
    'APIVERSION',
    'NAMESPACED',
    'KIND',
    ...(o === 'wide' ? ['VERBS', 'CATEGORIES'] : []),
  ];
  return { output: table(hasFlag(a, 'no-headers') ? rows : [header, ...rows]) };
}

export function version(a: Args): CommandResult {
  const client = { major: '1', minor: '32', gitVersion: 'v1.32.9' };
  const server = { major: '1', minor: '32', gitVersion: NODE_INFO.kubeletVersion };
  const o = flagValue(a, 'output');
  const clientOnly = hasFlag(a, 'client');
  if (o !== undefined) {
    const format = parseOutput(o);
    if (typeof format === 'string' || (format.kind !== 'yaml' && format.kind !== 'json'))
      return { output: '', error: `error: --output must be 'yaml' or 'json'` };
    const doc = {
      clientVersion: client,
      kustomizeVersion: 'v5.5.0',
      ...(clientOnly ? {} : { serverVersion: server }),
    };
    return {
      output: format.kind === 'json' ? JSON.stringify(doc, null, 2) : stringify(doc).trimEnd(),
    };
  }
  return {
    output: [
      'Client Version: v1.32.9',
      'Kustomize Version: v5.5.0',
      ...(clientOnly ? [] : [`Server Version: ${NODE_INFO.kubeletVersion}`]),
    ].join('\n'),
  };
}
