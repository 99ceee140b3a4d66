// A NodeClaim's instance-type options as a mask over its template's options. Options only ever
// narrow during a solve, and most narrowing is by fit alone: a pod joins, the claim's total
// grows, and the options whose allocatable is now below it drop out. The template's options are
// kept sorted once per dense resource, so the options a larger total removes are read from the
// small end of those orders (O(removed) per add instead of a pass over every option), and the
// min/max allocatable bounds are the first/last live entry of each order (amortised O(1): a
// pointer only moves past options that are gone for good). The option list itself, in template
// order, is built only when someone reads it (the full filter, finalize, limits).
import type { InstanceType } from '../catalog/types.ts';
import type { DenseBounds, DenseIndex, DenseRequest } from './dense.ts';

/** Per template: each option's position and vector, and per resource the positions by value. */
class TemplateOrder {
  readonly pos = new Map<InstanceType, number>();
  readonly vecs: Float64Array[];
  readonly byDim: Int32Array[];
  /** Scratch marks for outgrown() (synchronous, so one per template is enough). */
  readonly seen: Uint32Array;
  epoch = 0;
  private readonly capacity = new Map<string, CapacityOrder>();
  /** Named per-option answers (templateMask). */
  readonly masks = new Map<string, Uint8Array>();

  capacityOrder(key: string): CapacityOrder {
    let c = this.capacity.get(key);
    if (!c) this.capacity.set(key, (c = capacityOrder(this.all, key)));
    return c;
  }

  constructor(
    readonly all: readonly InstanceType[],
    dense: DenseIndex,
  ) {
    all.forEach((it, i) => this.pos.set(it, i));
    this.seen = new Uint32Array(all.length);
    const vecs = all.map((it) => dense.vec(it));
    this.vecs = vecs;
    // A NaN allocatable fits every request (DenseIndex.fits), so it sorts as +Infinity: the
    // outgrown() walk stops at the first option that fits.
    const at = (i: number, k: number) => {
      const v = vecs[i]?.[k] ?? 0;
      return Number.isNaN(v) ? Infinity : v;
    };
    this.byDim = dense.keys.map((_, k) =>
      Int32Array.from(
        all
          .map((_it, i) => i)
          .sort((a, b) => (at(a, k) < at(b, k) ? -1 : at(a, k) > at(b, k) ? 1 : a - b)),
      ),
    );
  }
}

/** Per capacity key: positions by capacity, largest first, and the positions whose capacity is
 *  NaN (Math.max then gives NaN, whatever else is live). */
interface CapacityOrder {
  desc: Int32Array;
  nan: Int32Array;
}

function capacityOrder(all: readonly InstanceType[], key: string): CapacityOrder {
  const cap = (i: number) => all[i]?.capacity[key] ?? 0;
  const idx = all.map((_it, i) => i);
  return {
    desc: Int32Array.from(
      idx
        .filter((i) => !Number.isNaN(cap(i)))
        .sort((a, b) => (cap(a) < cap(b) ? 1 : cap(a) > cap(b) ? -1 : 0)),
    ),
    nan: Int32Array.from(idx.filter((i) => Number.isNaN(cap(i)))),
  };
}

const MASKS_KEPT = 256;

const orders = new WeakMap<readonly InstanceType[], TemplateOrder>();

function orderOf(all: readonly InstanceType[], dense: DenseIndex): TemplateOrder {
  let o = orders.get(all);
  if (!o) orders.set(all, (o = new TemplateOrder(all, dense)));
  return o;
}

export class OptionSet {
  private readonly order: TemplateOrder;
  private readonly alive: Uint8Array;
  private count = 0;
  /** Per resource: index into order.byDim[k] of the first / last entry that may still be live. */
  private readonly lo: Int32Array;
  private readonly hi: Int32Array;
  private list: readonly InstanceType[] | undefined;
  private listVecs: readonly Float64Array[] | undefined;

  /** `options` must be a subsequence of `all` (the template's options, which `dense` indexes). */
  constructor(all: readonly InstanceType[], dense: DenseIndex, options: readonly InstanceType[]) {
    this.order = orderOf(all, dense);
    const n = all.length;
    this.alive = new Uint8Array(n);
    this.lo = new Int32Array(dense.keys.length);
    this.hi = new Int32Array(dense.keys.length).fill(n - 1);
    this.keepOnly(options);
  }

  get size(): number {
    return this.count;
  }

  /** max(0, capacity[key] of each live option) — NaN if one is NaN — without listing them: the
   *  first live entry of the template's capacity order (subtractMax after a new NodeClaim). */
  maxCapacity(key: string): number {
    const { desc, nan } = this.order.capacityOrder(key);
    for (let p = 0; p < nan.length; p++) if (this.alive[nan[p] as number] === 1) return NaN;
    for (let p = 0; p < desc.length; p++) {
      const i = desc[p] as number;
      if (this.alive[i] === 1) return Math.max(0, this.order.all[i]?.capacity[key] ?? 0);
    }
    return 0;
  }

  /** A yes (1) / no (0) per template option for a test the caller names: the same name must
   *  mean the same test (e.g. the exact requirement asked about). Kept per template, up to
   *  MASKS_KEPT names (then forgotten and rebuilt on demand). */
  templateMask(name: string, test: (it: InstanceType) => boolean): Uint8Array {
    const o = this.order;
    let m = o.masks.get(name);
    if (!m) {
      if (o.masks.size >= MASKS_KEPT) o.masks.clear();
      m = Uint8Array.from(o.all, (it) => (test(it) ? 1 : 0));
      o.masks.set(name, m);
    }
    return m;
  }

  /** A copy of the live mask, for sameAs() (finalize shares its output per option set). */
  snapshot(): Uint8Array {
    return this.alive.slice();
  }

  /** The live options are exactly those of `mask`, a snapshot() of a set over the same template
   *  holding `count` options. */
  sameAs(mask: Uint8Array, count: number): boolean {
    if (count !== this.count || mask.length !== this.alive.length) return false;
    const a = this.alive;
    for (let i = 0; i < a.length; i++) if (a[i] !== mask[i]) return false;
    return true;
  }

  has(it: InstanceType): boolean {
    const i = this.order.pos.get(it);
    return i !== undefined && this.alive[i] === 1;
  }

  /** The live options in template order (built on first read after a change). */
  items(): readonly InstanceType[] {
    if (!this.list) {
      const list: InstanceType[] = [];
      const vecs: Float64Array[] = [];
      const { all } = this.order;
      for (let i = 0; i < all.length; i++) {
        if (this.alive[i] !== 1) continue;
        list.push(all[i] as InstanceType);
        vecs.push(this.order.vecs[i] as Float64Array);
      }
      this.list = list;
      this.listVecs = vecs;
    }
    return this.list;
  }

  /** Each live option in template order, with its position and dense vector. */
  forEachLive(f: (pos: number, it: InstanceType, vec: Float64Array) => void): void {
    const { all, vecs } = this.order;
    for (let i = 0; i < all.length; i++)
      if (this.alive[i] === 1) f(i, all[i] as InstanceType, vecs[i] as Float64Array);
  }

  /** Dense vectors aligned with items(). */
  vecs(): readonly Float64Array[] {
    this.items();
    return this.listVecs as readonly Float64Array[];
  }

  private minPos(k: number): number | undefined {
    const by = this.order.byDim[k] as Int32Array;
    let p = this.lo[k] as number;
    while (p < by.length && this.alive[by[p] as number] !== 1) p++;
    this.lo[k] = p;
    return by[p];
  }

  private maxPos(k: number): number | undefined {
    const by = this.order.byDim[k] as Int32Array;
    let p = this.hi[k] as number;
    while (p >= 0 && this.alive[by[p] as number] !== 1) p--;
    this.hi[k] = p;
    return p < 0 ? undefined : by[p];
  }

  private value(pos: number | undefined, k: number): number {
    return pos === undefined ? 0 : (this.order.vecs[pos]?.[k] ?? 0);
  }

  /** The request fits the largest option on every resource (DenseIndex.fits against the max). */
  fitsMax(r: DenseRequest): boolean {
    return this.fitsBound(r, (k) => this.maxPos(k));
  }

  /** The request fits the smallest option on every resource: every option still fits. */
  fitsMin(r: DenseRequest): boolean {
    return this.fitsBound(r, (k) => this.minPos(k));
  }

  private fitsBound(r: DenseRequest, at: (k: number) => number | undefined): boolean {
    if (r.impossible) return false;
    for (let j = 0; j < r.idx.length; j++) {
      const k = r.idx[j] as number;
      if ((r.val[j] ?? 0) > this.value(at(k), k)) return false;
    }
    return true;
  }

  /** Live options the request does not fit (some requested resource above their allocatable);
   *  every option when the request is impossible. */
  outgrown(r: DenseRequest): number[] {
    const out: number[] = [];
    const o = this.order;
    if (r.impossible) {
      for (let i = 0; i < this.alive.length; i++) if (this.alive[i] === 1) out.push(i);
      return out;
    }
    const epoch = ++o.epoch;
    for (let j = 0; j < r.idx.length; j++) {
      const k = r.idx[j] as number;
      const v = r.val[j] ?? 0;
      const by = o.byDim[k] as Int32Array;
      for (
        let p = this.minPos(k) === undefined ? by.length : (this.lo[k] as number);
        p < by.length;
        p++
      ) {
        const pos = by[p] as number;
        if (this.alive[pos] !== 1) continue;
        if (!(v > (o.vecs[pos]?.[k] ?? 0))) break;
        if (o.seen[pos] === epoch) continue;
        o.seen[pos] = epoch;
        out.push(pos);
      }
    }
    return out;
  }

  /** Drops options by position (from outgrown()). */
  remove(positions: readonly number[]): void {
    if (positions.length === 0) return;
    for (const i of positions) {
      if (this.alive[i] === 1) {
        this.alive[i] = 0;
        this.count--;
      }
    }
    this.list = undefined;
    this.listVecs = undefined;
  }

  /** Narrows to `options` (a subsequence of the live options, e.g. a filter's result). */
  keepOnly(options: readonly InstanceType[], vecs?: Float64Array[]): void {
    const { all } = this.order;
    this.count = options.length;
    this.list = options;
    if (options === all) {
      this.alive.fill(1);
      this.listVecs = this.order.vecs;
      return;
    }
    this.alive.fill(0);
    const out: Float64Array[] | undefined = vecs ? undefined : [];
    // A subsequence of the template's options: one walk finds every position.
    let j = 0;
    for (const it of options) {
      while (j < all.length && all[j] !== it) j++;
      const i = j < all.length ? j++ : (this.order.pos.get(it) ?? -1);
      this.alive[i] = 1;
      out?.push(this.order.vecs[i] as Float64Array);
    }
    this.listVecs = vecs ?? out;
  }

  /** Per-resource min and max allocatable over the live options (zeros when none is left). */
  bounds(): DenseBounds {
    const d = this.lo.length;
    const b = { min: new Float64Array(d), max: new Float64Array(d) };
    for (let k = 0; k < d; k++) {
      b.min[k] = this.value(this.minPos(k), k);
      b.max[k] = this.value(this.maxPos(k), k);
    }
    return b;
  }
}
