/**
 * How long an access token lives, measured on the server's clock: `exp - iat` from the
 * JWT's payload (read, not verified: the server verifies). Using the lifetime rather than
 * the absolute expiry keeps refresh timing right when the device clock is off.
 */
export function tokenLifetimeMs(token: string, expiresAtMs: number, nowMs: number): number {
  const claims = jwtClaims(token);
  if (claims && typeof claims.exp === 'number' && typeof claims.iat === 'number' && claims.exp > claims.iat) {
    return (claims.exp - claims.iat) * 1000;
  }
  return expiresAtMs - nowMs;
}

function jwtClaims(token: string): Record<string, unknown> | undefined {
  const payload = token.split('.')[1];
  if (!payload || payload.length > 8192) return undefined;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const json = JSON.parse(atob(base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), '='))) as unknown;
    return typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
