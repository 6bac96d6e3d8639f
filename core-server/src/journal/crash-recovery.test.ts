import { createTestDatabase } from '@tradewind/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type ChildCore, startChildCore } from '../test-support/child-core';
import { crashEngine } from '../test-support/crash-engine';
import { createTrader, type TestTrader } from '../test-support/trading-users';
import { decodeCommand } from './command-codec';
import { readCommands, recoverState } from './index';

/**
 * THE CRASH TEST (RELIABILITY R1, R2): a core in a child process takes orders over the WebSocket
 * and is killed with SIGKILL at seeded random moments; after each restart every acknowledged
 * order and fill must be there, cash must reconcile to the minor unit, and the state hash must
 * equal an uninterrupted replay of the journal.
 */
const SEED = Number(process.env.CRASH_SEED ?? 20261124);
const KILLS = 4;
const TRADERS = 3;
/** Requests in flight per socket (pipelined, like a busy client). */
const WINDOW = 24;
const FINAL_ROUND_ORDERS = 600;
/** A round that reaches no kill point in this long is a failure (a stalled core), not a wait. */
const KILL_WAIT_MS_MAX = 20_000;

function waitFor(done: () => boolean, timeoutMs: number): Promise<void> {
  const startMs = Date.now();
  return new Promise((resolve, reject) => {
    const poll = () => {
      if (done()) resolve();
      else if (Date.now() - startMs > timeoutMs) reject(new Error(`no progress in ${timeoutMs} ms (seed ${SEED})`));
      else setTimeout(poll, 2);
    };
    poll();
  });
}
const journalHead = async (): Promise<bigint> =>
  BigInt(
    (await db.sql<{ seq: string }[]>`select coalesce(max(seq), 0)::text as seq from journal_commands`)[0]?.seq ?? '0',
  );

const INITIAL_CASH_MINOR = 1_000_000_000_00n;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Sent = {
  kind: 'place' | 'cancel';
  trader: TestTrader;
  clientOrderId?: string;
  orderId?: string;
  market?: boolean;
};

/** What the clients saw acknowledged: the truth the journal must contain after any crash. */
class Ledger {
  readonly placed = new Map<string, { orderId: string; status: string; accountId: string }>();
  readonly cancelled = new Set<string>();
  readonly resting = new Map<string, string[]>();
  readonly rejects = new Map<string, number>();
  acks = 0;
}

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let traders: TestTrader[];
beforeAll(async () => {
  db = await createTestDatabase();
  traders = [];
  for (let i = 0; i < TRADERS; i += 1) traders.push(await createTrader(db, INITIAL_CASH_MINOR));
});
afterAll(async () => {
  await db?.close();
});

function nextRequest(rng: () => number, trader: TestTrader, ledger: Ledger, n: number): { msg: object; sent: Sent } {
  const resting = ledger.resting.get(trader.accountId) ?? [];
  const r = rng();
  const id = `${SEED}-${n}`;
  if (r < 0.2 && resting.length > 0) {
    const orderId = resting.splice(Math.floor(rng() * resting.length), 1)[0] as string;
    return {
      msg: { op: 'cancel', id, accountId: trader.accountId, orderId },
      sent: { kind: 'cancel', trader, orderId },
    };
  }
  const market = r < 0.5;
  const side = r > 0.9 ? 'sell' : 'buy';
  const quantity = String(1 + Math.floor(rng() * 3));
  const order = market
    ? { symbol: 'BTC-USD', side: 'buy', type: 'market', quantity, clientOrderId: id }
    : {
        symbol: 'BTC-USD',
        side,
        type: 'limit',
        quantity,
        clientOrderId: id,
        price: side === 'buy' ? `${96_480 - Math.floor(rng() * 20)}.00` : '96510.00',
      };
  return {
    msg: { op: 'place', id, accountId: trader.accountId, place: { kind: 'single', order } },
    sent: { kind: 'place', trader, clientOrderId: id, market },
  };
}

function record(
  ledger: Ledger,
  sent: Sent,
  frame: { type: string; orderId?: string; status?: string; code?: string },
): void {
  if (frame.type === 'reject') ledger.rejects.set(frame.code ?? '', (ledger.rejects.get(frame.code ?? '') ?? 0) + 1);
  if (frame.type !== 'ack') return;
  ledger.acks += 1;
  if (sent.kind === 'cancel' && sent.orderId !== undefined) ledger.cancelled.add(sent.orderId);
  if (sent.kind === 'place' && sent.clientOrderId !== undefined && frame.orderId !== undefined) {
    ledger.placed.set(sent.clientOrderId, {
      orderId: frame.orderId,
      status: frame.status ?? '',
      accountId: sent.trader.accountId,
    });
    if (frame.status === 'accepted' && !sent.market) {
      const list = ledger.resting.get(sent.trader.accountId) ?? [];
      list.push(frame.orderId);
      ledger.resting.set(sent.trader.accountId, list);
    }
  }
}

/** Drives one socket per trader until `stop()` says so or the socket dies; resolves when all are done. */
async function driveRound(child: ChildCore, rng: () => number, ledger: Ledger, budget: number, counter: { n: number }) {
  const nowS = Math.floor(Date.now() / 1000);
  const runs = traders.map(async (trader) => {
    const ws = new WebSocket(`ws://127.0.0.1:${child.port}/v1/ws`, { headers: { origin: 'http://127.0.0.1:8080' } });
    await new Promise((res, rej) => {
      ws.once('open', res);
      ws.once('error', rej);
    });
    const inflight = new Map<string, Sent>();
    let sentCount = 0;
    const pump = () => {
      while (inflight.size < WINDOW && sentCount < budget && ws.readyState === WebSocket.OPEN) {
        const { msg, sent } = nextRequest(rng, trader, ledger, counter.n++);
        inflight.set((msg as { id: string }).id, sent);
        sentCount += 1;
        ws.send(JSON.stringify(msg));
      }
    };
    return new Promise<void>((resolve) => {
      ws.on('message', (data) => {
        const f = JSON.parse(String(data)) as { type: string; id?: string; orderId?: string; status?: string };
        if (f.type === 'authed') pump();
        const sent = f.id === undefined ? undefined : inflight.get(f.id);
        if (sent === undefined || f.id === undefined) return;
        inflight.delete(f.id);
        record(ledger, sent, f);
        pump();
        if (inflight.size === 0 && sentCount >= budget) ws.close();
      });
      ws.on('close', () => resolve());
      ws.on('error', () => resolve());
      trader.token(nowS).then((token) => ws.send(JSON.stringify({ op: 'auth', id: 'auth', token })));
    });
  });
  await Promise.all(runs);
}

/**
 * Run on a recovered core: acks are sent once the journal has the command and the query tables
 * follow, so a kill can leave them behind the journal until recovery re-projects it.
 */
async function checkAcknowledged(ledger: Ledger, killedAtSeq: bigint): Promise<void> {
  const [w] = await db.sql<{ projected: string }[]>`select seq::text as projected from journal_projection`;
  expect(BigInt(w?.projected ?? '0'), 'recovery re-projected the journal up to the kill').toBeGreaterThanOrEqual(
    killedAtSeq,
  );
  const rows = await db.sql<{ order_id: string; client_order_id: string; status: string; account_id: string }[]>`
    select order_id::text, client_order_id, status, account_id::text from orders`;
  const byClient = new Map(rows.map((r) => [r.client_order_id, r]));
  for (const [clientOrderId, ack] of ledger.placed) {
    const row = byClient.get(clientOrderId);
    expect(row, `acknowledged order ${clientOrderId} lost (seed ${SEED})`).toBeDefined();
    expect(row?.order_id).toBe(ack.orderId);
    expect(row?.account_id).toBe(ack.accountId);
    if (ack.status === 'filled') expect(row?.status).toBe('filled');
  }
  const statuses = new Map(rows.map((r) => [r.order_id, r.status]));
  for (const orderId of ledger.cancelled) expect(['cancelled', 'filled']).toContain(statuses.get(orderId));
  const accepted = await db.sql<{ order_id: string; n: number }[]>`
    select payload->'order'->>'orderId' as order_id, count(*)::int as n from outbox
    where type = 'order.accepted' group by 1`;
  const acceptedOnce = new Map(accepted.map((r) => [r.order_id, r.n]));
  for (const ack of ledger.placed.values()) {
    expect(acceptedOnce.get(ack.orderId), `order.accepted of ${ack.orderId} in the outbox once`).toBe(1);
  }
  const filled = await db.sql<{ n: number; bad: number }[]>`
    select count(*)::int as n, count(*) filter (where o.filled_quantity <> coalesce(f.q, 0))::int as bad
    from orders o left join (select order_id, sum(quantity) q from fills group by order_id) f using (order_id)`;
  expect(filled[0]?.bad, 'filled quantity of an order equals the sum of its fills').toBe(0);
}

/** Cash = initial − buys + sells − fees, exactly (numeric in PostgreSQL), and equal to the engine's ledger. */
async function checkCashReconciles(): Promise<void> {
  for (const t of traders) {
    const rows = await db.sql<{ from_fills: string; balance: string; pos: string; qty: string; n: number }[]>`
      select (${INITIAL_CASH_MINOR.toString()}::numeric / 100
              - coalesce(sum(case when f.side = 'buy' then f.price * f.quantity else -f.price * f.quantity end), 0)
              - coalesce(sum(f.fee), 0))::text as from_fills,
             (select balance::text from balances b where b.account_id = ${t.accountId}) as balance,
             coalesce((select quantity::text from positions p where p.account_id = ${t.accountId}), '0') as pos,
             coalesce(sum(case when f.side = 'buy' then f.quantity else -f.quantity end), 0)::text as qty,
             count(*)::int as n
      from fills f where f.account_id = ${t.accountId}`;
    const r = rows[0];
    expect(r?.n, 'the run produced fills').toBeGreaterThan(0);
    const equal = await db.sql`select ${r?.from_fills ?? ''}::numeric = ${r?.balance ?? ''}::numeric as eq,
      ${r?.pos ?? ''}::numeric = ${r?.qty ?? ''}::numeric as pos_eq`;
    expect(equal[0], `cash ${r?.balance} vs fills ${r?.from_fills}; position ${r?.pos} vs ${r?.qty}`).toEqual({
      eq: true,
      pos_eq: true,
    });
  }
  const dup = await db.sql`select trade_id, account_id from fills group by trade_id, account_id having count(*) > 1`;
  expect(dup.length, 'no fill duplicated').toBe(0);
}

async function fullReplayHash(): Promise<string> {
  const engine = crashEngine();
  const state = engine.initialState();
  let seq = 0n;
  for (;;) {
    const rows = await readCommands(db.sql, seq, 10_000);
    for (const row of rows) {
      expect(row.seq).toBe(seq + 1n);
      engine.apply(state, decodeCommand(row.command));
      seq = row.seq;
    }
    if (rows.length < 10_000) break;
  }
  engine.validate(state);
  return engine.stateHash(state);
}

describe('crash durability', () => {
  it(`every acknowledged order and fill survives SIGKILL at random moments (seed ${SEED})`, async () => {
    process.stderr.write(`crash test seed ${SEED} (CRASH_SEED=${SEED} replays the kill schedule)\n`);
    const rng = mulberry32(SEED);
    const ledger = new Ledger();
    const counter = { n: 0 };
    let killedAtSeq = 0n;
    for (let kill = 0; kill < KILLS; kill += 1) {
      const child = await startChildCore(db.url, { SNAPSHOT_EVERY: '250' });
      // The acks of the round before the kill, on the recovered (re-projected) database.
      if (kill > 0) await checkAcknowledged(ledger, killedAtSeq);
      // The kill comes after a seeded random number of acks (a moment in the run that a loaded machine
      // does not move), with requests still in flight on every socket.
      const killAfterAcks = ledger.acks + 150 + Math.floor(rng() * 500);
      const round = driveRound(child, rng, ledger, 1_000_000, counter);
      await waitFor(() => ledger.acks >= killAfterAcks, KILL_WAIT_MS_MAX);
      await child.kill();
      killedAtSeq = await journalHead();
      await round;
    }
    const child = await startChildCore(db.url, { SNAPSHOT_EVERY: '250' });
    await checkAcknowledged(ledger, killedAtSeq);
    await driveRound(child, rng, ledger, FINAL_ROUND_ORDERS / TRADERS, counter);
    const live = await child.hash();
    await child.kill();
    process.stderr.write(
      `crash test: ${ledger.acks} acks, ${ledger.placed.size} orders, ${ledger.cancelled.size} cancels, journal seq ${live.seq}\n`,
    );
    expect(ledger.acks).toBeGreaterThan(1_000);
    const replayed = await fullReplayHash();
    expect(live.hash, 'live state = uninterrupted replay of the journal').toBe(replayed);
    const recovered = await recoverState(db.sql, crashEngine());
    expect(recovered.snapshotSeq).toBeGreaterThan(0n);
    expect(crashEngine().stateHash(recovered.state)).toBe(replayed);
    // The projection of the last acks may have died with the process: one more recovery re-projects it.
    const killedLast = await journalHead();
    const last = await startChildCore(db.url, { SNAPSHOT_EVERY: '250' });
    await last.kill();
    await checkAcknowledged(ledger, killedLast);
    await checkCashReconciles();
  }, 90_000);
});
