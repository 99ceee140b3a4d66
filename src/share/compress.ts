// deflate-raw through the platform's CompressionStream (browsers, Node ≥ 18): no library to ship.
// Inflating is where hostile links bite — 64 KB of deflate can expand to gigabytes — so the output
// is read chunk by chunk and the stream is cancelled as soon as it passes the cap.

export type InflateResult =
  { ok: true; bytes: Uint8Array } | { ok: false; error: string; reason: 'too-large' | 'corrupt' };

export async function deflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export async function inflateRaw(bytes: Uint8Array, maxBytes: number): Promise<InflateResult> {
  const ds = new DecompressionStream('deflate-raw');
  const writer = ds.writable.getWriter();
  // Not awaited: the writer only drains while we read, and an error surfaces on the reader too.
  writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => undefined);
  writer.close().catch(() => undefined);
  const reader = ds.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return {
          ok: false,
          reason: 'too-large',
          error: `it expands to more than ${formatBytes(maxBytes)} (refused: a link that large is broken or hostile)`,
        };
      }
      chunks.push(value);
    }
  } catch {
    return {
      ok: false,
      reason: 'corrupt',
      error: 'its data is truncated or corrupt (it does not decompress)',
    };
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return { ok: true, bytes: out };
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}
