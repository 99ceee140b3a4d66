// The kubectl console's public surface (see CONTEXT.md in this folder).
export { runCommand, followLines } from './run.ts';
export type { CommandResult, Follow } from './run.ts';
export type { ConsoleContext } from './context.ts';
export { complete, commonPrefix } from './complete.ts';
export type { Completion } from './complete.ts';
export { helpText, COMMANDS } from './help.ts';
export { emptyHistory, remember, previous, next } from './history.ts';
export type { History } from './history.ts';
export { humanDuration } from './format.ts';
export { karpenterLogLines } from './logs.ts';
export { watchLines } from './watch.ts';
export type { WatchSpec } from './watch.ts';
