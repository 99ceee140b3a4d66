// filterInstanceTypes (instancefilter.ts) over a NodeClaim's option set, for the common shape: one
// DaemonSet group, no host ports, no minValues. The answer is the positions that drop out rather
// than a new list, so a pod joining a claim costs O(dropped) when only the total grew (read from
// the set's per-resource orders) and one pass without allocation when labels narrowed too.
// Same decisions and the same error flags as the list filter.
import type { Requirements } from '../requirements.ts';
import type { Resources } from '../quantity.ts';
import { LABEL } from '../labels.ts';
import type { DaemonGroup } from './daemons.ts';
import { DenseIndex } from './dense.ts';
import { InstanceTypeFilterError, fitOnlyFlags, judgeOption } from './instancefilter.ts';
import type { OptionSet } from './optionset.ts';
import { exactKey, hasAvailableOffering, intersectsAll, zoneAndCapacityType } from './reqfast.ts';
import { sum } from './resources.ts';

export interface SetFilterArgs {
  set: OptionSet;
  requirements: Requirements;
  podRequests: Resources;
  /** Pods already on the NodeClaim plus this one (the group's overhead is added here). */
  totalRequests: Resources;
  group: DaemonGroup;
  /** Keys whose requirement changed since every live option was last checked. */
  changedKeys: readonly string[];
  dense: DenseIndex;
}

export function filterOptionSet(a: SetFilterArgs): {
  dropped: number[];
  error: InstanceTypeFilterError | undefined;
} {
  const { set, group } = a;
  const err = new InstanceTypeFilterError(a.requirements, a.podRequests);
  let total = a.totalRequests;
  if (Object.keys(group.overhead).length > 0) {
    err.trackDaemonOverhead(group.overhead);
    total = sum(total, group.overhead);
  }
  const req = a.dense.request(total);
  let dropped: number[];
  if (a.changedKeys.length === 0) {
    // Every live option is still compatible and offered: only the fit can drop one.
    dropped = set.fitsMin(req) ? [] : set.outgrown(req);
    fitOnlyFlags(err, set.size, set.size - dropped.length);
  } else {
    // Whether an option meets a changed requirement, or has an offering in the zones and
    // capacity types, depends on the option and that requirement alone: answered once per
    // template and exact requirement (setfilter runs per in-flight NodeClaim per pod).
    const compat = a.changedKeys.map((k) => {
      const r = a.requirements.get(k);
      return set.templateMask(`c\u0000${exactKey(r)}`, (it) => intersectsAll(it.requirements, [r]));
    });
    const offeringsChanged = a.changedKeys.some(
      (k) => k === LABEL.zone || k === LABEL.capacityType,
    );
    let offered: Uint8Array | undefined;
    if (offeringsChanged) {
      const [zone, ct] = zoneAndCapacityType(a.requirements);
      offered = set.templateMask(`o\u0000${exactKey(zone)}\u0000${exactKey(ct)}`, (it) =>
        hasAvailableOffering(it, zone, ct),
      );
    }
    const out: number[] = [];
    set.forEachLive((pos, _it, vec) => {
      let ok = true;
      for (let j = 0; j < compat.length; j++) if ((compat[j] as Uint8Array)[pos] !== 1) ok = false;
      const fit = DenseIndex.fits(req, vec);
      const offering = offered ? offered[pos] === 1 : true;
      if (!judgeOption(err, ok, fit, offering)) out.push(pos);
    });
    dropped = out;
  }
  return { dropped, error: dropped.length < set.size ? undefined : err };
}
