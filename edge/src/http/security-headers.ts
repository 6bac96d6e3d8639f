import { randomBytes } from 'node:crypto';

/** On every response edge sends. */
export const BASE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/** 128 bits, fresh for every HTML response (CSP3 asks for at least 128). */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

/** `ws://host:port` of the core's public WebSocket: the one origin besides ours the app may connect to. */
export function wsOrigin(wsUrl: string): string {
  const u = new URL(wsUrl);
  return `${u.protocol}//${u.host}`;
}

/**
 * The PWA's Content Security Policy (RELIABILITY S8). Scripts run only if they carry this
 * response's nonce or were loaded by one that does ('strict-dynamic'); styles come from our
 * origin or carry the nonce (no 'unsafe-inline'); connections go to us and to core's WebSocket.
 */
export function pwaCsp(nonce: string, coreWsOrigin: string): string {
  return [
    "default-src 'self'",
    `script-src 'nonce-${nonce}' 'strict-dynamic'`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${coreWsOrigin}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');
}

/** Headers of an HTML page: its CSP, and no framing or cross-window access by other sites. */
export function htmlHeaders(nonce: string, coreWsOrigin: string): Record<string, string> {
  return {
    'Content-Security-Policy': pwaCsp(nonce, coreWsOrigin),
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}

/** Adds the nonce to every script and style element and to module-preload and stylesheet links. */
export function injectNonce(html: string, nonce: string): string {
  const attr = ` nonce="${nonce}"`;
  return html
    .replace(/<(script|style)(?=[\s>])/gi, (m) => m + attr)
    .replace(/<link(?=[^>]*\brel=["']?(?:modulepreload|stylesheet)\b)/gi, (m) => m + attr);
}
