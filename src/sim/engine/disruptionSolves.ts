// Dry-run solves reused while their input is the same. A consolidation pass re-asks the same
// questions after every change: on the 24 h day at 2,000 pods, hours 0-2, about 10,000 of 114,000
// dry runs hand solve() exactly the objects the previous dry run of the same candidate did (what
// changed was outside the solve's input), yet the state fingerprint of the verdict cache
// (disruption/verdicts.ts) has moved. solve() is a pure function of its input apart from the
// random stream, and records and StateNodes are immutable (a changed node is a new StateNode
// object, ClusterView), so a solve that drew no random number gives the same result for the same
// objects: it is reused, and still draws nothing. A solve that drew is never reused (a re-run
// draws again, as upstream's fresh map order does); pools, ICE-filtered catalogs, DaemonSets,
// usage and options are compared too.
//
// Worked example: candidate ip-10-0-1-7's one pod lands on the booting replacement
// nodeclaim/default-x2k9p ("would schedule against uninitialized nodeclaim"). Ten seconds later
// the replacement is still booting and only a pending pod elsewhere was nominated: the same 412
// StateNodes, the same pod, the same pools → the stored result. Once the replacement registers,
// its StateNode is a new object → solved again.
import type { SolveInput, SolveResult, StateNode } from '../scheduling/types.ts';
import { objectId } from '../objectId.ts';

// Objects are compared by identity through objectId ids, so a stored key holds no StateNode, Pod or
// catalog alive (holding the objects kept every old StateNode and the solve's caches on it).

/** At most this many excluded-node sets are kept (multi-node prefixes vary); then all are dropped. */
const MAX_ENTRIES = 4_096;

const usageTexts = new WeakMap<object, string>();
function usageText(usage: SolveInput['nodePoolUsage']): string {
  let t = usageTexts.get(usage);
  if (t === undefined) {
    t = JSON.stringify([...usage].map(([pool, r]) => [pool, Object.entries(r)]));
    usageTexts.set(usage, t);
  }
  return t;
}

/** No pod with volumes: the dry runs' shared input carries empty per-pod maps. */
function noVolumes(v: SolveInput['volumes']): boolean {
  return v !== undefined && v.alternatives.size === 0 && v.usage.size === 0 && v.ignored.size === 0;
}

/** What solve() reads, the rng aside: object ids in input order, usage and pool names by value. */
export interface SolveInputKey {
  ids: Uint32Array;
  text: string;
  options: Readonly<Record<string, unknown>>;
}

/** The objectIds of a list's objects, in order. */
export function objectIds(list: readonly object[]): Uint32Array {
  const out = new Uint32Array(list.length);
  for (let i = 0; i < list.length; i++) out[i] = objectId(list[i] as object);
  return out;
}

/** name → its positions in `nodes` (a name is normally listed once). */
export function positions(nodes: readonly StateNode[]): Map<string, number[]> {
  const at = new Map<string, number[]>();
  nodes.forEach((n, i) => {
    const list = at.get(n.name);
    if (list) list.push(i);
    else at.set(n.name, [i]);
  });
  return at;
}

/** A dry run's node ids: the shared list's `ids` without the positions in `absent` (ascending). */
export interface KeptIds {
  readonly ids: Uint32Array;
  readonly absent: readonly number[];
}

/**
 * `nodes` (with their `ids`, `at` = positions(nodes)) without the nodes named in `exclude`, and
 * the positions left out, ascending. A pass's dry runs leave out one to ~100 of thousands of
 * nodes: the kept runs between them are copied by the engine's slice/concat, and the ids are not
 * copied at all (solveInputKey skips the absent positions) — a typed array per dry run cost ~4 µs
 * to allocate at 5,000 pods, and a per-element compaction loop ~1 % of the day.
 */
export function leaveOut(
  nodes: readonly StateNode[],
  ids: Uint32Array,
  at: ReadonlyMap<string, readonly number[]>,
  exclude: ReadonlySet<string>,
): { nodes: StateNode[]; nodeIds: KeptIds; absent: number[] } {
  const absent: number[] = [];
  for (const name of exclude) for (const i of at.get(name) ?? []) absent.push(i);
  absent.sort((a, b) => a - b);
  const runs: StateNode[][] = [];
  let from = 0;
  for (const a of absent) {
    if (a > from) runs.push(nodes.slice(from, a));
    from = a + 1;
  }
  const tail = nodes.slice(from);
  const [first, ...rest] = runs;
  return { nodes: first ? first.concat(...rest, tail) : tail, nodeIds: { ids, absent }, absent };
}

/** Room for keys computed one after another (a dry run's key is read before the next is made). */
export interface KeyScratch {
  buf: Uint32Array;
}

/** undefined for an input with volumes (its per-pod maps are built per dry run). `nodeIds`, when
 *  the caller has them (objectIds(input.nodes), or the shared list's ids less the positions left
 *  out), saves a WeakMap lookup per node per dry run. With `scratch`, the key's ids are a view of
 *  its buffer, valid until the next key made in it (DrawFreeSolves.remember keeps a copy). */
export function solveInputKey(
  input: SolveInput,
  nodeIds?: Uint32Array | KeptIds,
  scratch?: KeyScratch,
): SolveInputKey | undefined {
  if (!noVolumes(input.volumes)) return undefined;
  const parts = [input.pods, input.nodes, input.nodePools, input.daemonSets];
  const length = parts.reduce((n, l) => n + l.length + 1, 0) + input.instanceTypes.size;
  let out: Uint32Array;
  if (scratch) {
    if (scratch.buf.length < length)
      scratch.buf = new Uint32Array(Math.max(length, 2 * scratch.buf.length));
    out = scratch.buf.subarray(0, length);
  } else out = new Uint32Array(length);
  let i = 0;
  for (const list of parts) {
    if (list === input.nodes && nodeIds instanceof Uint32Array) {
      out.set(nodeIds, i);
      i += nodeIds.length;
    } else if (list === input.nodes && nodeIds) {
      const { ids, absent } = nodeIds as KeptIds;
      for (let r = 0, k = 0; r < ids.length; r++) {
        if (r === absent[k]) k++;
        else out[i++] = ids[r] as number;
      }
    } else for (const o of list) out[i++] = objectId(o);
    out[i++] = 0; // a separator: ids start at 1
  }
  for (const types of input.instanceTypes.values()) out[i++] = objectId(types);
  const { rng: _rng, closedNodes, restrictedPods, ...options } = input.options ?? {};
  // The v1.14 destination rule's sets are compared by content (a pass builds its own).
  const closed =
    closedNodes && restrictedPods ? `|${setText(closedNodes)}|${setText(restrictedPods)}` : '';
  return {
    ids: out,
    text: `${[...input.instanceTypes.keys()].join('\n')}|${usageText(input.nodePoolUsage)}${closed}`,
    options,
  };
}

/** A set's members sorted and joined, once per set object (a pass's closed set serves all its
 *  dry runs; thousands of names right after a large scale-down). */
const setTexts = new WeakMap<ReadonlySet<string>, string>();
function setText(set: ReadonlySet<string>): string {
  let text = setTexts.get(set);
  if (text === undefined) {
    text = [...set].sort().join(',');
    setTexts.set(set, text);
  }
  return text;
}

function sameKey(a: SolveInputKey, b: SolveInputKey): boolean {
  if (a.ids.length !== b.ids.length || a.text !== b.text) return false;
  for (let i = 0; i < a.ids.length; i++) if (a.ids[i] !== b.ids[i]) return false;
  const ka = Object.keys(a.options);
  if (ka.length !== Object.keys(b.options).length) return false;
  return ka.every((k) => Object.hasOwn(b.options, k) && a.options[k] === b.options[k]);
}

/** Every part of two solve inputs is the same object (usage: the same numbers), the rng aside. */
export function sameSolveInput(a: SolveInput, b: SolveInput): boolean {
  const ka = solveInputKey(a);
  const kb = solveInputKey(b);
  return ka !== undefined && kb !== undefined && sameKey(ka, kb);
}

interface Entry {
  key: SolveInputKey;
  result: SolveResult;
}

/** The last draw-free dry-run solve per excluded-node set. */
export class DrawFreeSolves {
  private readonly byExcluded = new Map<string, Entry>();
  /** Solves answered from here (bench and tests). */
  hits = 0;

  /** The stored result if `key` is the key of the input it was solved from. */
  lookup(excluded: string, key: SolveInputKey | undefined): SolveResult | undefined {
    const e = this.byExcluded.get(excluded);
    if (!e || !key || !sameKey(e.key, key)) return undefined;
    this.hits++;
    return e.result;
  }

  /**
   * Keeps a result that drew no random number and plans no NodeClaim: a plan computes its funnel
   * lazily from the solve's NodeClaim, so keeping it would keep that solve's state alive (1.6 GB
   * at 2,000 pods); the dry runs worth reusing are the ones that fail on the existing nodes.
   */
  remember(excluded: string, key: SolveInputKey | undefined, result: SolveResult): void {
    if (!key || result.newNodeClaims.length > 0) return;
    if (this.byExcluded.size >= MAX_ENTRIES && !this.byExcluded.has(excluded))
      this.byExcluded.clear();
    this.byExcluded.set(excluded, { key: { ...key, ids: key.ids.slice() }, result });
  }
}
