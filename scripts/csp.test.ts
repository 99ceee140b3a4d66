import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CSP_DEV, CSP_HEADER, CSP_META } from './csp.ts';

describe('the Content-Security-Policy', () => {
  it('forbids framing only where browsers honour it (a header, not <meta>)', () => {
    expect(CSP_HEADER).toContain("frame-ancestors 'none'");
    expect(CSP_META).not.toContain('frame-ancestors');
    expect(CSP_HEADER.startsWith(CSP_META)).toBe(true);
  });

  it('allows inline script only in dev', () => {
    expect(CSP_HEADER).toContain("script-src 'self';");
    expect(CSP_DEV).toContain("script-src 'self' 'unsafe-inline';");
  });

  it('is the one docs/deploying.md tells deployers to send', () => {
    const docs = readFileSync(new URL('../docs/deploying.md', import.meta.url), 'utf8');
    expect(docs).toContain(`Content-Security-Policy: ${CSP_HEADER}`);
  });
});
