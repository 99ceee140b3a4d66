// Object names the way Kubernetes and AWS make them, from the seeded PRNG so a run is reproducible:
//   pod of Deployment "inflate"  → inflate-7f9c6d4b8d-x2k9q   (pod-template-hash + 5 random chars)
//   NodeClaim of NodePool "default" → default-7xk2p
//   Node                          → ip-10-0-12-34.ec2.internal (us-east-1) / ip-….<region>.compute.internal

/** k8s.io/apimachinery/pkg/util/rand: no vowels (no accidental words), no 0/1/3 look-alikes. */
const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export function randomSuffix(rng: () => number, n = 5): string {
  let s = '';
  for (let i = 0; i < n; i++) s += ALPHABET[Math.floor(rng() * ALPHABET.length)] ?? 'b';
  return s;
}

/** FNV-1a 32-bit, rendered like Kubernetes' SafeEncodeString(fmt.Sprint(hash)). */
const hashCache = new WeakMap<object, string>();

export function podTemplateHash(template: object): string {
  const hit = hashCache.get(template);
  if (hit !== undefined) return hit;
  const h = fnvHash(template);
  hashCache.set(template, h);
  return h;
}

function fnvHash(template: unknown): string {
  const text = JSON.stringify(template) ?? '';
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return [...String(h)].map((c) => ALPHABET[c.charCodeAt(0) % ALPHABET.length] ?? 'b').join('');
}

export function uid(rng: () => number): string {
  const hex = (n: number): string => {
    let s = '';
    for (let i = 0; i < n; i++) s += Math.floor(rng() * 16).toString(16);
    return s;
  };
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${hex(4)}-${hex(12)}`;
}

/** Hands out unique names; `taken` makes collisions with workspace objects impossible. */
export class NameAllocator {
  private readonly used = new Set<string>();
  constructor(private readonly rng: () => number) {}

  reserve(name: string): void {
    this.used.add(name);
  }

  /** `<prefix>-<5 chars>`, retried on the (rare) collision. */
  suffixed(prefix: string): string {
    for (;;) {
      const name = `${prefix}-${randomSuffix(this.rng)}`;
      if (!this.used.has(name)) {
        this.used.add(name);
        return name;
      }
    }
  }

  /** A private-DNS node name in the zone's /19 of 10.0.0.0/16. */
  nodeName(region: string, zoneIndex: number): string {
    const domain = region === 'us-east-1' ? 'ec2.internal' : `${region}.compute.internal`;
    for (;;) {
      const third = (zoneIndex % 8) * 32 + Math.floor(this.rng() * 32);
      const fourth = 1 + Math.floor(this.rng() * 254);
      const name = `ip-10-0-${third}-${fourth}.${domain}`;
      if (!this.used.has(name)) {
        this.used.add(name);
        return name;
      }
    }
  }
}
