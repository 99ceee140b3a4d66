// Version-dependent numbers the solve needs (reference §0): core MaxInstanceTypes was 60 up to
// v0.34, 100 in v0.35, 60 again in v0.36–v1.6 and 600 since v1.7; DaemonSet overhead per
// instance-type group since v1.14. "v1" means the latest v1.x.

export function parseVersion(version: string): { major: number; minor: number } | undefined {
  const m = /^v?(\d+)(?:\.(\d+))?/.exec(version.trim());
  if (!m) return undefined;
  return {
    major: Number(m[1]),
    minor: m[2] === undefined ? Number.POSITIVE_INFINITY : Number(m[2]),
  };
}

export function versionOptions(
  version: string,
  semantics: 'v1' | 'v1alpha5',
): { maxInstanceTypes: number; daemonOverheadPerTypeGroup: boolean } {
  const v =
    parseVersion(version) ??
    (semantics === 'v1alpha5' ? { major: 0, minor: 31 } : { major: 1, minor: Infinity });
  const atLeast = (major: number, minor: number): boolean =>
    v.major > major || (v.major === major && v.minor >= minor);
  const maxInstanceTypes = atLeast(1, 7) ? 600 : v.major === 0 && v.minor === 35 ? 100 : 60;
  return { maxInstanceTypes, daemonOverheadPerTypeGroup: atLeast(1, 14) };
}
