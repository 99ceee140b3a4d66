// Dense allocatable vectors for the solve's hottest loop. Each template indexes its instance
// types' allocatable over one fixed key order (cpu, memory, pods, …), so "does this total fit that
// type" is a handful of array reads instead of object lookups, and the per-NodeClaim min/max
// bounds are two small arrays.
import type { Resources } from '../quantity.ts';
import type { InstanceType } from '../catalog/types.ts';

/** A request as (key index, value) pairs; `impossible` when it asks for a resource no type has. */
export interface DenseRequest {
  idx: number[];
  val: number[];
  impossible: boolean;
}

export interface DenseBounds {
  min: Float64Array;
  max: Float64Array;
}

export class DenseIndex {
  readonly keys: string[];
  private readonly index = new Map<string, number>();
  private readonly vecs = new Map<InstanceType, Float64Array>();

  constructor(types: readonly InstanceType[]) {
    const keys = new Set<string>();
    for (const it of types) for (const k in it.allocatable) keys.add(k);
    this.keys = [...keys];
    this.keys.forEach((k, i) => this.index.set(k, i));
    for (const it of types) this.vecs.set(it, this.toVec(it.allocatable));
  }

  private toVec(r: Resources): Float64Array {
    const v = new Float64Array(this.keys.length);
    for (const k in r) {
      const i = this.index.get(k);
      if (i !== undefined) v[i] = r[k] ?? 0;
    }
    return v;
  }

  vec(it: InstanceType): Float64Array {
    let v = this.vecs.get(it);
    if (!v) this.vecs.set(it, (v = this.toVec(it.allocatable)));
    return v;
  }

  request(r: Resources): DenseRequest {
    const out: DenseRequest = { idx: [], val: [], impossible: false };
    for (const k in r) {
      const v = r[k] ?? 0;
      const i = this.index.get(k);
      if (i === undefined) {
        if (v > 0) out.impossible = true;
        continue;
      }
      out.idx.push(i);
      out.val.push(v);
    }
    return out;
  }

  /** request ≤ vector on every requested key. */
  static fits(r: DenseRequest, v: Float64Array): boolean {
    if (r.impossible) return false;
    for (let j = 0; j < r.idx.length; j++)
      if ((r.val[j] ?? 0) > (v[r.idx[j] ?? 0] ?? 0)) return false;
    return true;
  }

  private readonly listCache = new WeakMap<
    readonly InstanceType[],
    { vecs: Float64Array[]; bounds: DenseBounds }
  >();

  /** Vectors and bounds of a list, cached by the list's identity (lists are never mutated). */
  of(types: readonly InstanceType[]): { vecs: Float64Array[]; bounds: DenseBounds } {
    let c = this.listCache.get(types);
    if (!c)
      this.listCache.set(
        types,
        (c = { vecs: types.map((it) => this.vec(it)), bounds: this.bounds(types) }),
      );
    return c;
  }

  bounds(types: readonly InstanceType[]): DenseBounds {
    const b = { min: new Float64Array(this.keys.length), max: new Float64Array(this.keys.length) };
    types.forEach((it, n) => DenseIndex.widen(b, this.vec(it), n === 0));
    return b;
  }

  static widen(b: DenseBounds, v: Float64Array, first: boolean): void {
    if (first) {
      b.min.set(v);
      b.max.set(v);
      return;
    }
    for (let i = 0; i < v.length; i++) {
      const x = v[i] ?? 0;
      if (x < (b.min[i] ?? 0)) b.min[i] = x;
      if (x > (b.max[i] ?? 0)) b.max[i] = x;
    }
  }

  /** A dense vector back to named resources (for error details). */
  named(v: Float64Array): Resources {
    const out: Record<string, number> = {};
    this.keys.forEach((k, i) => (out[k] = v[i] ?? 0));
    return out;
  }
}
