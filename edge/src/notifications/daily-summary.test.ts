import type { DbHandle, Sql } from '@tradewind/db';
import { createTestDatabase } from '@tradewind/db/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { localDateOf, previousLocalDay, runDailySummary } from './daily-summary';
import { defaultSettings, saveSettings } from './settings';
import { insertUser } from './testing/fixtures';

const HOUR_MS = 3_600_000;
const at = (iso: string) => Date.parse(iso);
const day = (now: string, zone: string) => {
  const d = previousLocalDay(at(now), zone);
  return [d.date, new Date(d.startMs).toISOString(), (d.endMs - d.startMs) / HOUR_MS];
};

test('the previous local day: its date, its first instant (Intl) and its length across DST changes', () => {
  // Worked out from the zones' rules: London goes BST→GMT at 01:00 UTC on 25 Oct 2026 and
  // GMT→BST at 01:00 UTC on 29 Mar; New York EST→EDT at 07:00 UTC on 8 Mar; Chile skips
  // midnight on 6 Sep (00:00 → 01:00, UTC−4 → UTC−3), so that day starts at 01:00 local.
  expect(day('2026-10-26T00:05:00Z', 'Europe/London')).toEqual(['2026-10-25', '2026-10-24T23:00:00.000Z', 25]);
  expect(day('2026-03-30T00:05:00Z', 'Europe/London')).toEqual(['2026-03-29', '2026-03-29T00:00:00.000Z', 23]);
  expect(day('2026-03-09T12:00:00Z', 'America/New_York')).toEqual(['2026-03-08', '2026-03-08T05:00:00.000Z', 23]);
  expect(day('2026-09-07T12:00:00Z', 'America/Santiago')).toEqual(['2026-09-06', '2026-09-06T04:00:00.000Z', 23]);
  expect(day('2026-11-25T00:00:00Z', 'Asia/Kolkata')).toEqual(['2026-11-24', '2026-11-23T18:30:00.000Z', 24]);
  expect(day('2026-11-24T12:00:00Z', 'UTC')).toEqual(['2026-11-23', '2026-11-23T00:00:00.000Z', 24]);
  // The same instant is a different local day east and west of UTC.
  expect(day('2026-11-24T10:00:00Z', 'Pacific/Kiritimati')[0]).toBe('2026-11-24'); // 00:00 on the 25th there
  expect(day('2026-11-24T10:00:00Z', 'Pacific/Pago_Pago')[0]).toBe('2026-11-22');
});

test.each(['Europe/London', 'America/New_York', 'Australia/Sydney', 'Asia/Tokyo'])(
  'every day of 2026 in %s: days tile time (each starts where the last ended, on its own local date), one 23 h and one 25 h day where DST applies',
  (zone) => {
    const lengths: number[] = [];
    let previousEnd: number | null = null;
    for (let ms = at('2026-01-02T12:00:00Z'); ms < at('2027-01-01T12:00:00Z'); ms += 24 * HOUR_MS) {
      const d = previousLocalDay(ms, zone);
      if (previousEnd !== null && d.startMs !== previousEnd) continue; // a zone far from UTC: same day twice
      expect(localDateOf(d.startMs, zone)).toBe(d.date);
      expect(localDateOf(d.startMs - 1, zone) < d.date).toBe(true);
      expect(localDateOf(d.endMs - 1, zone)).toBe(d.date);
      lengths.push((d.endMs - d.startMs) / HOUR_MS);
      previousEnd = d.endMs;
    }
    const dst = zone !== 'Asia/Tokyo';
    expect(lengths.filter((h) => h === 23)).toHaveLength(dst ? 1 : 0);
    expect(lengths.filter((h) => h === 25)).toHaveLength(dst ? 1 : 0);
    expect(lengths.every((h) => h === 23 || h === 24 || h === 25)).toBe(true);
  },
);

let db: DbHandle;
let sql: Sql;
beforeAll(async () => {
  db = await createTestDatabase();
  sql = db.sql;
});
afterAll(async () => {
  await db.close();
});

async function notify(userId: string, kind: string, iso: string) {
  await sql`insert into notifications (user_id, dedupe_key, kind, title, body, url, created_at)
    values (${userId}, ${`seed:${iso}:${kind}`}, ${kind}, 't', 'b', '#/orders', ${iso})`;
}

async function summariesOf(userId: string) {
  return sql<{ title: string; body: string }[]>`
    select title, body from notifications where user_id = ${userId} and kind = 'daily_summary' order by id`;
}

test("the summary covers the user's local day (a 25-hour one in London), once, made after their local midnight", async () => {
  const london = await insertUser(sql);
  await saveSettings(sql, london, { ...defaultSettings(), timeZone: 'Europe/London' }, at('2026-10-01T00:00:00Z'));
  const utcUser = await insertUser(sql); // no settings: UTC
  await notify(london, 'order.filled', '2026-10-24T22:59:59.999Z'); // 23:59 BST on the 24th: the day before
  await notify(london, 'order.filled', '2026-10-24T23:00:00.000Z'); // 00:00 BST on the 25th: first instant
  await notify(london, 'order.cancelled', '2026-10-25T01:30:00.000Z'); // 01:30 GMT, after the fall-back
  await notify(london, 'order.filled', '2026-10-25T23:59:59.999Z'); // 23:59 GMT on the 25th: last instant
  await notify(london, 'order.filled', '2026-10-26T00:00:00.000Z'); // the 26th
  await notify(utcUser, 'order.filled', '2026-10-24T23:30:00.000Z'); // the 24th in UTC

  // 23:30 UTC on the 25th: the 25th has not ended in London (GMT) yet; the 24th has, everywhere.
  expect(await runDailySummary(sql, at('2026-10-25T23:30:00Z'))).toBe(2);
  expect(await summariesOf(london)).toEqual([{ title: 'Your day: 2026-10-24', body: '1 × order filled' }]);
  expect(await summariesOf(utcUser)).toEqual([{ title: 'Your day: 2026-10-24', body: '1 × order filled' }]);

  // Just after local midnight: the 25th, all 25 hours of it; any number of runs make it once.
  expect(await runDailySummary(sql, at('2026-10-26T00:00:30Z'))).toBe(1);
  expect(await runDailySummary(sql, at('2026-10-26T00:15:30Z'))).toBe(0);
  expect(await runDailySummary(sql, at('2026-10-26T12:00:00Z'))).toBe(0);
  expect((await summariesOf(london)).at(-1)).toEqual({
    title: 'Your day: 2026-10-25',
    body: '2 × order filled, 1 × order cancelled',
  });
});

test('users in different zones get their own day from the same run; a user east of UTC is summarised first', async () => {
  const tokyo = await insertUser(sql);
  await saveSettings(sql, tokyo, { ...defaultSettings(), timeZone: 'Asia/Tokyo' }, at('2026-11-01T00:00:00Z'));
  const newYork = await insertUser(sql);
  await saveSettings(sql, newYork, { ...defaultSettings(), timeZone: 'America/New_York' }, at('2026-11-01T00:00:00Z'));
  await notify(tokyo, 'order.filled', '2026-11-10T14:59:00Z'); // 23:59 on the 10th in Tokyo
  await notify(newYork, 'order.filled', '2026-11-10T14:59:00Z'); // 09:59 on the 10th in New York
  expect(await runDailySummary(sql, at('2026-11-10T15:01:00Z'))).toBe(1); // Tokyo's 10th has ended
  expect(await summariesOf(tokyo)).toEqual([{ title: 'Your day: 2026-11-10', body: '1 × order filled' }]);
  expect(await summariesOf(newYork)).toEqual([]);
  expect(await runDailySummary(sql, at('2026-11-11T05:01:00Z'))).toBe(1); // 00:01 on the 11th in New York
  expect(await summariesOf(newYork)).toEqual([{ title: 'Your day: 2026-11-10', body: '1 × order filled' }]);
});
