// `kubectl top node|pod`, computed from the pods' resource requests: the simulation runs no
// containers, so there is no usage for a metrics-server to report. The columns and units are
// kubectl's (metricsutil/metrics_printer.go: CPU in millicores, memory in Mi, % of allocatable),
// and every answer carries a note saying the figures are requests, not measured usage.
import type { NodeRec, PodRec } from '../sim/engine/index.ts';
import { MiB } from '../sim/quantity.ts';
import type { ConsoleContext } from './context.ts';
import { parseFieldSelector } from './fieldSelector.ts';
import { flagValue, hasFlag, type Args } from './flags.ts';
import { table } from './format.ts';
import { nodeExists } from './objects.ts';
import { pods as podType } from './coreKinds.ts';
import { fieldsOf } from './get.ts';
import type { CommandResult } from './run.ts';
import { parseSelector } from './selector.ts';

export const TOP_NOTE =
  'These figures are the pods’ resource requests, not usage measured by metrics-server: the simulation runs no containers.';

const cpu = (m: number): string => `${Math.round(m)}m`;
const memory = (bytes: number): string => `${Math.floor(bytes / MiB)}Mi`;
const percent = (v: number, of: number): string => `${of > 0 ? Math.floor((v / of) * 100) : 0}%`;

function requested(pods: readonly PodRec[], r: string): number {
  return pods.reduce((sum, p) => sum + (p.requests[r] ?? 0), 0);
}

function sortBy(a: Args): 'cpu' | 'memory' | undefined | { error: string } {
  const s = flagValue(a, 'sort-by');
  if (s === undefined || s === 'cpu' || s === 'memory') return s;
  return { error: 'error: --sort-by accepts only cpu or memory' };
}

function topNodes(a: Args, ctx: ConsoleContext): CommandResult {
  const order = sortBy(a);
  if (typeof order === 'object') return { output: '', error: order.error };
  const sel = flagValue(a, 'selector');
  const selector = sel === undefined ? undefined : parseSelector(sel);
  if (selector && 'error' in selector) return { output: '', error: selector.error };
  const name = a.positional[0];
  let nodes = [...ctx.state.nodes.values()]
    .filter(nodeExists)
    .filter((n) => (name === undefined || n.name === name) && (!selector || selector(n.labels)))
    .sort((x, y) => (x.name < y.name ? -1 : 1));
  if (name !== undefined && nodes.length === 0)
    return {
      output: '',
      error: `Error from server (NotFound): nodemetrics.metrics.k8s.io "${name}" not found`,
    };
  if (nodes.length === 0) return { output: '', error: 'error: metrics not available yet' };
  const capacity = hasFlag(a, 'show-capacity');
  const usage = (n: NodeRec): { cpu: number; memory: number } => {
    const on = [...ctx.state.pods.values()].filter((p) => p.nodeName === n.name);
    return { cpu: requested(on, 'cpu'), memory: requested(on, 'memory') };
  };
  // A node that is not Ready yet has no kubelet metrics: kubectl lists it last as <unknown>.
  const ready = nodes.filter((n) => n.ready);
  const unknown = nodes.filter((n) => !n.ready);
  if (order) ready.sort((x, y) => usage(y)[order] - usage(x)[order]);
  nodes = [...ready, ...unknown];
  const rows = nodes.map((n) => {
    if (!n.ready) return [n.name, '<unknown>', '<unknown>', '<unknown>', '<unknown>'];
    const u = usage(n);
    const of = capacity ? n.capacity : n.allocatable;
    return [
      n.name,
      cpu(u.cpu),
      percent(u.cpu, of.cpu ?? 0),
      memory(u.memory),
      percent(u.memory, of.memory ?? 0),
    ];
  });
  const header = ['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)'];
  return {
    output: table(hasFlag(a, 'no-headers') ? rows : [header, ...rows]),
    note: TOP_NOTE,
  };
}

function topPods(a: Args, ctx: ConsoleContext): CommandResult {
  const order = sortBy(a);
  if (typeof order === 'object') return { output: '', error: order.error };
  const sel = flagValue(a, 'selector');
  const selector = sel === undefined ? undefined : parseSelector(sel);
  if (selector && 'error' in selector) return { output: '', error: selector.error };
  const fieldText = flagValue(a, 'field-selector');
  const fields = fieldText === undefined ? undefined : parseFieldSelector(fieldText, podType);
  if (fields && 'error' in fields) return { output: '', error: fields.error };
  const all = hasFlag(a, 'all-namespaces');
  const namespace = flagValue(a, 'namespace') ?? 'default';
  const name = a.positional[0];
  // metrics-server reports running pods only.
  const items = podType
    .list(ctx)
    .filter(
      (i) =>
        (all || i.namespace === namespace) &&
        (name === undefined || i.name === name) &&
        (!selector || selector(i.labels)) &&
        (!fields || fields(fieldsOf(i))),
    );
  const running = items
    .map((i) => ({ i, p: ctx.state.pods.get(`${i.namespace ?? 'default'}/${i.name}`) }))
    .filter((x): x is { i: typeof x.i; p: PodRec } => x.p?.phase === 'Running')
    .sort((x, y) => (`${x.i.namespace}/${x.i.name}` < `${y.i.namespace}/${y.i.name}` ? -1 : 1));
  if (name !== undefined && running.length === 0)
    return {
      output: '',
      error: `Error from server (NotFound): podmetrics.metrics.k8s.io "${namespace}/${name}" not found`,
    };
  if (running.length === 0)
    return {
      output: '',
      error: all ? 'No resources found' : `No resources found in ${namespace} namespace.`,
    };
  if (order) running.sort((x, y) => (y.p.requests[order] ?? 0) - (x.p.requests[order] ?? 0));
  const rows = running.map(({ i, p }) => [
    ...(all ? [i.namespace ?? 'default'] : []),
    i.name,
    cpu(p.requests.cpu ?? 0),
    memory(p.requests.memory ?? 0),
  ]);
  const header = [...(all ? ['NAMESPACE'] : []), 'NAME', 'CPU(cores)', 'MEMORY(bytes)'];
  return {
    output: table(hasFlag(a, 'no-headers') ? rows : [header, ...rows]),
    note: TOP_NOTE,
  };
}

export function top(what: 'node' | 'pod', a: Args, ctx: ConsoleContext): CommandResult {
  return what === 'node' ? topNodes(a, ctx) : topPods(a, ctx);
}
