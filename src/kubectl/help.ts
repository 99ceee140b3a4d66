// The console's `help` text and the message for anything it does not understand: every supported
// command with one line on what it does, so a learner never hits a dead end.
export const COMMANDS: readonly { usage: string; what: string }[] = [
  {
    usage: 'kubectl get <type>[,<type>…]|all|karpenter [name…] [-n ns|-A] [-w]',
    what: 'list objects as the cluster looks at the cursor (-w keeps printing changes as time runs)',
  },
  {
    usage: '    -l <label selector> --field-selector <field>=<value> --sort-by <JSONPath>',
    what: "filter and order: -l 'app in (a,b)',!x,y!=z; --field-selector status.phase=Pending",
  },
  {
    usage: '    -o wide|yaml|json|name|jsonpath=<template>|custom-columns=<H>:<path>,…',
    what: 'output formats; also --no-headers, --show-labels, -L <label keys>, --show-kind',
  },
  {
    usage: 'kubectl describe <type> [name…] [--show-events=false]',
    what: 'details of an object with its Events (repeats as "(x4 over 2m)")',
  },
  {
    usage: 'kubectl events [--for <type>/<name>] [--types Warning] [-A] [-w]',
    what: 'events, newest last, with the component that reported them',
  },
  {
    usage: 'kubectl top nodes|pods [--sort-by cpu|memory] [-l sel] [-A]',
    what: 'CPU and memory from the pods’ requests (not measured usage: no containers run)',
  },
  {
    usage: 'kubectl explain <type>[.field…] [--recursive]',
    what: 'the fields of a kind, e.g. kubectl explain nodepool.spec.disruption',
  },
  {
    usage: 'kubectl logs -n karpenter deploy/karpenter [--tail=N] [--since=5m] [-f]',
    what: 'Karpenter’s controller log: one JSON line per decision',
  },
  {
    usage: 'kubectl scale deployment <name> --replicas=<n>',
    what: 'change a workload’s replica count',
  },
  { usage: 'kubectl apply -f <document>', what: 'apply a held-back document of the workspace' },
  {
    usage: 'kubectl delete <type> <name>',
    what: 'delete a pod, workload, node, NodeClaim, NodePool, PDB, PVC…',
  },
  { usage: 'kubectl cordon|uncordon <node>', what: 'mark a node (un)schedulable' },
  { usage: 'kubectl drain <node> --ignore-daemonsets', what: 'cordon a node and evict its pods' },
  {
    usage: 'kubectl label|annotate <type> <name> key=value… | key-',
    what: 'set or remove labels / annotations',
  },
  { usage: 'kubectl taint nodes <node> key[=value]:Effect[-]', what: 'add or remove a node taint' },
  {
    usage: `kubectl patch nodepool <name> --type merge -p '{"spec":…}'`,
    what: 'change a NodePool (or a workload, PDB) from this moment on',
  },
  {
    usage: 'kubectl api-resources [-o wide] | kubectl version',
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
    'Supported commands (kubectl may be shortened to k; <cmd> --help shows one):',
    ...COMMANDS.map((c) => `  ${c.usage.padEnd(width)}  ${c.what}`),
    '',
    'Types: nodes (no), pods (po), deployments (deploy), replicasets (rs), statefulsets (sts),',
    'daemonsets (ds), poddisruptionbudgets (pdb), events (ev), and once Karpenter is installed:',
    'nodepools, nodeclaims, ec2nodeclasses (v1) or provisioners, machines (v0.31) — the karpenter',
    'category lists them all. One command per line: no pipes, redirection, ; or &&.',
    'Tab completes commands, types, names and flags; ↑/↓ walk the history.',
  ].join('\n');
}

/** `kubectl <verb> --help`: the lines of the help that are about this verb. */
export function commandHelp(verb: string): string {
  const lines: string[] = [];
  let inVerb = false;
  for (const c of COMMANDS) {
    // Indented lines continue the command above them.
    if (!c.usage.startsWith(' '))
      inVerb = new RegExp(`^kubectl [\\w|-]*\\b${verb}\\b`).test(c.usage);
    if (inVerb) lines.push(`  ${c.usage.trim()}`, `      ${c.what}`);
  }
  return lines.length > 0 ? ['Usage in this console:', ...lines].join('\n') : helpText();
}

export function unsupported(what: string): string {
  return [
    `${what} is not supported in this console. Supported commands:`,
    ...COMMANDS.filter((c) => !c.usage.startsWith(' ')).map((c) => `  ${c.usage}`),
  ].join('\n');
}
