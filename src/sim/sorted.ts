// Binary search over a list kept in ascending time order.

/** How many leading items of `items` (ascending by `timeOf`) are at or before `t`. */
export function countAtOrBefore<T>(
  items: readonly T[],
  t: number,
  timeOf: (item: T) => number,
): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (timeOf(items[mid] as T) <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
