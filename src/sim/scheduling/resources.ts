// Small mutable-resource helpers for the hot paths, and Karpenter's resource printing
// (pretty.Concise of a ResourceList: sorted JSON with Kubernetes quantity strings).
import { formatQuantity, type Resources } from '../quantity.ts';

export type MutableResources = Record<string, number>;

export function addInto(into: MutableResources, r: Resources): MutableResources {
  for (const k in r) into[k] = (into[k] ?? 0) + (r[k] ?? 0);
  return into;
}

export function sum(a: Resources, b: Resources): MutableResources {
  return addInto({ ...a }, b);
}

export function fitsIn(requests: Resources, available: Resources): boolean {
  for (const k in requests) if ((requests[k] ?? 0) > (available[k] ?? 0)) return false;
  return true;
}

export function minOfResources(a: Resources, b: Resources): MutableResources {
  // resources.MinResources: only keys present in both, with the smaller value.
  const out: MutableResources = {};
  for (const k in a) if (k in b) out[k] = Math.min(a[k] ?? 0, b[k] ?? 0);
  return out;
}

/** resources.Fits as used on existing nodes: a resource already overdrawn fits nothing. */
export function fitsStrict(requests: Resources, available: Resources): boolean {
  for (const k in available) if ((available[k] ?? 0) < 0) return false;
  return fitsIn(requests, available);
}

export function maxOfResources(a: Resources, b: Resources): MutableResources {
  const out: MutableResources = { ...a };
  for (const k in b) out[k] = Math.max(out[k] ?? 0, b[k] ?? 0);
  return out;
}

export function formatResources(r: Resources): string {
  const keys = Object.keys(r).sort();
  if (keys.length === 0) return '{}';
  return `{${keys.map((k) => `"${k}":"${formatQuantity(k, r[k] ?? 0)}"`).join(',')}}`;
}
