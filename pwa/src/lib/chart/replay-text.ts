import type { ReplaySpeed, ReplayStatusFrame, ReplayView } from '@tradewind/shared/protocol';

/** The speeds the replay panel offers (core takes any of 1…1000 or max). */
export const REPLAY_SPEED_CHOICES: readonly ReplaySpeed[] = [1, 10, 60, 'max'];

export function speedLabel(speed: ReplaySpeed): string {
  return speed === 'max' ? 'Max' : `${speed}×`;
}

/** `1`, `10`, `max` from a form or a button; anything else is not a speed we offer. */
export function parseSpeed(text: string): ReplaySpeed | null {
  return REPLAY_SPEED_CHOICES.find((s) => String(s) === text) ?? null;
}

/** How far through its range a replay is, 0…1. */
export function progressOf(s: Pick<ReplayStatusFrame, 'fromMs' | 'toMs' | 'positionMs'>): number {
  if (s.toMs <= s.fromMs) return 1;
  return Math.min(1, Math.max(0, (s.positionMs - s.fromMs) / (s.toMs - s.fromMs)));
}

/** `2026-11-20 09:30:05 UTC`: replays are days in UTC, so times are shown in UTC too. */
export function replayTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** A view from edge in the shape of the session's status frames (the screen reads one shape). */
export function statusOfView(v: ReplayView): ReplayStatusFrame {
  return {
    type: 'replay',
    symbol: v.replaySymbol,
    seq: 0,
    id: v.id,
    fromMs: v.fromMs,
    toMs: v.toMs,
    speed: v.speed,
    state: v.state,
    positionMs: v.positionMs,
    events: v.events,
  };
}
