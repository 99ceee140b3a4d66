// Host ports (§1.12, pkg/scheduling/hostportusage.go): two pods asking for the same port and
// protocol on overlapping IPs (0.0.0.0 overlaps everything) cannot share a node.
import type { Pod } from '../k8s.ts';

export interface HostPort {
  ip: string;
  port: number;
  protocol: string;
}

const UNSPECIFIED = new Set(['0.0.0.0', '::', '']);

export function hostPorts(pod: Pod): HostPort[] {
  const out: HostPort[] = [];
  for (const c of pod.spec.containers) {
    for (const p of c.ports ?? []) {
      if (!p.hostPort) continue;
      out.push({ ip: p.hostIP || '0.0.0.0', port: p.hostPort, protocol: p.protocol ?? 'TCP' });
    }
  }
  return out;
}

function overlaps(a: HostPort, b: HostPort): boolean {
  return (
    a.protocol === b.protocol &&
    a.port === b.port &&
    (a.ip === b.ip || UNSPECIFIED.has(a.ip) || UNSPECIFIED.has(b.ip))
  );
}

export function podKey(p: Pod): string {
  return `${p.metadata.namespace ?? 'default'}/${p.metadata.name ?? p.metadata.uid ?? ''}`;
}

export class HostPortUsage {
  private readonly reserved = new Map<string, HostPort[]>();

  add(pod: Pod, ports: HostPort[]): void {
    if (ports.length > 0) this.reserved.set(podKey(pod), ports);
  }

  /** Karpenter's error text for the first conflict, or undefined. */
  conflicts(pod: Pod, ports: readonly HostPort[]): string | undefined {
    if (ports.length === 0) return undefined;
    const key = podKey(pod);
    for (const n of ports) {
      for (const [owner, entries] of this.reserved) {
        if (owner === key) continue;
        for (const e of entries) {
          if (overlaps(n, e)) {
            return `pod hostport conflicts with existing hostport configuration (pod-hostport-ip=${n.ip}, pod-hostport-port=${n.port}, pod-hostport-protocol=${n.protocol}, existing-hostport-ip=${e.ip}, existing-hostport-port=${e.port}, existing-hostport-protocol=${e.protocol})`;
          }
        }
      }
    }
    return undefined;
  }

  clone(): HostPortUsage {
    const c = new HostPortUsage();
    for (const [k, v] of this.reserved) c.reserved.set(k, v);
    return c;
  }
}
