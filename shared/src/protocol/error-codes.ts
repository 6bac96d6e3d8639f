/**
 * The closed set of protocol error codes. `PROTO_*` are about the frame itself, `AUTH_*`
 * about the token, `MD_*` about market data. A client can switch on these.
 */
export const PROTOCOL_ERROR_CODES = [
  'PROTO_MALFORMED',
  'PROTO_TOO_LARGE',
  'PROTO_UNKNOWN_OP',
  'PROTO_INVALID',
  'PROTO_RATE_LIMITED',
  'PROTO_TOO_MANY_SUBSCRIPTIONS',
  'AUTH_INVALID_TOKEN',
  'AUTH_EXPIRED',
  /** The token's session ended (logout, refresh-token reuse, password change): refresh or sign in again. */
  'AUTH_SESSION_REVOKED',
  /** The core cannot check the token's session right now (its database is away); market data still flows. */
  'AUTH_UNAVAILABLE',
  'MD_UNKNOWN_SYMBOL',
  /** A private topic (`acct.<id>`) of an account that is not the authenticated user's (or before auth). */
  'TOPIC_FORBIDDEN',
] as const;
export type ProtocolErrorCode = (typeof PROTOCOL_ERROR_CODES)[number];

/**
 * WebSocket close code (application range, RFC 6455 §7.4.2) for a socket whose access token was
 * cut off (logout, password change; RELIABILITY S2). The client drops its token, refreshes or
 * signs in again, and may reconnect anonymously at once for public market data.
 */
export const WS_CLOSE_SESSION_REVOKED = 4401;
