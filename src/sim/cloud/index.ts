// The cloud module's public surface (CONTRACTS in ../CONTEXT.md).
export { UNAVAILABLE_OFFERINGS_TTL_MS, UnavailableOfferings } from './ice.ts';
export type { UnavailableEntry } from './ice.ts';
export {
  INSUFFICIENT_CAPACITY,
  MAX_LAUNCH_INSTANCE_TYPES,
  PCO_PRICE_BAND,
  PCO_UNKNOWN_BUCKET,
  launch,
} from './launch.ts';
export type {
  LaunchContext,
  LaunchDecision,
  LaunchRequest,
  LaunchResult,
  SpotStrategy,
} from './launch.ts';
