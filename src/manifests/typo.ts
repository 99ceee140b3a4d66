// The one name a misspelt one most likely meant: a field (`requirments` → `requirements`) or a
// kind (`Deploymnet` → `Deployment`). A case slip, or one edit — two from 8 characters — counting
// a swap of neighbours as one; nothing when two names are as close (a guess would be a coin toss).

export function closestName(key: string, names: readonly string[]): string | undefined {
  if (key.length < 3) return undefined;
  const most = key.length >= 8 ? 2 : 1;
  let best: string | undefined;
  let bestD = Infinity;
  let tie = false;
  for (const k of names) {
    const d = k.toLowerCase() === key.toLowerCase() ? 0 : typoDistance(key, k, most);
    if (d > most) continue;
    if (d < bestD) [best, bestD, tie] = [k, d, false];
    else if (d === bestD && k !== best) tie = true;
  }
  return tie ? undefined : best;
}

/** Optimal string alignment distance (edits and neighbour swaps), cut off above `most`. */
function typoDistance(a: string, b: string, most: number): number {
  if (Math.abs(a.length - b.length) > most) return most + 1;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const up = d[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(
        (up[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (up[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
    }
  return (d[a.length] as number[])[b.length] as number;
}
