import { z } from 'zod';
import { SYMBOL_PATTERN } from '../domain/ids';

/**
 * Replay sessions: a past stretch of recorded market data played back at a chosen speed for
 * one user, on topics of its own so that the live market of everyone else is untouched.
 *
 * A session `<id>` of symbol `BTC-USD` publishes under the replay symbol `BTC-USD@<id>`:
 * `trades.BTC-USD@<id>`, `bbo.BTC-USD@<id>` and `bars1s.BTC-USD@<id>` carry the same frames as
 * the live topics (their `symbol` field is the replay symbol), and `replay.BTC-USD@<id>` carries
 * `replay` status frames (state, speed, position) on every change and about twice a second
 * while playing.
 */

/** Session ids: 16 lowercase hex characters (64 random bits). */
export const REPLAY_ID_PATTERN = /^[a-f0-9]{16}$/;
/** Fastest numeric speed (× real time); `max` plays as fast as the core's per-session budget allows. */
export const REPLAY_SPEED_MAX = 1_000;
/** Longest range one session may replay: a week of market time. */
export const REPLAY_RANGE_MS_MAX = 7 * 86_400_000;
/** Sessions one user may hold at once, and sessions one core holds at once. */
export const REPLAY_SESSIONS_PER_USER_MAX = 3;
export const REPLAY_SESSIONS_MAX = 32;
/** The status channel of a replay (besides the market channels). */
export const REPLAY_CHANNEL = 'replay';

export const replayIdSchema = z.string().regex(REPLAY_ID_PATTERN, 'a replay id is 16 hex characters');
export const replaySpeedSchema = z.union([z.literal('max'), z.number().int().min(1).max(REPLAY_SPEED_MAX)]);
export type ReplaySpeed = z.infer<typeof replaySpeedSchema>;

/** Start a session: `symbol` over `[fromMs, toMs)` (epoch ms, UTC), `paused` to wait for `play`. */
export const replayStartSchema = z
  .object({
    symbol: z.string().regex(SYMBOL_PATTERN, 'a symbol like BTC-USD'),
    fromMs: z.number().int().min(0),
    toMs: z.number().int().min(0),
    speed: replaySpeedSchema,
    paused: z.boolean().optional(),
  })
  .strict();
export type ReplayStartRequest = z.infer<typeof replayStartSchema>;

export const replayControlSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('play'), id: replayIdSchema }).strict(),
  z.object({ action: z.literal('pause'), id: replayIdSchema }).strict(),
  z.object({ action: z.literal('speed'), id: replayIdSchema, speed: replaySpeedSchema }).strict(),
  z.object({ action: z.literal('seek'), id: replayIdSchema, positionMs: z.number().int().min(0) }).strict(),
  z.object({ action: z.literal('stop'), id: replayIdSchema }).strict(),
]);
export type ReplayControlRequest = z.infer<typeof replayControlSchema>;

export type ReplayState = 'playing' | 'paused' | 'ended' | 'stopped';

/** A session as its owner sees it. `positionMs` is the market time played up to. */
export type ReplayView = {
  id: string;
  symbol: string;
  /** `<symbol>@<id>`: the symbol of this session's topics and frames. */
  replaySymbol: string;
  fromMs: number;
  toMs: number;
  speed: ReplaySpeed;
  state: ReplayState;
  positionMs: number;
  /** Trades, quotes and bars published so far (since the start or the last seek). */
  events: number;
};

/** `replay.<SYM>@<id>`: the session's status, on every change and ~2/s while playing. */
export type ReplayStatusFrame = Omit<ReplayView, 'symbol' | 'replaySymbol'> & {
  type: 'replay';
  /** The replay symbol (`<symbol>@<id>`), like every frame of the session. */
  symbol: string;
  seq: number;
};

/** The closed set of replay refusals; each maps to one HTTP status and one tRPC code at the edge. */
export const REPLAY_ERROR_CODES = [
  'REPLAY_INVALID',
  'REPLAY_UNKNOWN_SYMBOL',
  'REPLAY_BAD_RANGE',
  'REPLAY_RANGE_TOO_LARGE',
  'REPLAY_BAD_SPEED',
  'REPLAY_NO_DATA',
  'REPLAY_NOT_FOUND',
  'REPLAY_TOO_MANY',
  'REPLAY_AUTH_REQUIRED',
  'REPLAY_UNAVAILABLE',
] as const;
export type ReplayErrorCode = (typeof REPLAY_ERROR_CODES)[number];

export type ReplayAnswer =
  | { ok: true; replay: ReplayView }
  | { ok: true; replays: ReplayView[] }
  | { ok: false; code: ReplayErrorCode; message: string };

export function httpStatusOfReplayError(code: ReplayErrorCode): number {
  switch (code) {
    case 'REPLAY_NOT_FOUND':
      return 404;
    case 'REPLAY_AUTH_REQUIRED':
      return 401;
    case 'REPLAY_TOO_MANY':
      return 429;
    case 'REPLAY_UNAVAILABLE':
      return 503;
    case 'REPLAY_NO_DATA':
      return 422;
    default:
      return 400;
  }
}

/**
 * Core's replay API. REST for scripts (`authorization: Bearer <access token>`):
 *   POST /v1/replays            ReplayStartRequest      → {ok, replay}
 *   GET  /v1/replays                                    → {ok, replays} (own sessions)
 *   POST /v1/replays/control    ReplayControlRequest    → {ok, replay}
 * Internal for edge (service token, body + `userId`): the same three as POSTs.
 */
export const REPLAY_REST_PATHS = {
  start: '/v1/replays',
  list: '/v1/replays',
  control: '/v1/replays/control',
} as const;
export const REPLAY_INTERNAL_PATHS = {
  start: '/internal/v1/replays/start',
  list: '/internal/v1/replays/list',
  control: '/internal/v1/replays/control',
} as const;

export function replaySymbolOf(symbol: string, id: string): string {
  return `${symbol}@${id}`;
}

/** `BTC-USD@<id>` → its parts; undefined for anything else (a live symbol included). */
export function parseReplaySymbol(s: string): { symbol: string; id: string } | undefined {
  const at = s.indexOf('@');
  if (at < 0) return undefined;
  const symbol = s.slice(0, at);
  const id = s.slice(at + 1);
  return SYMBOL_PATTERN.test(symbol) && REPLAY_ID_PATTERN.test(id) ? { symbol, id } : undefined;
}

/** The topics a viewer of a session subscribes to. */
export function replayTopicsOf(replaySymbol: string): string[] {
  return ['trades', 'bbo', 'bars1s', REPLAY_CHANNEL].map((c) => `${c}.${replaySymbol}`);
}
