// A small number per object, by identity: for keys and fingerprints that must tell objects apart
// without holding them alive (a WeakMap, so a dropped object takes its entry with it). Records,
// StateNodes and catalogs are immutable (a changed one is a new object), so equal ids mean the same
// content. Numbers are unique within the process, never reused.
const ids = new WeakMap<object, number>();
let nextId = 1;

export function objectId(o: object): number {
  let v = ids.get(o);
  if (v === undefined) {
    v = nextId++;
    ids.set(o, v);
  }
  return v;
}
