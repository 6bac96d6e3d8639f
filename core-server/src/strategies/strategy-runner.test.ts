import type { DbHandle } from '@tradewind/db';
import { createTestDatabase } from '@tradewind/db/testing';
import { STRATEGY_INTERNAL_PATHS } from '@tradewind/shared/protocol';
import { BUILTIN_STRATEGIES, type StrategyDefinition } from '@tradewind/shared/strategies';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { CoreConfig } from '../config';
import { type CoreHandle, startCore } from '../core';
import { metricValue, TEST_ORIGIN } from '../test-support/test-core';
import { createTrader, type TestTrader } from '../test-support/trading-users';
import { COMMANDS_PER_CALLBACK_MAX, DEPLOYMENTS_RUNNING_PER_USER_MAX } from './limits';

/** Misbehaving strategies, deployable in this test core only. */
const misbehaving: StrategyDefinition[] = [
  {
    id: 'thrower',
    name: 'Throws on its third bar',
    description: '',
    params: z.object({}).strict(),
    create: () => {
      let bars = 0;
      return {
        onBar() {
          bars += 1;
          if (bars === 3) throw new Error('boom on bar 3');
        },
      };
    },
  },
  {
    id: 'flood',
    name: 'Too many orders at once',
    description: '',
    params: z.object({}).strict(),
    create: (_p, ctx) => ({
      onBar(bar) {
        for (let i = 0; i <= COMMANDS_PER_CALLBACK_MAX; i++) ctx.limitBuy(bar.symbol, 1, 100);
      },
    }),
  },
  {
    id: 'slow',
    name: 'Busy for 80 ms per bar',
    description: '',
    params: z.object({}).strict(),
    create: () => ({
      onBar() {
        const until = performance.now() + 80;
        while (performance.now() < until) {
          // a strategy stuck in a loop: measured and failed, never waited for again
        }
      },
    }),
  },
];
/** Slow on its first bar only: a hiccup (a GC pause, a loaded machine), not a stuck strategy. */
let hiccupBars = 0;
misbehaving.push({
  id: 'hiccup',
  name: 'Busy for 80 ms on its first bar',
  description: '',
  params: z.object({}).strict(),
  create: () => ({
    onBar() {
      hiccupBars += 1;
      if (hiccupBars > 1) return;
      const until = performance.now() + 80;
      while (performance.now() < until) {
        // one slow callback
      }
    },
  }),
});
const DEFINITIONS = new Map<string, StrategyDefinition>([
  ...BUILTIN_STRATEGIES,
  ...misbehaving.map((d) => [d.id, d] as const),
]);
const SERVICE_TOKEN = 'strategy-runner-test-token-0123';

let db: DbHandle;
let core: CoreHandle;
let alice: TestTrader;
let bob: TestTrader;

function config(): CoreConfig {
  return {
    databaseUrl: db.url,
    host: '127.0.0.1',
    port: 0,
    allowedOrigins: [TEST_ORIGIN],
    simSeed: 5,
    simTicksPerSecond: 4,
    simAgentRate: 20,
    simSymbols: ['BTC-USD', 'ETH-USD'],
    mdRetentionDays: 0,
    serviceToken: SERVICE_TOKEN,
    logLevel: 'silent',
  };
}
const start = () =>
  startCore(config(), { logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }), strategies: DEFINITIONS });

async function until<T>(what: string, f: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await f();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const deployment = async (id: string) =>
  (await db.sql`select status, reason, runs, account_id from strategy_deployments where id = ${id}`)[0];
const taggedFills = async (id: string) =>
  db.sql`select client_order_id, side, quantity::text from fills where deployment_id = ${id} order by ts`;
const openTagged = async (id: string) =>
  db.sql`select order_id from orders where deployment_id = ${id} and status in ('accepted', 'partially_filled')`;

async function deploy(trader: TestTrader, req: Record<string, unknown>) {
  const answer = await core.strategies.deploy(trader.userId, {
    accountId: trader.accountId,
    params: {},
    symbols: ['BTC-USD'],
    interval: '1s',
    ...req,
  } as never);
  if (!answer.ok) throw new Error(`${answer.code}: ${answer.message}`);
  return answer.deployment;
}

beforeAll(async () => {
  db = await createTestDatabase();
  alice = await createTrader(db, 1_000_000_00n);
  bob = await createTrader(db, 1_000_000_00n);
  core = await start();
});
afterAll(async () => {
  await core?.close();
  await db?.close();
});

describe('live strategies in core', () => {
  it('a deployment on a sub-account: the allocation moves in, its orders are tagged, fill and pass the risk checks', async () => {
    const d = await deploy(alice, {
      strategyId: 'dca',
      params: { intervalMs: 1_000, qtyLots: 10 },
      allocation: '500.00',
    });
    expect(d).toMatchObject({ status: 'running', strategyId: 'dca' });
    expect(d.accountId).not.toBe(alice.accountId);
    const [sub] = await db.sql`select parent_id, user_id, cash_minor::text from accounts where id = ${d.accountId}`;
    expect(sub).toEqual({ parent_id: alice.accountId, user_id: alice.userId, cash_minor: '0' });
    const balance = async (id: string) =>
      (await db.sql`select balance::text from balances where account_id = ${id} and currency = 'USD'`)[0]?.balance;
    expect(await balance(alice.accountId)).toBe('999500.00');
    // 10 lots = 0.001 BTC (~96 USD) a second: a few fill, then the 500 USD run out and the
    // engine's buying-power check refuses the rest, as it would a manual order.
    const fills = await until('three DCA fills', async () => {
      const f = await taggedFills(d.id);
      return f.length >= 3 && f;
    });
    const prefix = `${d.id.replaceAll('-', '')}.1.`;
    for (const f of fills) expect(f).toMatchObject({ side: 'buy', quantity: '0.0010' });
    expect(fills.every((f) => String(f.client_order_id).startsWith(prefix))).toBe(true);
    const live = core.strategies.deployment(d.id);
    await until('a risk rejection', async () => (live?.runtime.tracker.rejections ?? 0) > 0);
    await core.trading.projected(); // the query tables follow the journal by a transaction or two
    expect(await balance(alice.accountId)).toBe('999500.00'); // the parent is untouched by the strategy
    const [spent] = await db.sql`select balance::numeric < 100 as low from balances where account_id = ${d.accountId}`;
    expect(spent?.low).toBe(true);
    expect((await core.strategies.stop(alice.userId, d.id)).ok).toBe(true);
  });

  it('stop cancels its own open orders only; a manual order on the same account stays', async () => {
    const manual = await core.trading.submit(alice.userId, {
      op: 'place',
      accountId: alice.accountId,
      place: {
        kind: 'single',
        order: { symbol: 'ETH-USD', side: 'buy', type: 'limit', quantity: '0.010', price: '3350.00' },
      },
    });
    expect(manual, JSON.stringify(manual)).toMatchObject({ ok: true });
    const d = await deploy(alice, { strategyId: 'market-maker', params: { spreadBps: 400, qtyLots: 10 } });
    const quotes = await until('the market maker quotes', async () => {
      const o = await openTagged(d.id);
      return o.length > 0 && o;
    });
    expect(quotes.length).toBeGreaterThan(0);
    const stopped = await core.strategies.stop(alice.userId, d.id);
    expect(stopped).toMatchObject({ ok: true, deployment: { status: 'stopped', reason: 'stopped by its owner' } });
    expect(await openTagged(d.id)).toEqual([]);
    expect(await deployment(d.id)).toMatchObject({ status: 'stopped', reason: 'stopped by its owner' });
    const [still] = await db.sql`select status from orders where order_id = ${(manual.ok && manual.orderId) || '0'}`;
    expect(still?.status).toBe('accepted');
    const again = await core.strategies.stop(alice.userId, d.id);
    expect(again).toMatchObject({ ok: false, code: 'STRATEGY_NOT_RUNNING' });
  });

  it('a strategy that throws is failed with the error, its owner told on the bus, and trading goes on', async () => {
    const d = await deploy(bob, { strategyId: 'thrower' });
    const row = await until('the failure', async () => {
      const r = await deployment(d.id);
      return r?.status === 'failed' && r;
    });
    expect(row.reason).toBe('onBar threw: boom on bar 3');
    const [event] =
      await db.sql`select user_id, payload from outbox where type = 'strategy.status' and user_id = ${bob.userId}`;
    expect(event?.payload).toMatchObject({
      deploymentId: d.id,
      status: 'failed',
      reason: 'onBar threw: boom on bar 3',
    });
    expect(core.strategies.deployment(d.id)).toBeUndefined();
    const metrics = await core.metrics.registry.metrics();
    expect(metricValue(metrics, 'core_strategy_stops_total', '{status="failed"}')).toBeGreaterThanOrEqual(1);
    expect(metricValue(metrics, 'core_strategies_running')).toBe(core.strategies.running);
    const manual = await core.trading.submit(bob.userId, {
      op: 'place',
      accountId: bob.accountId,
      place: { kind: 'single', order: { symbol: 'BTC-USD', side: 'buy', type: 'market', quantity: '0.0001' } },
    });
    expect(manual).toMatchObject({ ok: true, status: 'filled' });
  });

  it('a callback over its order or time budget fails its deployment', async () => {
    const flood = await deploy(bob, { strategyId: 'flood' });
    const slow = await deploy(bob, { strategyId: 'slow' });
    const failed = async (id: string) => {
      const r = await deployment(id);
      return r?.status === 'failed' && String(r.reason);
    };
    expect(await until('flood fails', () => failed(flood.id))).toBe(
      `a callback decided ${COMMANDS_PER_CALLBACK_MAX + 1} commands (at most ${COMMANDS_PER_CALLBACK_MAX})`,
    );
    expect(await until('slow fails', () => failed(slow.id))).toMatch(
      /^3 callbacks within 60 s took over 50 ms \(the last \d+ ms\)$/,
    );
    expect(await openTagged(flood.id)).toEqual([]); // nothing of the flood reached the engine
  });

  it('one slow callback alone does not stop a deployment', async () => {
    const d = await deploy(bob, { strategyId: 'hiccup' });
    await until('three more bars', async () => hiccupBars >= 4);
    expect((await deployment(d.id))?.status).toBe('running');
    expect(core.strategies.deployment(d.id)).toBeDefined();
  });

  it('bad input is a typed refusal that changes nothing', async () => {
    const before = (await db.sql`select count(*)::int as n from strategy_deployments`)[0]?.n;
    const accountsBefore = (await db.sql`select count(*)::int as n from accounts`)[0]?.n;
    const base = {
      accountId: alice.accountId,
      strategyId: 'sma-cross',
      params: {},
      symbols: ['BTC-USD'],
      interval: '1s',
    };
    const cases: [Record<string, unknown>, string, TestTrader?][] = [
      [{ strategyId: 'nope' }, 'STRATEGY_UNKNOWN'],
      [{ params: { fast: 30, slow: 20 } }, 'STRATEGY_PARAMS_INVALID'],
      [{ params: { extra: 1 } }, 'STRATEGY_PARAMS_INVALID'],
      [{ symbols: ['NOPE-USD'] }, 'STRATEGY_SYMBOL_UNKNOWN'],
      [{ allocation: '0.001' }, 'STRATEGY_ALLOCATION_INVALID'],
      [{ allocation: '99999999.00' }, 'ACCOUNT_INSUFFICIENT_FUNDS'],
      [{}, 'NOT_FOUND', bob], // alice's account, bob asking
    ];
    for (const [patch, code, who] of cases) {
      const answer = await core.strategies.deploy((who ?? alice).userId, { ...base, ...patch } as never);
      expect(answer, JSON.stringify(patch)).toMatchObject({ ok: false, code });
    }
    expect((await db.sql`select count(*)::int as n from strategy_deployments`)[0]?.n).toBe(before);
    expect((await db.sql`select count(*)::int as n from accounts`)[0]?.n).toBe(accountsBefore);
    const [mine] = await db.sql`select id from strategy_deployments where user_id = ${alice.userId} limit 1`;
    expect(await core.strategies.stop(bob.userId, String(mine?.id))).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await core.strategies.restart(bob.userId, String(mine?.id))).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('a deployment left running in the table but not resumed can still be stopped', async () => {
    const [row] =
      await db.sql`insert into strategy_deployments (user_id, account_id, strategy_id, params, symbols, interval)
      values (${bob.userId}, ${bob.accountId}, 'sma-cross', '{}'::jsonb, ${['BTC-USD']}, '1m') returning id`;
    const id = String(row?.id);
    expect(core.strategies.deployment(id)).toBeUndefined();
    expect(await core.strategies.stop(bob.userId, id)).toMatchObject({ ok: true, deployment: { status: 'stopped' } });
    expect(await deployment(id)).toMatchObject({ status: 'stopped', reason: 'stopped by its owner' });
  });

  it('the internal door wants the service token and a valid body', async () => {
    const post = async (token: string, body: unknown) => {
      const res = await fetch(`http://127.0.0.1:${core.port}${STRATEGY_INTERNAL_PATHS.deploy}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as { ok: boolean; code?: string } };
    };
    const body = {
      userId: alice.userId,
      accountId: alice.accountId,
      strategyId: 'nope',
      symbols: ['BTC-USD'],
      interval: '1s',
    };
    expect(await post('wrong-token-wrong-token', body)).toMatchObject({ status: 401, body: { code: 'AUTH_REQUIRED' } });
    expect(await post(SERVICE_TOKEN, { ...body, interval: '1h' })).toMatchObject({
      status: 400,
      body: { code: 'INVALID' },
    });
    expect(await post(SERVICE_TOKEN, body)).toMatchObject({ status: 422, body: { code: 'STRATEGY_UNKNOWN' } });
  });

  it(`a user runs at most ${DEPLOYMENTS_RUNNING_PER_USER_MAX} deployments at once`, async () => {
    const carol = await createTrader(db);
    const ids: string[] = [];
    for (let i = 0; i < DEPLOYMENTS_RUNNING_PER_USER_MAX; i++)
      ids.push((await deploy(carol, { strategyId: 'sma-cross' })).id);
    const over = await core.strategies.deploy(carol.userId, {
      accountId: carol.accountId,
      strategyId: 'sma-cross',
      params: {},
      symbols: ['BTC-USD'],
      interval: '1m',
    });
    expect(over).toMatchObject({ ok: false, code: 'STRATEGY_DEPLOYMENTS_LIMIT' });
    for (const id of ids) await core.strategies.stop(carol.userId, id);
  });

  it('a running deployment survives a core restart: resumed with its open orders, it keeps trading', async () => {
    const d = await deploy(alice, {
      strategyId: 'dca',
      params: { intervalMs: 1_000, qtyLots: 1 },
      allocation: '2000.00',
    });
    const maker = await deploy(alice, { strategyId: 'market-maker', params: { spreadBps: 400, qtyLots: 10 } });
    await until('fills before the restart', async () => (await taggedFills(d.id)).length >= 2);
    const quotes = await until('quotes before the restart', async () => {
      const o = await openTagged(maker.id);
      return o.length > 0 && o;
    });
    await core.close();
    core = await start();
    expect(await deployment(d.id)).toMatchObject({ status: 'running', runs: 2 });
    const resumedMaker = core.strategies.deployment(maker.id);
    // Its orders from the last run are its own again (seeded from the engine, tagged in PostgreSQL).
    for (const q of quotes) {
      const open = core.trading.ordersOf(maker.id).includes(Number(q.order_id));
      if (open) expect(resumedMaker?.mine.has(Number(q.order_id))).toBe(true);
    }
    const secondRun = `${d.id.replaceAll('-', '')}.2.`;
    await until('a fill of the second run', async () =>
      (await taggedFills(d.id)).some((f) => String(f.client_order_id).startsWith(secondRun)),
    );
    expect((await core.strategies.stop(alice.userId, maker.id)).ok).toBe(true);
    expect(await openTagged(maker.id)).toEqual([]);
    // Stopped, then started again: a third run.
    expect((await core.strategies.stop(alice.userId, d.id)).ok).toBe(true);
    expect(await core.strategies.restart(alice.userId, d.id)).toMatchObject({
      ok: true,
      deployment: { status: 'running' },
    });
    expect(await deployment(d.id)).toMatchObject({ status: 'running', runs: 3 });
    expect(await core.strategies.restart(alice.userId, d.id)).toMatchObject({
      ok: false,
      code: 'STRATEGY_ALREADY_RUNNING',
    });
    await core.strategies.stop(alice.userId, d.id);
  });
});
