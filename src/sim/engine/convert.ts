// Every pool the provisioner sees is a v1 NodePool with its defaults filled in (the solve's
// contract). Older shapes are converted here:
//   • v1alpha5 Provisioner (Karpenter ≤ v0.31) with the AWS webhook defaults (reference §4.1):
//     os linux, arch amd64, capacity-type on-demand, instance-category In [c,m,r] and
//     instance-generation Gt 2 — each only when the Provisioner says nothing about that key.
//   • v1beta1 NodePool: WhenUnderutilized → WhenEmptyOrUnderutilized, disruption.expireAfter moves
//     into the template.
// The original Provisioner stays in the state's objects, so disruption can read ttlSecondsAfterEmpty.
import type { NodePool, NodeSelectorRequirementWithMinValues, Provisioner } from '../k8s.ts';
import { CONVERTED_FROM, LABEL, normalizeLabelKey } from '../labels.ts';

export { CONVERTED_FROM };

function hasKey(reqs: readonly NodeSelectorRequirementWithMinValues[], ...keys: string[]): boolean {
  return reqs.some((r) => keys.includes(normalizeLabelKey(r.key)));
}

/** The v1alpha5 AWS webhook defaults (pkg/apis/v1alpha5/provisioner.go@v0.31.0 in the AWS repo). */
export function provisionerDefaults(
  reqs: readonly NodeSelectorRequirementWithMinValues[],
): NodeSelectorRequirementWithMinValues[] {
  const out = [...reqs];
  if (!hasKey(out, LABEL.os)) out.push({ key: LABEL.os, operator: 'In', values: ['linux'] });
  if (!hasKey(out, LABEL.arch)) out.push({ key: LABEL.arch, operator: 'In', values: ['amd64'] });
  if (!hasKey(out, LABEL.capacityType))
    out.push({ key: LABEL.capacityType, operator: 'In', values: ['on-demand'] });
  const pinsTypes = hasKey(
    out,
    LABEL.instanceType,
    LABEL.instanceFamily,
    LABEL.instanceCategory,
    LABEL.instanceGeneration,
  );
  if (!pinsTypes) {
    out.push({ key: LABEL.instanceCategory, operator: 'In', values: ['c', 'm', 'r'] });
    out.push({ key: LABEL.instanceGeneration, operator: 'Gt', values: ['2'] });
  }
  return out;
}

export function provisionerToNodePool(p: Provisioner): NodePool {
  const s = p.spec;
  const consolidation = s.consolidation?.enabled === true;
  const template: NodePool['spec']['template'] = {
    metadata: {
      // v0.31 put the Provisioner's name on its nodes, and a pod could select it.
      labels: { ...s.labels, [LABEL.provisionerName]: p.metadata.name ?? 'default' },
      ...(s.annotations ? { annotations: { ...s.annotations } } : {}),
    },
    spec: {
      requirements: provisionerDefaults(s.requirements ?? []),
      ...(s.taints ? { taints: s.taints } : {}),
      ...(s.startupTaints ? { startupTaints: s.startupTaints } : {}),
      nodeClassRef: {
        group: 'karpenter.k8s.aws',
        kind: 'EC2NodeClass',
        name: s.providerRef?.name ?? 'default',
      },
      // v1alpha5 nodes never expired unless ttlSecondsUntilExpired was set (then gracefully).
      expireAfter:
        s.ttlSecondsUntilExpired === undefined ? 'Never' : `${s.ttlSecondsUntilExpired}s`,
      ...(s.kubeletConfiguration ? { kubelet: s.kubeletConfiguration } : {}),
    },
  };
  return {
    apiVersion: 'karpenter.sh/v1',
    kind: 'NodePool',
    metadata: {
      name: p.metadata.name ?? 'default',
      annotations: { [CONVERTED_FROM]: `Provisioner/${p.metadata.name ?? ''}` },
    },
    spec: {
      template,
      disruption: {
        // The closest v1 reading; v1alpha5 semantics proper (ttlSecondsAfterEmpty, one action at a
        // time, no budgets) belong to the disruption module, which reads the Provisioner itself.
        consolidationPolicy: consolidation ? 'WhenEmptyOrUnderutilized' : 'WhenEmpty',
        consolidateAfter: consolidation
          ? '0s'
          : s.ttlSecondsAfterEmpty === undefined
            ? 'Never'
            : `${s.ttlSecondsAfterEmpty}s`,
        budgets: [{ nodes: '100%' }],
      },
      ...(s.limits?.resources ? { limits: s.limits.resources } : {}),
      ...(s.weight === undefined ? {} : { weight: s.weight }),
    },
  };
}

/** A v1 or v1beta1 NodePool with the v1 defaults (§5.3) applied. */
export function normalizeNodePool(np: NodePool): NodePool {
  const d = np.spec.disruption ?? {};
  const t = np.spec.template;
  const policy =
    d.consolidationPolicy === 'WhenUnderutilized'
      ? 'WhenEmptyOrUnderutilized'
      : d.consolidationPolicy;
  return {
    ...np,
    apiVersion: 'karpenter.sh/v1',
    spec: {
      ...np.spec,
      template: {
        ...t,
        spec: { ...t.spec, expireAfter: t.spec.expireAfter ?? d.expireAfter ?? '720h' },
      },
      disruption: {
        consolidationPolicy: policy ?? 'WhenEmptyOrUnderutilized',
        consolidateAfter: d.consolidateAfter ?? '0s',
        budgets: d.budgets ?? [{ nodes: '10%' }],
      },
    },
  };
}
