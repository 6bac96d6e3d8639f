import { createTestDatabase } from '@tradewind/db/testing';
import { INSTRUMENTS } from '@tradewind/shared';
import { type Command, createEngine, type EngineState, fnv1a64 } from '@tradewind/shared/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCommand, recoverState, writeSnapshot } from './index';
import { appendCommands } from './journal-store';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

const engine = createEngine({ instruments: INSTRUMENTS });
const place = (timeMs: number, clientOrderId: string): Command => ({
  type: 'PlaceOrder',
  timeMs,
  accountId: 'a1',
  order: { clientOrderId, symbol: 'BTC-USD', side: 'buy', orderType: 'limit', priceTicks: 9_000_000, qtyLots: 1 },
});

/** The snapshot text version 1 wrote for `state`: every client id ever used, no window limits. */
function v1Text(state: EngineState, clientIds: [string, number][]): string {
  const snap = JSON.parse(JSON.stringify(engine.snapshot(state))) as Record<string, unknown>;
  snap.version = 1;
  for (const a of snap.accounts as Record<string, unknown>[]) {
    const limits = a.limits as Record<string, unknown>;
    delete limits.clientIdWindow;
    delete limits.clientIdWindowMs;
    a.clientIds = clientIds;
    delete a.clientIdsEnded;
  }
  return JSON.stringify(snap);
}

describe('recovery from a snapshot of an older format', () => {
  it('checks a version 1 snapshot by the hash of its text, upgrades it and replays the rest', async () => {
    const state = engine.initialState();
    const setup: Command[] = [
      { type: 'OpenAccount', timeMs: 1, accountId: 'a1', kind: 'cash' },
      { type: 'Deposit', timeMs: 1, accountId: 'a1', currency: 'USD', amountMinor: 10n ** 9n },
      place(2, 'first'),
    ];
    for (const c of setup) engine.apply(state, c);
    const text = v1Text(state, [['first', 1]]);
    await writeSnapshot(db.sql, { seq: 3n, stateHash: fnv1a64(text), snapshot: text });
    const rest = [place(3, 'first'), place(3, 'second')];
    const rows = rest.map((c, i) => ({ seq: BigInt(4 + i), timeMs: c.timeMs, command: encodeCommand(c) }));
    await appendCommands(db.sql, rows);

    const recovered = await recoverState(db.sql, engine);
    for (const c of rest) engine.apply(state, c);
    // The duplicate 'first' was refused after recovery as in one run; 'second' rests beside it.
    expect(recovered.state.orders.keys()).toEqual([1, 2]);
    expect(engine.stateHash(recovered.state)).toBe(engine.stateHash(state));
    expect([recovered.snapshotSeq, recovered.lastSeq, recovered.replayed]).toEqual([3n, 5n, 2]);

    await writeSnapshot(db.sql, { seq: 6n, stateHash: fnv1a64(text), snapshot: `${text} ` });
    await expect(recoverState(db.sql, engine)).rejects.toThrow(/snapshot 6 restores to hash/);
  });
});
