import { parseReplaySymbol } from '@tradewind/shared/protocol';
import type { MarketFrameEncoder } from '../market/frame-encoder';
import type { MarketFrames } from '../ws/dispatch';
import type { ReplaySessions } from './replay-sessions';

/** The WebSocket's view of the market: replay symbols (`<SYM>@<id>`) go to the sessions, the rest to the live encoder. */
export function withReplays(live: MarketFrameEncoder, sessions: ReplaySessions): MarketFrames {
  return {
    knows: (symbol) => (parseReplaySymbol(symbol) === undefined ? live.knows(symbol) : sessions.knows(symbol)),
    last: (channel, symbol) =>
      parseReplaySymbol(symbol) === undefined ? live.last(channel, symbol) : sessions.last(channel, symbol),
  };
}
