// The names that changed between API generations (reference §3.16), and the taint a disrupted node
// carries, in one place so every method and explanation agrees.
import type { Taint } from '../k8s.ts';
import type { Semantics } from '../engine/state.ts';
import { atLeast, karpenterVersion } from '../version.ts';
import {
  priceLabelsOf,
  whenEmptyWordsOf,
  wordingOf,
  type PriceLabels,
  type WhenEmptyWords,
  type Wording,
} from './wording.ts';

export interface Vocabulary {
  /** Pod annotation that blocks disruption ("true", or since v1.12 a duration). */
  podBlock: string;
  /** Node annotation that blocks disruption (v1alpha5: consolidation only). */
  nodeBlock: string;
  /** Whether the node annotation blocks every method (v1) or only consolidation (v1alpha5). */
  nodeBlockIsConsolidationOnly: boolean;
  /** The taint put on candidates while a command runs. */
  taint: Taint;
  /** How this version words a node it cannot disrupt (wording.ts). */
  words: Wording;
  /** What a node missing its capacity-type, zone or instance-type label meets (wording.ts). */
  priceLabels: PriceLabels;
  /** Which pods a PDB check asks about: every pod bound to the node before v0.34, since then the
   *  pods Karpenter would evict (pdb.go CanEvictPods → IsEvictable). */
  pdbPods: 'bound' | 'evictable';
  /** What consolidation says of a busy node in a WhenEmpty NodePool (wording.ts). */
  whenEmpty: WhenEmptyWords;
  /** v1.6+: NewCandidate looks at the orchestration queue before anything else (unpublished).
   *  Before, the controller marks a command's nodes for deletion as it starts it, and the node
   *  checks meet that first ("… marked for deletion", published since v1.0). */
  queueFirst: boolean;
}

export const V1_VOCABULARY: Vocabulary = {
  podBlock: 'karpenter.sh/do-not-disrupt',
  nodeBlock: 'karpenter.sh/do-not-disrupt',
  nodeBlockIsConsolidationOnly: false,
  taint: { key: 'karpenter.sh/disrupted', effect: 'NoSchedule' },
  words: 'v1.7',
  priceLabels: 'v1.1',
  pdbPods: 'evictable',
  whenEmpty: 'not-empty',
  queueFirst: true,
};

// v0.31 cordoned candidates; the taint below is what a cordon amounts to for scheduling.
export const V1ALPHA5_VOCABULARY: Vocabulary = {
  podBlock: 'karpenter.sh/do-not-evict',
  nodeBlock: 'karpenter.sh/do-not-consolidate',
  nodeBlockIsConsolidationOnly: true,
  taint: { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' },
  words: 'v0.31',
  priceLabels: 'v0.3x',
  pdbPods: 'bound',
  // v1alpha5 has no consolidationPolicy: its Provisioner's settings are read instead (pass.ts).
  whenEmpty: 'disabled',
  queueFirst: true,
};

/** One object per (API generation, version-gated words): caches compare vocabularies by identity. */
const v1ByWords = new Map<string, Vocabulary>([
  ['v1.7 v1.1 evictable not-empty true', V1_VOCABULARY],
]);

export function vocabulary(k: { semantics: Semantics; version?: string }): Vocabulary {
  if (k.semantics === 'v1alpha5') return V1ALPHA5_VOCABULARY;
  const version = karpenterVersion(k.version);
  const words = wordingOf(version);
  const priceLabels = priceLabelsOf(version);
  const pdbPods = atLeast(version, 0, 34) ? 'evictable' : 'bound';
  const whenEmpty = whenEmptyWordsOf(version);
  const queueFirst = atLeast(version, 1, 6);
  const key = `${words} ${priceLabels} ${pdbPods} ${whenEmpty} ${String(queueFirst)}`;
  let v = v1ByWords.get(key);
  if (!v) {
    v = { ...V1_VOCABULARY, words, priceLabels, pdbPods, whenEmpty, queueFirst };
    v1ByWords.set(key, v);
  }
  return v;
}

/** Every taint key this module may have put on a node (cleanup of leftovers, §3.1 step 2). */
export const DISRUPTION_TAINT_KEYS: readonly string[] = [
  V1_VOCABULARY.taint.key,
  V1ALPHA5_VOCABULARY.taint.key,
];
