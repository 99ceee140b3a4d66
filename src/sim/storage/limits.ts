// How many EBS volumes a node can attach: what the EBS CSI node plugin publishes in CSINode
// allocatable.count (aws-ebs-csi-driver pkg/driver/node.go getVolumesLimit), from the driver's own
// per-type table (scripts/build-ebs-limits.mjs → data/ebs-attach-limits.json):
//   --volume-attach-limit ≥ 0 overrides everything; else the table's max attachments
//   (non-Nitro 39 dedicated; unknown types 27 shared), minus reserved attachments (extra EBS
//   block-device mappings + 1 for the root volume), minus (ENIs − 1) on shared types, floored at 1.
// The lab assumes the root volume only and one ENI when the plugin starts (a real shared-type node
// often shows one less: the VPC CNI's warm ENI).

import data from './data/ebs-attach-limits.json';
import { EBS_DRIVER } from './claims.ts';
import { own } from '../own.ts';

export const EBS_SHARED_DEFAULT = 27;
export const NON_NITRO = 39;

const TABLE = data.types as unknown as Readonly<Record<string, readonly [number, 'd' | 's']>>;

export interface StorageSettings {
  /** false: no EBS CSI driver — no CSINode, no limits, Immediate claims never provision. */
  ebsCsiDriver: boolean;
  /** The driver's --volume-attach-limit. */
  volumeAttachLimit?: number;
  /** The driver's --reserved-volume-attachments (default: root volume only = 1). */
  reservedVolumeAttachments?: number;
  /** Per instance type, per driver: a Scenario catalog's own limits (replace the EBS figure). */
  typeLimits?: ReadonlyMap<string, Readonly<Record<string, number>>>;
}

export function ebsAttachLimit(
  instanceType: string,
  s: Pick<StorageSettings, 'volumeAttachLimit' | 'reservedVolumeAttachments'> = {},
  enis = 1,
): number {
  if (s.volumeAttachLimit !== undefined && s.volumeAttachLimit >= 0) return s.volumeAttachLimit;
  // own(): an instance type is user text (a Scenario catalog may name one "constructor").
  const [max, kind] = own(TABLE, instanceType) ?? [EBS_SHARED_DEFAULT, 's'];
  let n = max - (s.reservedVolumeAttachments ?? 1);
  if (kind === 's') n -= enis - 1;
  return Math.max(1, n);
}

/** The CSINode limits a node of this type reports once its CSI plugins register (at Ready). */
export function nodeVolumeLimits(
  instanceType: string,
  s: StorageSettings,
): Record<string, number> | undefined {
  const typeOwn = s.typeLimits?.get(instanceType);
  if (typeOwn) return { ...typeOwn };
  if (!s.ebsCsiDriver) return undefined;
  return { [EBS_DRIVER]: ebsAttachLimit(instanceType, s) };
}
