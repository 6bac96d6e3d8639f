import { importSPKI, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';

/**
 * Access tokens: short-lived EdDSA JWTs issued by edge and verified by edge and core alike
 * through this one module, so both sides pin the same algorithm and check the same claims
 * (RELIABILITY S1: alg pinned; iss, aud, typ, exp, nbf checked; lifetime ≤ 15 min).
 */
export const ACCESS_TOKEN_ALG = 'EdDSA';
export const ACCESS_TOKEN_TYP = 'at+jwt';
export const ACCESS_TOKEN_ISSUER = 'tradewind-edge';
export const ACCESS_TOKEN_AUDIENCE = 'tradewind';
export const ACCESS_TOKEN_TTL_S = 10 * 60;
/** Clock skew tolerated between edge and core. */
export const ACCESS_TOKEN_SKEW_S = 5;

export type AccessClaims = {
  userId: string;
  sessionId: string;
  role: 'user' | 'admin';
  /** `iat`: compared with the user's "tokens valid after" cut-off (RELIABILITY S2). */
  issuedAtS: number;
  expiresAtS: number;
};

const claimsSchema = z.object({
  sub: z.string().uuid(),
  sid: z.string().uuid(),
  role: z.enum(['user', 'admin']),
  iat: z.number().int(),
  exp: z.number().int(),
});

/** A verification key with its id (the JWT `kid`); keys come from our own database, never the token. */
export type VerificationKey = { kid: string; key: CryptoKey };

export async function importVerificationKey(kid: string, spkiPem: string): Promise<VerificationKey> {
  return { kid, key: await importSPKI(spkiPem, ACCESS_TOKEN_ALG) };
}

export async function signAccessToken(
  claims: { userId: string; sessionId: string; role: 'user' | 'admin' },
  signing: { kid: string; key: CryptoKey },
  nowS: number,
): Promise<string> {
  return new SignJWT({ sid: claims.sessionId, role: claims.role })
    .setProtectedHeader({ alg: ACCESS_TOKEN_ALG, typ: ACCESS_TOKEN_TYP, kid: signing.kid })
    .setSubject(claims.userId)
    .setIssuer(ACCESS_TOKEN_ISSUER)
    .setAudience(ACCESS_TOKEN_AUDIENCE)
    .setIssuedAt(nowS)
    .setNotBefore(nowS)
    .setExpirationTime(nowS + ACCESS_TOKEN_TTL_S)
    .sign(signing.key);
}

export type VerifyResult =
  | { ok: true; claims: AccessClaims }
  | { ok: false; code: 'AUTH_EXPIRED' | 'AUTH_INVALID_TOKEN'; message: string };

/**
 * Verifies a token against our keys. The key is chosen by `kid` among keys we hold; a
 * `jku`, `jwk` or `x5u` header is ignored (never fetched), any other algorithm refused.
 */
export async function verifyAccessToken(
  token: string,
  keys: ReadonlyMap<string, VerificationKey>,
  nowS: number,
): Promise<VerifyResult> {
  try {
    const { payload } = await jwtVerify(
      token,
      async (header) => {
        const found = typeof header.kid === 'string' ? keys.get(header.kid) : undefined;
        if (!found) throw new Error('unknown key id');
        return found.key;
      },
      {
        algorithms: [ACCESS_TOKEN_ALG],
        issuer: ACCESS_TOKEN_ISSUER,
        audience: ACCESS_TOKEN_AUDIENCE,
        typ: ACCESS_TOKEN_TYP,
        currentDate: new Date(nowS * 1000),
        clockTolerance: ACCESS_TOKEN_SKEW_S,
        maxTokenAge: ACCESS_TOKEN_TTL_S + ACCESS_TOKEN_SKEW_S,
        requiredClaims: ['exp', 'nbf', 'iat', 'sub'],
      },
    );
    return parseClaims(payload);
  } catch (e) {
    const code = (e as { code?: string }).code === 'ERR_JWT_EXPIRED' ? 'AUTH_EXPIRED' : 'AUTH_INVALID_TOKEN';
    return { ok: false, code, message: code === 'AUTH_EXPIRED' ? 'token expired' : 'invalid token' };
  }
}

function parseClaims(payload: JWTPayload): VerifyResult {
  const parsed = claimsSchema.safeParse(payload);
  if (!parsed.success) return { ok: false, code: 'AUTH_INVALID_TOKEN', message: 'invalid token claims' };
  const { sub, sid, role, iat, exp } = parsed.data;
  return { ok: true, claims: { userId: sub, sessionId: sid, role, issuedAtS: iat, expiresAtS: exp } };
}
