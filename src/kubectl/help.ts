// The console's `help` text and the message for anything it does not understand: every supported
// command with one line on what it does, so a learner never hits a dead end.
export const COMMANDS: readonly { usage: string; what: string }[] = [
  {
    usage: 'kubectl get <type> [name…] [-o wide|yaml|json|name] [-l sel] [-L keys] [-A|-n ns] [-w]',
    what: 'list objects as the cluster looks at the cursor (-w keeps printing changes as time runs)',
  },
  {
    usage: 'kubectl describe <type> [name…]',
    what: 'details of an object with its Events (Karpenter’s included)',
  },
  {
    usage: 'kubectl logs -n karpenter deploy/karpenter [--tail=N] [-f]',
    what: 'Karpenter’s controller log: one JSON line per decision',
  },
  {
    usage: 'kubectl scale deployment <name> --replicas=<n>',
    what: 'change a workload’s replica count',
  },
  { usage: 'kubectl apply -f <document>', what: 'apply a held-back document of the workspace' },
  {
    usage: 'kubectl delete <type> <name>',
    what: 'delete a pod, workload, node, NodeClaim, NodePool, PDB…',
  },
  { usage: 'kubectl cordon|uncordon <node>', what: 'mark a node (un)schedulable' },
  { usage: 'kubectl drain <node> --ignore-daemonsets', what: 'cordon a node and evict its pods' },
  {
    usage: 'kubectl label|annotate <type> <name> key=value… | key-',
    what: 'set or remove labels / annotations',
  },
  { usage: 'kubectl taint nodes <node> key[=value]:Effect[-]', what: 'add or remove a node taint' },
  {
    usage: 'kubectl api-resources | kubectl version',
    what: 'the kinds this cluster serves; client and server versions',
  },
  {
    usage: 'helm install|upgrade karpenter oci://public.ecr.aws/karpenter/karpenter --version <v>',
    what: 'install or change Karpenter (before that, pending pods stay Pending)',
  },
  {
    usage: 'helm uninstall karpenter',
    what: 'remove Karpenter (its kinds disappear, nothing is provisioned)',
  },
  { usage: 'interrupt <node>', what: 'send a spot interruption notice for the node’s instance' },
  {
    usage: 'ice <instance-type> [--zone z] [--capacity-type spot|on-demand] [--for 5m]',
    what: 'make EC2 answer InsufficientInstanceCapacity',
  },
  { usage: 'help | clear', what: 'this list; clear the console' },
];

export function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.usage.length));
  return [
    'Supported commands (kubectl may be shortened to k):',
    ...COMMANDS.map((c) => `  ${c.usage.padEnd(width)}  ${c.what}`),
    '',
    'Types: nodes (no), pods (po), deployments (deploy), daemonsets (ds), events (ev), and once',
    'Karpenter is installed: nodepools, nodeclaims, ec2nodeclasses (v1) or provisioners (v0.31).',
    'Tab completes commands, types, names and flags; ↑/↓ walk the history.',
  ].join('\n');
}

export function unsupported(what: string): string {
  return [
    `${what} is not supported in this console. Supported commands:`,
    ...COMMANDS.map((c) => `  ${c.usage}`),
  ].join('\n');
}
