// Starting points for common kinds, offered by "Add document". Names get a numeric suffix so a new
// document never collides with an existing one.
export interface Template {
  label: string;
  kind: string;
  body(name: string): string;
}

export const TEMPLATES: Template[] = [
  {
    label: 'NodePool (v1)',
    kind: 'NodePool',
    body: (name) => `apiVersion: karpenter.sh/v1
kind: NodePool
metadata:
  name: ${name}
spec:
  template:
    spec:
      requirements:
        - key: karpenter.sh/capacity-type
          operator: In
          values: ["on-demand"]
      nodeClassRef:
        group: karpenter.k8s.aws
        kind: EC2NodeClass
        name: default
  disruption:
    consolidationPolicy: WhenEmptyOrUnderutilized
    consolidateAfter: 0s
`,
  },
  {
    label: 'Deployment',
    kind: 'Deployment',
    body: (name) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: 3
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
        - name: app
          image: nginx:1.27
          resources:
            requests:
              cpu: 500m
              memory: 512Mi
`,
  },
  {
    label: 'DaemonSet',
    kind: 'DaemonSet',
    body: (name) => `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ${name}
  namespace: kube-system
spec:
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
        - name: agent
          image: busybox:1.36
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
`,
  },
  {
    label: 'PodDisruptionBudget',
    kind: 'PodDisruptionBudget',
    body: (name) => `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: ${name}
spec:
  minAvailable: 1
  selector:
    matchLabels:
      app: inflate
`,
  },
  {
    label: 'Pod',
    kind: 'Pod',
    body: (name) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
    - name: app
      image: busybox:1.36
      resources:
        requests:
          cpu: 250m
`,
  },
  {
    label: 'Scenario (timed actions)',
    kind: 'Scenario',
    body: (name) => `apiVersion: lab.karpenter.playground/v1alpha1
kind: Scenario
metadata:
  name: ${name}
spec:
  actions:
    - at: 2m
      run: kubectl scale deployment inflate --replicas=1
  until: 10m
`,
  },
  {
    label: 'Provisioner (v1alpha5, Karpenter ≤ v0.31)',
    kind: 'Provisioner',
    body: (name) => `apiVersion: karpenter.sh/v1alpha5
kind: Provisioner
metadata:
  name: ${name}
spec:
  requirements:
    - key: karpenter.sh/capacity-type
      operator: In
      values: ["spot", "on-demand"]
  limits:
    resources:
      cpu: 1000
  providerRef:
    name: default
  ttlSecondsAfterEmpty: 30
`,
  },
];

/** `base`, or `base-2`, `base-3`… whichever is not taken. */
export function freshName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}
