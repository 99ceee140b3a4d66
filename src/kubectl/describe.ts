// `kubectl describe`: kubectl's own layout for nodes and pods, the generic (unstructured) layout it
// uses for CRDs and everything else, and the Events table built from the timeline's Kubernetes
// events for the object up to the cursor. All text goes through the describe tabwriter.
import type { NodeRec, PodRec } from '../sim/engine/index.ts';
import type { Taint } from '../sim/k8s.ts';
import { formatQuantity, type Resources } from '../sim/quantity.ts';
import { getClaim } from '../sim/storage/claims.ts';
import type { ConsoleContext } from './context.ts';
import { DESCRIBE_TABS, humanDuration, rfc1123, tabwrite } from './format.ts';
import { NODE_INFO, nodeIP, podIP, podView, providerID } from './objects.ts';
import { eventsAt, interval } from './events.ts';
import { qualified, type Item, type ResourceType } from './resources.ts';
import { describeClaim, podVolumes } from './describeStorage.ts';

/** describe's Events table: aggregated events, oldest last-seen first, "(x4 over 2m)" for repeats. */
export function eventsSection(ctx: ConsoleContext, object: string): string[] {
  const evs = eventsAt(ctx.timeline, ctx.t, object).sort((a, b) => a.last - b.last);
  if (evs.length === 0) return ['Events:\t<none>'];
  return [
    'Events:',
    '  Type\tReason\tAge\tFrom\tMessage',
    '  ----\t------\t----\t----\t-------',
    ...evs.map((e) => `  ${e.type}\t${e.reason}\t${interval(ctx.t, e)}\t${e.source}\t${e.message}`),
  ];
}

/** "Labels:  a=b" then one continuation line per further entry. */
export function multiline(title: string, entries: string[]): string[] {
  if (entries.length === 0) return [`${title}:\t<none>`];
  return entries.map((e, i) => (i === 0 ? `${title}:\t${e}` : `\t${e}`));
}

export const kv = (m: Readonly<Record<string, string>>, sep = '='): string[] =>
  Object.entries(m)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}${sep}${v}`);

const taintText = (t: Taint): string =>
  `${t.key}${t.value === undefined ? '' : `=${t.value}`}:${t.effect}`;

function percent(v: number, of: number): string {
  return `${of > 0 ? Math.floor((v * 100) / of) : 0}%`;
}

function describeNode(n: NodeRec, ctx: ConsoleContext): string[] {
  const pods = [...ctx.state.pods.values()]
    .filter((p) => p.nodeName === n.name)
    .sort((a, b) => (a.key < b.key ? -1 : 1));
  const sum = (r: string): number => pods.reduce((acc, p) => acc + (p.requests[r] ?? 0), 0);
  const q = (r: string, v: number): string => formatQuantity(r, v);
  const cap = (title: string, res: Resources): string[] => [
    `${title}:`,
    ...Object.entries(res).map(([k, v]) => `  ${k}:\t${q(k, v)}`),
  ];
  return [
    `Name:\t${n.name}`,
    'Roles:\t<none>',
    ...multiline('Labels', kv(n.labels)),
    ...multiline('Annotations', kv(n.annotations, ': ')),
    `CreationTimestamp:\t${rfc1123(n.createdAt)}`,
    ...multiline('Taints', n.taints.map(taintText)),
    `Unschedulable:\t${String(n.unschedulable)}`,
    'Conditions:',
    '  Type\tStatus\tLastTransitionTime\tReason\tMessage',
    '  ----\t------\t------------------\t------\t-------',
    n.ready
      ? `  Ready\tTrue\t${rfc1123(n.readyAt ?? n.createdAt)}\tKubeletReady\tkubelet is posting ready status`
      : `  Ready\tFalse\t${rfc1123(n.createdAt)}\tKubeletNotReady\tcontainer runtime network not ready: NetworkReady=false`,
    'Addresses:',
    `  InternalIP:\t${nodeIP(n.name)}`,
    `  Hostname:\t${n.name}`,
    ...cap('Capacity', n.capacity),
    ...cap('Allocatable', n.allocatable),
    'System Info:',
    `  Kernel Version:\t${NODE_INFO.kernel(n.arch)}`,
    `  OS Image:\t${NODE_INFO.osImage}`,
    '  Operating System:\tlinux',
    `  Architecture:\t${n.arch}`,
    `  Container Runtime Version:\t${NODE_INFO.containerRuntime}`,
    `  Kubelet Version:\t${NODE_INFO.kubeletVersion}`,
    `ProviderID:\t${providerID(n.zone, n.nodeClaim ?? n.name)}`,
    `Non-terminated Pods:\t(${pods.length} in total)`,
    '  Namespace\tName\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge',
    '  ---------\t----\t------------\t----------\t---------------\t-------------\t---',
    ...pods.map((p) => {
      const cpu = p.requests.cpu ?? 0;
      const mem = p.requests.memory ?? 0;
      return `  ${p.pod.metadata.namespace ?? 'default'}\t${p.pod.metadata.name ?? ''}\t${q('cpu', cpu)} (${percent(cpu, n.allocatable.cpu ?? 0)})\t0 (0%)\t${q('memory', mem)} (${percent(mem, n.allocatable.memory ?? 0)})\t0 (0%)\t${humanDuration(ctx.t - p.createdAt)}`;
    }),
    'Allocated resources:',
    '  (Total limits may be over 100 percent, i.e., overcommitted.)',
    '  Resource\tRequests\tLimits',
    '  --------\t--------\t------',
    ...['cpu', 'memory', 'ephemeral-storage'].map(
      (r) => `  ${r}\t${q(r, sum(r))} (${percent(sum(r), n.allocatable[r] ?? 0)})\t0 (0%)`,
    ),
    ...eventsSection(ctx, `node/${n.name}`),
  ];
}

function describePod(p: PodRec, ctx: ConsoleContext): string[] {
  const m = p.pod.metadata;
  const view = podView(p, ctx);
  const owner = m.ownerReferences?.[0];
  // An unscheduled pod has no container statuses yet, so kubectl prints no State/Ready lines.
  const status =
    p.nodeName === undefined
      ? []
      : [
          ...(view.status === 'Running'
            ? ['    State:\tRunning', `      Started:\t${rfc1123(p.startedAt ?? ctx.t)}`]
            : ['    State:\tWaiting', `      Reason:\t${view.status}`]),
          `    Ready:\t${view.status === 'Running' ? 'True' : 'False'}`,
          `    Restart Count:\t${view.restarts.split(' ')[0] ?? '0'}`,
        ];
  const containers = p.pod.spec.containers.flatMap((c) => [
    `  ${c.name}:`,
    `    Image:\t${c.image ?? ''}`,
    ...status,
    ...(c.resources?.requests
      ? [
          '    Requests:',
          ...Object.entries(c.resources.requests).map(([k, v]) => `      ${k}:\t${String(v)}`),
        ]
      : []),
  ]);
  return [
    `Name:\t${m.name ?? ''}`,
    `Namespace:\t${m.namespace ?? 'default'}`,
    `Priority:\t${p.pod.spec.priority ?? 0}`,
    'Service Account:\tdefault',
    `Node:\t${p.nodeName === undefined ? '<none>' : `${p.nodeName}/${nodeIP(p.nodeName)}`}`,
    ...(p.boundAt === undefined ? [] : [`Start Time:\t${rfc1123(p.boundAt)}`]),
    ...multiline('Labels', kv(m.labels ?? {})),
    ...multiline('Annotations', kv(m.annotations ?? {}, ': ')),
    `Status:\t${view.status === 'Terminating' ? 'Terminating' : p.phase === 'Failed' ? 'Running' : p.phase}`,
    `IP:\t${p.nodeName === undefined ? '' : podIP(p)}`,
    ...(owner ? [`Controlled By:\t${owner.kind}/${owner.name}`] : []),
    'Containers:',
    ...containers,
    'Conditions:',
    '  Type\tStatus',
    `  PodScheduled\t${p.nodeName === undefined ? 'False' : 'True'}`,
    ...(p.nodeName === undefined
      ? []
      : [`  Ready\t${view.status === 'Running' ? 'True' : 'False'}`]),
    ...podVolumes(p.pod.spec.volumes ?? []),
    ...multiline('Node-Selectors', kv(p.pod.spec.nodeSelector ?? {})),
    ...multiline(
      'Tolerations',
      (p.pod.spec.tolerations ?? []).map(
        (t) =>
          `${t.key ?? ''}${t.value ? `=${t.value}` : ''}${t.effect ? `:${t.effect}` : ''} op=${t.operator ?? 'Equal'}`,
      ),
    ),
    ...eventsSection(ctx, `pod/${p.key}`),
  ];
}

/** "nodeClassRef" → "Node Class Ref"; keys with dots, slashes or dashes stay as they are. */
function fieldLabel(key: string): string {
  if (/[^A-Za-z0-9]/.test(key)) return key;
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** kubectl's generic describer: nested maps as indented "Field:  value" blocks. */
function unstructured(value: unknown, indent: string): string[] {
  if (Array.isArray(value))
    return value.flatMap((v) =>
      typeof v === 'object' && v !== null ? unstructured(v, indent) : [`${indent}${String(v)}`],
    );
  if (typeof value !== 'object' || value === null) return [`${indent}${String(value)}`];
  // kubectl walks the object's fields in sorted order.
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
    a < b ? -1 : 1,
  );
  return entries.flatMap(([k, v]) => {
    if (v === undefined) return [];
    if (typeof v === 'object' && v !== null)
      return [`${indent}${fieldLabel(k)}:`, ...unstructured(v, `${indent}  `)];
    return [`${indent}${fieldLabel(k)}:\t${String(v)}`];
  });
}

function describeGeneric(
  item: Item,
  type: ResourceType,
  eventObject: string,
  ctx: ConsoleContext,
): string[] {
  const o = item.object() as {
    apiVersion?: string;
    kind?: string;
    metadata?: Record<string, unknown>;
    [k: string]: unknown;
  };
  const { name: _n, namespace: _ns, labels: _l, annotations, ...metadata } = o.metadata ?? {};
  const { apiVersion, kind, metadata: _m, ...rest } = o;
  return [
    `Name:\t${item.name}`,
    `Namespace:\t${item.namespace ?? ''}`,
    ...multiline('Labels', kv(item.labels)),
    ...multiline('Annotations', kv((annotations ?? {}) as Record<string, string>, ': ')),
    `API Version:\t${apiVersion ?? ''}`,
    `Kind:\t${kind ?? type.singular}`,
    'Metadata:',
    ...unstructured(metadata, '  '),
    ...unstructured(rest, ''),
    ...eventsSection(ctx, eventObject),
  ];
}

/** The text of `kubectl describe <type> <item>`. */
export function describeItem(
  type: ResourceType,
  item: Item,
  ctx: ConsoleContext,
  showEvents = true,
): string {
  let lines: string[];
  const node = type.plural === 'nodes' ? ctx.state.nodes.get(item.name) : undefined;
  const pod =
    type.plural === 'pods'
      ? ctx.state.pods.get(`${item.namespace ?? 'default'}/${item.name}`)
      : undefined;
  const claim =
    type.plural === 'persistentvolumeclaims'
      ? getClaim(ctx.state.objects, item.namespace ?? 'default', item.name)
      : undefined;
  if (node) lines = describeNode(node, ctx);
  else if (pod) lines = describePod(pod, ctx);
  else if (claim) lines = describeClaim(claim, ctx);
  else {
    const ns = type.namespaced ? `${item.namespace ?? 'default'}/` : '';
    lines = describeGeneric(item, type, `${type.singular}/${ns}${item.name}`, ctx);
  }
  // --show-events=false: everything up to the Events section.
  if (!showEvents)
    lines = lines.slice(
      0,
      lines.findIndex((l) => l.startsWith('Events:')),
    );
  return tabwrite(lines.join('\n'), DESCRIBE_TABS);
}

export function notFound(type: ResourceType, name: string): string {
  return `Error from server (NotFound): ${qualified(type, true)} "${name}" not found`;
}
