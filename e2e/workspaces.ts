// Workspace texts shared by specs about long names in the cluster view (cardText, groupLabels).
import { readFileSync } from 'node:fs';

/** The 2,000-pod bench workspace's Deployment (with `replicas` here) and EC2NodeClass. */
export function benchDeploymentAndNodeClass(replicas: number): string {
  return readFileSync(new URL('../bench/fixtures/two-thousand-pods.yaml', import.meta.url), 'utf8')
    .split('\n---\n')
    .filter((doc) => /^kind: (Deployment|EC2NodeClass)$/m.test(doc))
    .join('\n---\n')
    .replace('replicas: 2000', `replicas: ${replicas}`);
}

/** A spot NodePool weighted first and capped at `spotCpu`, then an on-demand fallback pool. */
export function spotThenOnDemandPools(spot: string, spotCpu: number, fallback: string): string {
  return `apiVersion: karpenter.sh/v1
kind: NodePool
metadata: { name: ${spot} }
spec:
  weight: 50
  limits: { cpu: '${spotCpu}' }
  template:
    spec:
      requirements:
        - { key: karpenter.sh/capacity-type, operator: In, values: [spot] }
      nodeClassRef: { group: karpenter.k8s.aws, kind: EC2NodeClass, name: default }
---
apiVersion: karpenter.sh/v1
kind: NodePool
metadata: { name: ${fallback} }
spec:
  template:
    spec:
      requirements:
        - { key: karpenter.sh/capacity-type, operator: In, values: [on-demand] }
      nodeClassRef: { group: karpenter.k8s.aws, kind: EC2NodeClass, name: default }`;
}
