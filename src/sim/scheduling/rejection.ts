// Why a NodeClaim (or template) cannot take a pod: a typed kind, Karpenter's message and the facts
// behind it, both built only when someone reads them (in-flight rejections are thrown away).
import type { Requirement, Requirements } from '../requirements.ts';
import { nonEmptyIntersection } from './reqfast.ts';
import type { PodErrorDetail, PodErrorKind } from './types.ts';

export interface Rejection {
  kind: PodErrorKind;
  message: () => string;
  detail: () => PodErrorDetail;
}

export function rejection(
  kind: PodErrorKind,
  message: string | (() => string),
  detail: () => PodErrorDetail = () => ({}),
): Rejection {
  return { kind, message: typeof message === 'string' ? () => message : message, detail };
}

export function keyDetail(key: string | undefined): PodErrorDetail {
  return key === undefined ? {} : { key };
}

const NEGATIVE = new Set(['NotIn', 'DoesNotExist']);

/** The first pod-side key the node side cannot meet (what Requirements.compatible reported). */
export function conflictingKey(
  node: Requirements,
  pod: readonly Requirement[],
  allowUndefined: ReadonlySet<string>,
): string | undefined {
  for (const r of pod) {
    if (!node.has(r.key)) {
      if (!allowUndefined.has(r.key) && !NEGATIVE.has(r.operator())) return r.key;
      continue;
    }
    const x = node.get(r.key);
    const bothNegative = NEGATIVE.has(x.operator()) && NEGATIVE.has(r.operator());
    if (!nonEmptyIntersection(x, r) && !bothNegative) return r.key;
  }
  return undefined;
}
