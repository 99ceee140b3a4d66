// Named scenarios in browser storage, with undo for every destructive action. Pure over an injected
// StorageLike and clock, so it is tested in Node and the UI passes localStorage.
//
// Anything the learner could lose — a deleted or overwritten scenario, a workspace replaced by a
// link, an import or "reset to the lab start" — goes to a small trash first; undo() brings back
// the newest entry. The trash is capped (TRASH_SIZE), so undo reaches a few steps back, not forever.
import {
  loadStored,
  saveStored,
  type Envelope,
  type Migration,
  type StorageLike,
} from './stored.ts';

export type { StorageLike } from './stored.ts';

export interface SavedScenario {
  id: string;
  name: string;
  text: string;
  savedAt: string;
}

export type TrashReason = 'deleted' | 'overwritten' | 'workspace-replaced';

export interface TrashEntry {
  reason: TrashReason;
  /** For a scenario: its record; for the workspace: name "workspace" and the replaced text. */
  scenario: SavedScenario;
  at: string;
}

interface Library {
  scenarios: SavedScenario[];
  trash: TrashEntry[];
  nextId: number;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

export const LIBRARY_KEY = 'karpenter-lab/scenarios';
export const LIMITS = { scenarios: 100, nameChars: 80, textBytes: 1024 * 1024 } as const;
export const TRASH_SIZE = 10;

/** Format history of LIBRARY_KEY. Add a step here (and bump version) whenever Library changes. */
export const LIBRARY_MIGRATIONS: Readonly<Record<number, Migration>> = {};
const ENVELOPE: Envelope = { key: LIBRARY_KEY, version: 1, migrations: LIBRARY_MIGRATIONS };

export class ScenarioLibrary {
  private lib: Library = { scenarios: [], trash: [], nextId: 1 };
  /** Set when stored data is from a newer lab or unreadable: shown to the learner. */
  readonly problem: string | undefined;
  private readonly readOnly: boolean;
  private readonly envelope: Envelope;

  constructor(
    private readonly storage: StorageLike,
    private readonly clock: () => string,
    envelope: Envelope = ENVELOPE,
  ) {
    this.envelope = envelope;
    const loaded = loadStored(storage, envelope, checkLibrary, clock());
    // Never write over data we could not copy aside, nor over a newer lab's format.
    this.readOnly =
      loaded.status === 'newer' ||
      (loaded.status === 'unreadable' && loaded.keptAs === envelope.key);
    switch (loaded.status) {
      case 'ok':
        this.lib = loaded.value;
        this.problem = undefined;
        break;
      case 'newer':
        this.problem = `Your saved scenarios were written by a newer version of Karpenter Lab (format ${loaded.version}); they are shown read-only here so nothing is lost.`;
        break;
      case 'unreadable':
        this.problem = `Saved scenarios could not be read (${loaded.why}); the data was kept in browser storage as "${loaded.keptAs}".`;
        break;
      case 'empty':
        this.problem = undefined;
    }
  }

  list(): readonly SavedScenario[] {
    return [...this.lib.scenarios].sort((a, b) => a.name.localeCompare(b.name));
  }

  get(id: string): SavedScenario | undefined {
    return this.lib.scenarios.find((s) => s.id === id);
  }

  trash(): readonly TrashEntry[] {
    return this.lib.trash;
  }

  /** Saves under a new name; an existing name needs `overwrite` (the old text goes to the trash). */
  save(name: string, text: string, opts: { overwrite?: boolean } = {}): Result<SavedScenario> {
    const clean = checkName(name);
    if (!clean.ok) return clean;
    if (new TextEncoder().encode(text).byteLength > LIMITS.textBytes)
      return err('This scenario is larger than 1 MiB and cannot be saved.');
    const existing = this.lib.scenarios.find((s) => s.name === clean.value);
    if (existing && !opts.overwrite)
      return err(`A scenario named "${clean.value}" already exists.`);
    if (!existing && this.lib.scenarios.length >= LIMITS.scenarios)
      return err(`You have ${LIMITS.scenarios} saved scenarios; delete one first.`);
    const saved: SavedScenario = {
      id: existing?.id ?? `s${this.lib.nextId}`,
      name: clean.value,
      text,
      savedAt: this.clock(),
    };
    return this.commit(
      (lib) => ({
        scenarios: existing
          ? lib.scenarios.map((s) => (s.id === existing.id ? saved : s))
          : [...lib.scenarios, saved],
        trash: existing ? this.pushed(lib.trash, 'overwritten', existing) : lib.trash,
        nextId: existing ? lib.nextId : lib.nextId + 1,
      }),
      saved,
    );
  }

  /** A free name based on `base`: "inflate", "inflate (2)", … */
  freeName(base: string): string {
    const stem = (base.trim() || 'scenario').slice(0, LIMITS.nameChars - 6);
    const taken = new Set(this.lib.scenarios.map((s) => s.name));
    if (!taken.has(stem)) return stem;
    for (let i = 2; ; i++) if (!taken.has(`${stem} (${i})`)) return `${stem} (${i})`;
  }

  rename(id: string, name: string): Result<SavedScenario> {
    const clean = checkName(name);
    if (!clean.ok) return clean;
    const s = this.get(id);
    if (!s) return err('That scenario no longer exists.');
    if (this.lib.scenarios.some((o) => o.name === clean.value && o.id !== id))
      return err(`A scenario named "${clean.value}" already exists.`);
    const renamed = { ...s, name: clean.value };
    return this.commit(
      (lib) => ({ ...lib, scenarios: lib.scenarios.map((o) => (o.id === id ? renamed : o)) }),
      renamed,
    );
  }

  delete(id: string): Result<SavedScenario> {
    const s = this.get(id);
    if (!s) return err('That scenario no longer exists.');
    return this.commit(
      (lib) => ({
        ...lib,
        scenarios: lib.scenarios.filter((o) => o.id !== id),
        trash: this.pushed(lib.trash, 'deleted', s),
      }),
      s,
    );
  }

  /** Call before replacing the workspace (link, import, reset): the old text becomes undoable. */
  keepWorkspace(text: string): Result<TrashEntry> {
    const s: SavedScenario = { id: 'workspace', name: 'workspace', text, savedAt: this.clock() };
    const trash = this.pushed(this.lib.trash, 'workspace-replaced', s);
    return this.commit((lib) => ({ ...lib, trash }), trash[0] as TrashEntry);
  }

  /**
   * Undoes the newest destructive action. A deleted or overwritten scenario is put back here; for
   * 'workspace-replaced' the caller sets `entry.scenario.text` back into the workspace.
   */
  undo(): Result<TrashEntry> {
    const [entry, ...rest] = this.lib.trash;
    if (!entry) return err('Nothing to undo.');
    return this.commit((lib) => {
      if (entry.reason === 'workspace-replaced') return { ...lib, trash: rest };
      const others = lib.scenarios.filter((s) => s.id !== entry.scenario.id);
      // Restoring never clobbers: a name taken since then gets a suffix.
      const name = others.some((s) => s.name === entry.scenario.name)
        ? this.freeName(entry.scenario.name)
        : entry.scenario.name;
      return { ...lib, scenarios: [...others, { ...entry.scenario, name }], trash: rest };
    }, entry);
  }

  private pushed(trash: TrashEntry[], reason: TrashReason, scenario: SavedScenario): TrashEntry[] {
    return [{ reason, scenario, at: this.clock() }, ...trash].slice(0, TRASH_SIZE);
  }

  private commit<T>(change: (lib: Library) => Library, value: T): Result<T> {
    if (this.readOnly)
      return err(
        'Saved scenarios are read-only here: a newer version of Karpenter Lab wrote them.',
      );
    const next = change(this.lib);
    if (!saveStored(this.storage, this.envelope, next, this.clock()))
      return err('Browser storage is full or turned off: nothing was saved.');
    this.lib = next;
    return { ok: true, value };
  }
}

function checkName(name: string): Result<string> {
  const clean = name.replace(/\s+/g, ' ').trim();
  if (clean === '') return err('Give the scenario a name.');
  if (clean.length > LIMITS.nameChars)
    return err(`Names are at most ${LIMITS.nameChars} characters.`);
  return { ok: true, value: clean };
}

const err = (error: string): { ok: false; error: string } => ({ ok: false, error });

// ---- validation of what storage hands back (it may have been edited by hand or by an old bug) ----

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function checkScenario(v: unknown): SavedScenario | undefined {
  if (!isObj(v)) return undefined;
  const { id, name, text, savedAt } = v;
  if (typeof id !== 'string' || typeof name !== 'string' || typeof text !== 'string')
    return undefined;
  return { id, name, text, savedAt: typeof savedAt === 'string' ? savedAt : '' };
}

const REASONS: readonly string[] = ['deleted', 'overwritten', 'workspace-replaced'];

function checkLibrary(v: unknown): Library | undefined {
  if (!isObj(v) || !Array.isArray(v.scenarios) || !Array.isArray(v.trash)) return undefined;
  const scenarios = v.scenarios.map(checkScenario);
  if (scenarios.some((s) => s === undefined)) return undefined;
  const trash: TrashEntry[] = [];
  for (const t of v.trash) {
    const scenario = isObj(t) ? checkScenario(t.scenario) : undefined;
    if (!isObj(t) || !scenario || typeof t.reason !== 'string' || !REASONS.includes(t.reason))
      return undefined;
    trash.push({
      reason: t.reason as TrashReason,
      scenario,
      at: typeof t.at === 'string' ? t.at : '',
    });
  }
  // Ids must stay unique even if nextId was lost or edited: start past every id in use.
  const used = [...(scenarios as SavedScenario[]), ...trash.map((t) => t.scenario)].map((s) =>
    /^s[0-9]+$/.test(s.id) ? Number(s.id.slice(1)) : 0,
  );
  const stored = typeof v.nextId === 'number' && Number.isInteger(v.nextId) ? v.nextId : 1;
  const nextId = Math.max(stored, ...used.map((n) => n + 1));
  return { scenarios: scenarios as SavedScenario[], trash, nextId };
}
