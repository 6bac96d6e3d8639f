import type { ClientOp } from './client-messages';
import type { ProtocolErrorCode } from './error-codes';
import type { ReplayStatusFrame } from './replay';
import type {
  AccountFrame,
  Bar1sFrame,
  DepthDeltaFrame,
  DepthSnapshotFrame,
  OrderAckFrame,
  RejectFrame,
} from './trading';

/**
 * Frames the core sends. Prices and quantities are decimal strings (exact); `seq` counts
 * 1, 2, 3… per topic (`trades.<SYMBOL>` and `bbo.<SYMBOL>` each have their own), so a client
 * reading any one topic sees a gap when frames were conflated for it; `ts` is the venue time in ms.
 */
export type HelloFrame = {
  type: 'hello';
  v: number;
  serverTimeMs: number;
  limits: { frameBytesMax: number; subscriptionsMax: number; messagesPerSecondMax: number };
};
export type AckFrame = { type: 'ack'; op: ClientOp; id?: string | undefined; topics?: string[] };
export type AuthedFrame = { type: 'authed'; id?: string | undefined; userId: string; expiresAtMs: number };
export type ErrorFrame = { type: 'error'; id?: string | undefined; code: ProtocolErrorCode; message: string };
export type PongFrame = { type: 'pong'; id?: string | undefined; serverTimeMs: number };
export type TradeFrame = {
  type: 'trade';
  symbol: string;
  seq: number;
  price: string;
  qty: string;
  /** The aggressor's side. */
  side: 'buy' | 'sell';
  ts: number;
};
export type BboFrame = {
  type: 'bbo';
  symbol: string;
  seq: number;
  bid: string;
  bidQty: string;
  ask: string;
  askQty: string;
  ts: number;
};

export type ServerFrame =
  | HelloFrame
  | AckFrame
  | AuthedFrame
  | ErrorFrame
  | PongFrame
  | TradeFrame
  | BboFrame
  | OrderAckFrame
  | RejectFrame
  | AccountFrame
  | DepthSnapshotFrame
  | DepthDeltaFrame
  | Bar1sFrame
  | ReplayStatusFrame;
export type MarketFrame = TradeFrame | BboFrame;
