// Lab progress: which steps passed and where the learner is, as a versioned payload the UI keeps
// in localStorage (anything read back is validated; a bad or foreign payload is dropped, never
// trusted). Also the deep link #lab=<id>&step=<n> (it may share the hash with a share link's
// v= and s= parameters). Pure: storage is injected.

export const PROGRESS_VERSION = 1;
export const PROGRESS_STORAGE_KEY = 'karpenter-lab:lab-progress';

export interface LabProgress {
  /** Steps (1-based) whose checks all passed at least once. */
  passed: number[];
  /** The step the learner last opened. */
  current: number;
}

/** A lab step whose starting workspace (or solution) the learner loaded into the one workspace. */
export interface LoadedStep {
  lab: string;
  step: number;
}

/** What a step's load (its start or its solution) replaced: the step's "Undo" notice. Kept with
 *  the progress, so the notice (and the learner's workspace before the step) outlives a reload. */
export interface StepUndo {
  lab: string;
  step: number;
  by: 'start' | 'solution';
  /** The workspace before the load. */
  text: string;
  /** The step the workspace had been loaded from before (an Undo puts that back too). */
  loadedBefore?: LoadedStep | undefined;
}

export interface Progress {
  version: typeof PROGRESS_VERSION;
  labs: Record<string, LabProgress>;
  /** The step the workspace was last loaded from (its start or its solution), kept so a reload
   *  does not offer to load it again over the learner's work. Absent: none, or undone. */
  loaded?: LoadedStep;
  /** The last load's Undo, until undone, dismissed, or the learner moves to another step. */
  undo?: StepUndo;
}

export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const LAB_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const MAX_STEP = 99;

const isStep = (v: unknown): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= MAX_STEP;

export function emptyProgress(): Progress {
  return { version: PROGRESS_VERSION, labs: {} };
}

/** Validates a stored payload; anything malformed becomes empty progress (or is skipped per lab). */
export function decodeProgress(raw: string | null | undefined): Progress {
  if (!raw) return emptyProgress();
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return emptyProgress();
  }
  if (typeof v !== 'object' || v === null) return emptyProgress();
  const o = v as { version?: unknown; labs?: unknown; loaded?: unknown; undo?: unknown };
  if (o.version !== PROGRESS_VERSION || typeof o.labs !== 'object' || o.labs === null)
    return emptyProgress();
  const labs: Record<string, LabProgress> = {};
  for (const [id, p] of Object.entries(o.labs)) {
    if (!LAB_ID.test(id) || typeof p !== 'object' || p === null) continue;
    const { passed, current } = p as { passed?: unknown; current?: unknown };
    labs[id] = {
      passed: Array.isArray(passed)
        ? [...new Set(passed.filter(isStep))].sort((a, b) => a - b)
        : [],
      current: isStep(current) ? current : 1,
    };
  }
  const progress: Progress = { version: PROGRESS_VERSION, labs };
  const loaded = decodeLoaded(o.loaded);
  if (loaded) progress.loaded = loaded;
  const undo = decodeUndo(o.undo);
  if (undo) progress.undo = undo;
  return progress;
}

function decodeLoaded(v: unknown): LoadedStep | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const { lab: id, step } = v as { lab?: unknown; step?: unknown };
  return typeof id === 'string' && LAB_ID.test(id) && isStep(step) ? { lab: id, step } : undefined;
}

function decodeUndo(v: unknown): StepUndo | undefined {
  const at = decodeLoaded(v);
  if (!at) return undefined;
  const { by, text, loadedBefore } = v as { by?: unknown; text?: unknown; loadedBefore?: unknown };
  if ((by !== 'start' && by !== 'solution') || typeof text !== 'string') return undefined;
  const undo: StepUndo = { ...at, by, text };
  const before = decodeLoaded(loadedBefore);
  if (before) undo.loadedBefore = before;
  return undo;
}

export function encodeProgress(p: Progress): string {
  return JSON.stringify(p);
}

function lab(p: Progress, id: string): LabProgress {
  return p.labs[id] ?? { passed: [], current: 1 };
}

export function markPassed(p: Progress, id: string, step: number): Progress {
  const l = lab(p, id);
  if (l.passed.includes(step)) return p;
  const passed = [...l.passed, step].sort((a, b) => a - b);
  return { ...p, labs: { ...p.labs, [id]: { ...l, passed } } };
}

export function setCurrentStep(p: Progress, id: string, step: number): Progress {
  const l = lab(p, id);
  return l.current === step ? p : { ...p, labs: { ...p.labs, [id]: { ...l, current: step } } };
}

export function resetLab(p: Progress, id: string): Progress {
  const { [id]: _gone, ...labs } = p.labs;
  const next: Progress = { ...p, labs };
  if (p.loaded?.lab === id) delete next.loaded;
  if (p.undo?.lab === id) delete next.undo;
  return next;
}

/** Records what a step's load replaced (its Undo); undefined: nothing to undo any more. */
export function setUndo(p: Progress, undo: StepUndo | undefined): Progress {
  if (p.undo === undo) return p;
  const next: Progress = { ...p };
  if (undo) next.undo = { ...undo };
  else delete next.undo;
  return next;
}

/** The Undo notice's subject: "Step 3", "Step 3's solution". */
export function undoSubject(undo: StepUndo): string {
  return undo.by === 'start' ? `Step ${undo.step}` : `Step ${undo.step}'s solution`;
}

/** Records that the workspace now holds `step`'s start (or solution); undefined: it holds neither. */
export function setLoaded(p: Progress, loaded: LoadedStep | undefined): Progress {
  if (p.loaded?.lab === loaded?.lab && p.loaded?.step === loaded?.step) return p;
  const next: Progress = { ...p };
  if (loaded) next.loaded = { ...loaded };
  else delete next.loaded;
  return next;
}

/** Whether the workspace was last loaded from this lab's `step`. */
export function isLoaded(p: Progress, id: string, step: number): boolean {
  return p.loaded?.lab === id && p.loaded.step === step;
}

export function labProgress(p: Progress, id: string): LabProgress {
  return lab(p, id);
}

export function loadProgress(storage: StorageLike | undefined): Progress {
  try {
    return decodeProgress(storage?.getItem(PROGRESS_STORAGE_KEY));
  } catch {
    return emptyProgress(); // storage disabled (private mode): progress lives for the session
  }
}

export function saveProgress(storage: StorageLike | undefined, p: Progress): void {
  try {
    storage?.setItem(PROGRESS_STORAGE_KEY, encodeProgress(p));
  } catch {
    // Quota or disabled storage: losing progress must not break the lab. The Undo's copy of a
    // workspace is the bulk of the payload: without it, the steps passed may still fit.
    if (p.undo) saveProgress(storage, setUndo(p, undefined));
  }
}

export interface LabLink {
  lab: string;
  step: number;
  /** The link's step when it is no step number ("0", "2.5", "abc"): step 1 opens, and says so. */
  askedStep?: string;
}

/** "#lab=karpenter-jit-scaling&step=3" (other hash parameters are ignored) → the link, if valid. */
export function parseLabLink(hash: string): LabLink | undefined {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const id = params.get('lab');
  if (id === null || !LAB_ID.test(id)) return undefined;
  const stepText = params.get('step');
  const step = stepText === null ? 1 : Number(stepText);
  return isStep(step) ? { lab: id, step } : { lab: id, step: 1, askedStep: stepText ?? '' };
}

/** The hash with lab/step set, keeping any other parameters (a share link's v= and s=). */
export function formatLabLink(link: LabLink, hash = ''): string {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  params.set('lab', link.lab);
  params.set('step', String(link.step));
  return `#${params.toString()}`;
}
