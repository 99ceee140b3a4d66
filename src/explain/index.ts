// The explanations module's public surface (see CONTEXT.md in this folder).
export { explainNode } from './node.ts';
export { explainPod } from './pod.ts';
export { explainEvent, diffStates } from './event.ts';
export { summarize } from './summary.ts';
export { disruptionFromController } from './disruption.ts';
export type { ControllerExplanation } from './disruption.ts';
export { explainCatalog, onDemandPrice } from './catalog.ts';
export { reasonSentence } from './reasons.ts';
export type * from './types.ts';
