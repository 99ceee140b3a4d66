// The version rule lives in src/sim/version.ts, so the engine, the console and this layer (and
// through it the editor's schema) read one rule; this module keeps the manifests' import path.
export {
  LATEST,
  atLeastV1,
  karpenterVersion,
  parseKarpenterVersion,
  servesGeneration,
  startingVersion,
} from '../sim/version.ts';
export type { ApiGeneration, KarpenterVersion } from '../sim/version.ts';
