import { REPLAY_INTERNAL_PATHS, type ReplayView } from '@tradewind/shared/protocol';
import type { CoreClient } from '../../core-client/index';
import { fail } from '../../errors';
import { isReplayErrorCode } from './errors';

type Answer = { ok?: unknown; code?: unknown; message?: unknown; replay?: unknown; replays?: unknown };

/** One call to core's replay API for the signed-in user; a refusal becomes its typed EdgeError. */
export async function forwardReplay(
  core: CoreClient | null,
  userId: string,
  call: keyof typeof REPLAY_INTERNAL_PATHS,
  request: object,
): Promise<Answer> {
  if (!core) fail('REPLAY_UNAVAILABLE');
  const reply = await core.post(REPLAY_INTERNAL_PATHS[call], { ...request, userId });
  if (!reply.ok) fail('REPLAY_UNAVAILABLE');
  const answer = reply.body as Answer | null;
  if (answer?.ok === true) return answer;
  if (answer?.ok === false && isReplayErrorCode(answer.code)) {
    fail(answer.code, typeof answer.message === 'string' ? answer.message : undefined);
  }
  // Core answered outside the contract: a bug on one side, never the user's fault.
  throw new Error(`core answered replay ${call} with an unexpected body (HTTP ${reply.status})`);
}

/** Only the contract's fields travel on. */
export function viewOf(v: unknown): ReplayView {
  const r = v as ReplayView;
  return {
    id: String(r.id),
    symbol: String(r.symbol),
    replaySymbol: String(r.replaySymbol),
    fromMs: Number(r.fromMs),
    toMs: Number(r.toMs),
    speed: r.speed === 'max' ? 'max' : Number(r.speed),
    state: r.state,
    positionMs: Number(r.positionMs),
    events: Number(r.events),
  };
}
