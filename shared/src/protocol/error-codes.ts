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
  'MD_UNKNOWN_SYMBOL',
  /** A private topic (`acct.<id>`) of an account that is not the authenticated user's (or before auth). */
  'TOPIC_FORBIDDEN',
] as const;
export type ProtocolErrorCode = (typeof PROTOCOL_ERROR_CODES)[number];
