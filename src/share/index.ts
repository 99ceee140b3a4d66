// Public API of src/share (see CONTEXT.md).
export {
  CURRENT_VERSION,
  MAX_LINK_CHARS,
  MAX_PAYLOAD_BYTES,
  WARN_LINK_CHARS,
  decode,
  encode,
  linkSize,
} from './link.ts';
export type { DecodeResult, LinkSize, ShareState } from './link.ts';
export { importYaml, MAX_IMPORT_BYTES } from './import.ts';
export type { ImportInput, ImportResult } from './import.ts';
export { markdownSummary, timelineFile, workspaceFile } from './export.ts';
export type { ExportFile, SummaryInput } from './export.ts';
export { LIBRARY_KEY, LIBRARY_MIGRATIONS, ScenarioLibrary, TRASH_SIZE } from './scenarios.ts';
export type { Result, SavedScenario, StorageLike, TrashEntry, TrashReason } from './scenarios.ts';
export { loadStored, saveStored } from './stored.ts';
export type { Envelope, Loaded, Migration } from './stored.ts';
export { decideOpenLink, keepBothName, normalizeText } from './openLink.ts';
export type { OpenLinkDecision } from './openLink.ts';
