// Label selectors (metav1.LabelSelector) as topology groups and DaemonSets use them. A missing
// selector selects nothing (LabelSelectorAsSelector(nil) is labels.Nothing()); an empty one selects
// everything.
import type { LabelSelector, Labels } from '../k8s.ts';
import { own } from '../own.ts';

export function selectorMatches(
  sel: LabelSelector | undefined,
  labels: Labels | undefined,
): boolean {
  if (!sel) return false;
  const l = labels ?? {};
  for (const k in sel.matchLabels ?? {}) {
    if (own(l, k) !== own(sel.matchLabels, k)) return false;
  }
  for (const e of sel.matchExpressions ?? []) {
    const v = own(l, e.key);
    const values = e.values ?? [];
    switch (e.operator) {
      case 'In':
        if (v === undefined || !values.includes(v)) return false;
        break;
      case 'NotIn':
        if (v !== undefined && values.includes(v)) return false;
        break;
      case 'Exists':
        if (v === undefined) return false;
        break;
      case 'DoesNotExist':
        if (v !== undefined) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** A canonical string for a selector, so equal selectors written differently share one group. */
export function selectorKey(sel: LabelSelector | undefined): string {
  if (!sel) return 'nil';
  const labels = Object.entries(sel.matchLabels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .sort();
  const exprs = (sel.matchExpressions ?? [])
    .map((e) => `${e.key} ${e.operator} ${[...new Set(e.values ?? [])].sort().join(',')}`)
    .sort();
  return `${labels.join('&')}|${[...new Set(exprs)].join('&')}`;
}
