// The names that changed between API generations (reference §3.16), and the taint a disrupted node
// carries, in one place so every method and explanation agrees.
import type { Taint } from '../k8s.ts';
import type { Semantics } from '../engine/state.ts';

export interface Vocabulary {
  /** Pod annotation that blocks disruption ("true", or since v1.12 a duration). */
  podBlock: string;
  /** Node annotation that blocks disruption (v1alpha5: consolidation only). */
  nodeBlock: string;
  /** Whether the node annotation blocks every method (v1) or only consolidation (v1alpha5). */
  nodeBlockIsConsolidationOnly: boolean;
  /** The taint put on candidates while a command runs. */
  taint: Taint;
}

export const V1_VOCABULARY: Vocabulary = {
  podBlock: 'karpenter.sh/do-not-disrupt',
  nodeBlock: 'karpenter.sh/do-not-disrupt',
  nodeBlockIsConsolidationOnly: false,
  taint: { key: 'karpenter.sh/disrupted', effect: 'NoSchedule' },
};

// v0.31 cordoned candidates; the taint below is what a cordon amounts to for scheduling.
export const V1ALPHA5_VOCABULARY: Vocabulary = {
  podBlock: 'karpenter.sh/do-not-evict',
  nodeBlock: 'karpenter.sh/do-not-consolidate',
  nodeBlockIsConsolidationOnly: true,
  taint: { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' },
};

export function vocabulary(semantics: Semantics): Vocabulary {
  return semantics === 'v1alpha5' ? V1ALPHA5_VOCABULARY : V1_VOCABULARY;
}

/** Every taint key this module may have put on a node (cleanup of leftovers, §3.1 step 2). */
export const DISRUPTION_TAINT_KEYS: readonly string[] = [
  V1_VOCABULARY.taint.key,
  V1ALPHA5_VOCABULARY.taint.key,
];
