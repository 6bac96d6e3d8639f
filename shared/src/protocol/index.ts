export {
  CLIENT_OPS,
  type ClientMessage,
  type ClientOp,
  clientMessageSchema,
  PUBLIC_CHANNELS,
  type PublicChannel,
  topicOf,
  topicSchema,
} from './client-messages';
export { type DecodeResult, decodeClientMessage, decodeServerFrame, encodeServerFrame } from './codec';
export { PROTOCOL_ERROR_CODES, type ProtocolErrorCode, WS_CLOSE_SESSION_REVOKED } from './error-codes';
export {
  FRAME_BYTES_HARD_MAX,
  FRAME_BYTES_MAX,
  MESSAGES_PER_SECOND_MAX,
  PROTOCOL_VERSION,
  SEND_BUFFER_BYTES_MAX,
  SUBSCRIPTIONS_PER_SOCKET_MAX,
  TOPICS_PER_MESSAGE_MAX,
} from './limits';
export * from './replay';
export type {
  AckFrame,
  AuthedFrame,
  BboFrame,
  ErrorFrame,
  HelloFrame,
  MarketFrame,
  PongFrame,
  ServerFrame,
  TradeFrame,
} from './server-messages';
export {
  DEPLOYMENT_STATUSES,
  DEPLOYMENT_SYMBOLS_MAX,
  type DeploymentStatus,
  type DeploymentSummary,
  type DeployRequest,
  deploymentIdRequestSchema,
  deployRequestSchema,
  LIVE_BAR_INTERVALS,
  type LiveBarInterval,
  STRATEGY_INTERNAL_PATHS,
  STRATEGY_REJECT_CODES,
  type StrategyAnswer,
  type StrategyRejectCode,
} from './strategies';
export * from './trading';
