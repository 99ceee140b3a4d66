// A versioned envelope for anything kept in browser storage, and the migration walk. Same envelope
// as src/ui/stores/persist.ts ({version, savedAt, value}). Rules that keep work safe:
// - a value written by a NEWER version of the lab is never rewritten by this one (read-only);
// - a value that cannot be read is copied aside before anything else is written over it;
// - migrations are one step each (n → n+1), kept forever, and pure.

export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export type Migration = (value: unknown) => unknown;

export type Loaded<T> =
  | { status: 'empty' }
  | { status: 'ok'; value: T; migratedFrom?: number }
  | { status: 'newer'; version: number }
  | { status: 'unreadable'; keptAs: string; why: string };

export interface Envelope {
  key: string;
  version: number;
  /** migrations[n] turns a version-n value into version n+1. */
  migrations: Readonly<Record<number, Migration>>;
}

export function loadStored<T>(
  storage: StorageLike,
  env: Envelope,
  check: (v: unknown) => T | undefined,
  now: string,
): Loaded<T> {
  const raw = safeGet(storage, env.key);
  if (raw === null) return { status: 'empty' };
  const aside = (why: string): Loaded<T> => {
    const keptAs = `${env.key}.unreadable-${now}`;
    try {
      storage.setItem(keptAs, raw);
    } catch {
      // Storage full: leave the original where it is; writes to env.key are refused by callers.
      return { status: 'unreadable', keptAs: env.key, why };
    }
    return { status: 'unreadable', keptAs, why };
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return aside('it is not JSON');
  }
  const version = (parsed as { version?: unknown } | null)?.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    return aside('it has no format version');
  if (version > env.version) return { status: 'newer', version };
  let value = (parsed as { value?: unknown }).value;
  for (let v = version; v < env.version; v++) {
    const step = env.migrations[v];
    if (!step) return aside(`no migration from format ${v}`);
    try {
      value = step(value);
    } catch {
      return aside(`the migration from format ${v} failed`);
    }
  }
  const checked = check(value);
  if (checked === undefined) return aside('its content is not valid');
  return version === env.version
    ? { status: 'ok', value: checked }
    : { status: 'ok', value: checked, migratedFrom: version };
}

/** false when the browser refuses (quota, storage disabled). */
export function saveStored(
  storage: StorageLike,
  env: Envelope,
  value: unknown,
  now: string,
): boolean {
  try {
    storage.setItem(env.key, JSON.stringify({ version: env.version, savedAt: now, value }));
    return true;
  } catch {
    return false;
  }
}

function safeGet(storage: StorageLike, key: string): string | null {
  try {
    return storage.getItem(key);
  } catch {
    return null;
  }
}
