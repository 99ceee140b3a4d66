// Versioned local storage for small settings (the theme). Anything read back is validated; a value we
// cannot read is kept aside once, in one slot (bounded: never a new copy per load). The workspace
// has its own, stricter rules: src/share/workspaceStorage.ts.
const PREFIX = 'karpenter-lab/';

export interface Stored<T> {
  version: number;
  savedAt: string;
  value: T;
}

function storage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined; // e.g. storage disabled by the browser
  }
}

export function load<T>(
  key: string,
  version: number,
  isValid: (v: unknown) => v is T,
): T | undefined {
  const s = storage();
  const raw = s?.getItem(PREFIX + key);
  if (!s || raw == null) return undefined;
  try {
    const parsed = JSON.parse(raw) as Partial<Stored<unknown>>;
    if (parsed.version === version && isValid(parsed.value)) return parsed.value;
  } catch {
    // fall through: keep the unreadable value aside below
  }
  try {
    s.setItem(`${PREFIX}${key}.unreadable`, raw);
  } catch {
    // storage full: the value stays where it is; the caller falls back to its default
  }
  return undefined;
}

export function save<T>(key: string, version: number, value: T): boolean {
  const s = storage();
  if (!s) return false;
  try {
    const item: Stored<T> = { version, savedAt: new Date().toISOString(), value };
    s.setItem(PREFIX + key, JSON.stringify(item));
    return true;
  } catch {
    return false; // quota exceeded: the caller shows that work is not being saved
  }
}
