// The lab's Content-Security-Policy, in one place: the built page carries it as a <meta> tag (so it
// holds on any static host), `vite preview` and the dev server send it as a header, and
// docs/deploying.md gives the header for real servers (a test keeps that copy in step).
//
// The page runs no inline script and reaches no origin but its own. Monaco sets inline styles,
// hence 'unsafe-inline' for styles only. frame-ancestors only works as a header (browsers ignore it
// in <meta>): the lab is not meant to be framed by other sites.
const BASE = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
];

/** For the built page's <meta> tag. */
export const CSP_META = BASE.join('; ');

/** The HTTP header for deployments (and `vite preview`). */
export const CSP_HEADER = [...BASE, "frame-ancestors 'none'"].join('; ');

/**
 * The dev server's header: React's hot reload injects an inline module script and Vite's client
 * talks to the server over a WebSocket; everything else as in production.
 */
export const CSP_DEV = CSP_HEADER.replace(
  "script-src 'self'",
  "script-src 'self' 'unsafe-inline'",
).replace("connect-src 'self'", "connect-src 'self' ws: wss:");
