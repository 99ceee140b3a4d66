// The labs, discovered at build time: Vite inlines every labs/*/README.md as a string. The UI
// imports LABS from here; Node code (tests, scripts) uses node.ts, which reads the same files.
import { buildCatalog } from './catalog.ts';

const files = import.meta.glob<string>('/labs/*/README.md', {
  query: '?raw',
  import: 'default',
  eager: true,
});

const catalog = buildCatalog(files);

export const LABS = catalog.labs;
/** Content errors (a typo in a check): the lab tests fail on them; the UI lists them. */
export const LAB_ERRORS = catalog.errors;

export { buildCatalog, labIdOf } from './catalog.ts';
export { parseLab } from './parse.ts';
export { parseChecks } from './checks/parse.ts';
export { runChecks } from './checks/evaluate.ts';
export { checkLabel } from './checks/labels.ts';
export type { CheckContext } from './checks/evaluate.ts';
export { playSolution, playSolutionWithoutNodes, nodeAt, NODE_PLACEHOLDER } from './play.ts';
export type { PlayResult, Simulate } from './play.ts';
export * from './progress.ts';
export * from './markdown.ts';
export type * from './types.ts';
