// Which Karpenter API generation a version string selects. "v0.31"/"v0.3x" and older = v1alpha5
// (Provisioner); v0.32–v0.37 = v1beta1 (NodePool); v1.x = v1. Unknown strings fall back to the
// latest v1 semantics and say so.

export type ApiGeneration = 'v1alpha5' | 'v1beta1' | 'v1';

export interface KarpenterVersion {
  readonly text: string;
  readonly generation: ApiGeneration;
  readonly major: number;
  /** Infinity when only the major is given ("v1" = latest v1.x). */
  readonly minor: number;
}

export const LATEST: KarpenterVersion = { text: 'v1', generation: 'v1', major: 1, minor: Infinity };

export function parseKarpenterVersion(text: string | undefined): KarpenterVersion | undefined {
  if (text === undefined) return LATEST;
  const m = /^v?(\d+)(?:\.(\d+|x|\dx)(?:\.\d+)?)?$/i.exec(text.trim());
  if (!m) return undefined;
  const major = Number(m[1]);
  const minorText = m[2];
  if (major >= 1) {
    const minor = minorText === undefined || /x/i.test(minorText) ? Infinity : Number(minorText);
    return { text, generation: 'v1', major, minor };
  }
  if (minorText === undefined) return undefined;
  if (/^3x$/i.test(minorText)) return { text, generation: 'v1alpha5', major: 0, minor: 31 };
  const minor = Number(minorText);
  if (!Number.isFinite(minor)) return undefined;
  return { text, generation: minor >= 32 ? 'v1beta1' : 'v1alpha5', major: 0, minor };
}

/** True when this Karpenter has at least version 1.minor (always false before v1). */
export const atLeastV1 = (v: KarpenterVersion, minor: number): boolean =>
  v.major > 1 || (v.major === 1 && v.minor >= minor);
