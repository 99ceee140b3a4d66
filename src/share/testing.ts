// Builders for share tests: a small valid state, and raw links made from arbitrary payloads (the
// hostile cases need links our own encoder would never write).
import { toBase64Url } from './base64url.ts';
import { deflateRaw } from './compress.ts';
import type { ShareState } from './state.ts';

export const WORKSPACE = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata: {name: inflate}',
  'spec:',
  '  replicas: 5',
  '',
].join('\n');

export function shareState(over: Partial<ShareState> = {}): ShareState {
  return { workspace: WORKSPACE, ...over };
}

/** A v1 link around any JSON payload (or raw text), compressed like the real encoder. */
export async function rawLink(payload: unknown, extra = ''): Promise<string> {
  const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const bytes = await deflateRaw(new TextEncoder().encode(text));
  return `#v=1&s=${toBase64Url(bytes)}${extra}`;
}

/** In-memory Storage: what localStorage offers, plus a quota to exercise "storage full". */
export class MemoryStorage {
  readonly items = new Map<string, string>();
  constructor(private readonly quota = Infinity) {}
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    const used = [...this.items].reduce(
      (n, [k, v]) => n + (k === key ? 0 : k.length + v.length),
      0,
    );
    if (used + key.length + value.length > this.quota) throw new Error('QuotaExceededError');
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}
