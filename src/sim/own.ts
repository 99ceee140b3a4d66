// Maps keyed by user text (label keys, resource names, image names, zones) are often plain objects,
// built by spreading and copying. Reading one with a key like "constructor" or "toString" must not
// find Object.prototype's member: `own(map, key)` reads own properties only, and `dict()` makes a
// map with no prototype to write user keys into (`__proto__` included, as plain data).

/** `map[key]` if `key` is the map's own property, else undefined. */
export function own<V>(
  map: Readonly<Record<string, V>> | undefined | null,
  key: string,
): V | undefined {
  return map != null && Object.hasOwn(map, key) ? map[key] : undefined;
}

/** An empty map with no prototype, for keys that come from user text. */
export function dict<V>(): Record<string, V> {
  return Object.create(null) as Record<string, V>;
}
