/**
 * The limits of the core WebSocket protocol. Each is enforced by the server, tested at the
 * limit and one past it, and announced to clients in the `hello` frame.
 */
export const PROTOCOL_VERSION = 1;
/** Largest client frame the protocol accepts; a larger one gets PROTO_TOO_LARGE and is ignored. */
export const FRAME_BYTES_MAX = 4 * 1024;
/** Above this uWS drops the connection without reading the frame (no close frame: clients see 1006). */
export const FRAME_BYTES_HARD_MAX = 64 * 1024;
/** Topics one socket may hold at once. */
export const SUBSCRIPTIONS_PER_SOCKET_MAX = 256;
/** Topics one subscribe / unsubscribe message may name. */
export const TOPICS_PER_MESSAGE_MAX = 64;
/** Client messages per second per socket (a token bucket, burst = the same number). */
export const MESSAGES_PER_SECOND_MAX = 50;
/** Bytes queued for one slow socket before we stop sending it market data (and count drops). */
export const SEND_BUFFER_BYTES_MAX = 256 * 1024;
