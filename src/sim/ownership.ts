// Who owns a node, from the labels a real cluster puts on it: Karpenter (karpenter.sh/nodepool, or
// the v1alpha5 provisioner-name), an EKS managed node group, Fargate, or nothing we recognise
// (self-managed: an Auto Scaling Group, a static instance). Karpenter disrupts only its own nodes.
import { LABEL } from './labels.ts';

export type NodeOwner =
  | { kind: 'karpenter'; name: string }
  | { kind: 'eks-managed-node-group'; name: string }
  | { kind: 'fargate'; name: string }
  | { kind: 'self-managed'; name: string };

export const EKS_NODEGROUP_LABEL = 'eks.amazonaws.com/nodegroup';
export const EKS_CAPACITY_TYPE_LABEL = 'eks.amazonaws.com/capacityType';
export const EKS_COMPUTE_TYPE_LABEL = 'eks.amazonaws.com/compute-type';

export function nodeOwner(labels: Readonly<Record<string, string>>): NodeOwner {
  const pool = labels[LABEL.nodePool] ?? labels[LABEL.provisionerName];
  if (pool !== undefined) return { kind: 'karpenter', name: pool };
  if (labels[EKS_COMPUTE_TYPE_LABEL] === 'fargate')
    return { kind: 'fargate', name: labels['eks.amazonaws.com/fargate-profile'] ?? 'fargate' };
  const group = labels[EKS_NODEGROUP_LABEL];
  if (group !== undefined) return { kind: 'eks-managed-node-group', name: group };
  return {
    kind: 'self-managed',
    name:
      labels['alpha.eksctl.io/nodegroup-name'] ?? labels['eks.amazonaws.com/nodegroup-image'] ?? '',
  };
}

export function ownerText(o: NodeOwner): string {
  switch (o.kind) {
    case 'karpenter':
      return `Karpenter NodePool ${o.name}`;
    case 'eks-managed-node-group':
      return `EKS managed node group ${o.name}`;
    case 'fargate':
      return `Fargate (${o.name})`;
    case 'self-managed':
      return o.name === '' ? 'self-managed' : `self-managed node group ${o.name}`;
  }
}

/** The capacity type of a node Karpenter does not own, from EKS's label (managed node groups). */
export function unmanagedCapacityType(labels: Readonly<Record<string, string>>): string {
  return labels[EKS_CAPACITY_TYPE_LABEL] === 'SPOT' ? 'spot' : 'on-demand';
}
