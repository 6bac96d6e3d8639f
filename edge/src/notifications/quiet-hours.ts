import { assert } from '@tradewind/shared';

const MINUTE_MS = 60_000;
export const MINUTES_PER_DAY = 24 * 60;

export type QuietHours = { readonly startMin: number; readonly endMin: number; readonly timeZone: string };

/** True when the IANA zone is one this runtime knows (validated once, at the door). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Minutes after local midnight in `timeZone` at the instant `nowMs`. */
export function localMinutes(nowMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(nowMs));
  const hour = Number(parts.find((p) => p.type === 'hour')?.value);
  const minute = Number(parts.find((p) => p.type === 'minute')?.value);
  assert(Number.isInteger(hour) && Number.isInteger(minute), `no local time for ${timeZone}`);
  return hour * 60 + minute;
}

/**
 * How long until quiet hours end (0 when not inside them). Windows may wrap midnight
 * (22:00–07:00). Measured in local wall-clock minutes: on a DST change night the end can
 * be off by the shift, which delays a non-urgent message by at most an hour.
 */
export function quietDelayMs(quiet: QuietHours | null, nowMs: number): number {
  if (quiet === null || quiet.startMin === quiet.endMin) return 0;
  const now = localMinutes(nowMs, quiet.timeZone);
  const { startMin, endMin } = quiet;
  const inside = startMin < endMin ? now >= startMin && now < endMin : now >= startMin || now < endMin;
  if (!inside) return 0;
  const minutesLeft = (endMin - now + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  // Round to the start of the end minute: the seconds already passed in this minute count.
  const secondsIntoMinute = Math.floor(nowMs / 1000) % 60;
  return minutesLeft * MINUTE_MS - secondsIntoMinute * 1000;
}
