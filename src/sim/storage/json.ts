// The CLI JSON's storage fields (additive): claims with their phase, class, volume and zone and the
// pods using them; volumes with zone, driver and claim.
import type { ClusterState } from '../engine/records.ts';
import { allClaims, allVolumes, claimZone, podClaims, volumeZones } from './claims.ts';

export interface ClaimJSON {
  namespace: string;
  name: string;
  phase: string;
  storageClass: string | null;
  volume: string | null;
  zone: string | null;
  usedBy: string[];
}
export interface VolumeJSON {
  name: string;
  zone: string | null;
  driver: string | null;
  claim: string | null;
}

export function storageJSON(state: ClusterState): { claims: ClaimJSON[]; volumes: VolumeJSON[] } {
  const users = new Map<string, string[]>();
  for (const p of state.pods.values()) {
    const ns = p.pod.metadata.namespace ?? 'default';
    for (const r of podClaims(p.pod)) {
      const k = `${ns}/${r.claim}`;
      users.set(k, [...(users.get(k) ?? []), p.key]);
    }
  }
  const claims = allClaims(state.objects)
    .map((c): ClaimJSON => {
      const ns = c.metadata.namespace ?? 'default';
      const name = c.metadata.name ?? '';
      return {
        namespace: ns,
        name,
        phase: c.status?.phase ?? (c.spec.volumeName ? 'Bound' : 'Pending'),
        storageClass: c.spec.storageClassName ?? null,
        volume: c.spec.volumeName || null,
        zone: claimZone(state.objects, c) ?? null,
        usedBy: (users.get(`${ns}/${name}`) ?? []).sort(),
      };
    })
    .sort((a, b) => (`${a.namespace}/${a.name}` < `${b.namespace}/${b.name}` ? -1 : 1));
  const volumes = allVolumes(state.objects)
    .map((v): VolumeJSON => {
      const zones = volumeZones(v);
      const ref = v.spec.claimRef;
      return {
        name: v.metadata.name ?? '',
        zone: zones?.length === 1 ? (zones[0] ?? null) : null,
        driver: v.spec.csi?.driver ?? (v.spec.awsElasticBlockStore ? 'ebs.csi.aws.com' : null),
        claim: ref ? `${ref.namespace ?? 'default'}/${ref.name}` : null,
      };
    })
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  return { claims, volumes };
}
