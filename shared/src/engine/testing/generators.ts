import fc from 'fast-check';
import type { Command, OrderSpec } from '../core/commands';

/** Accounts every generated run opens first: two cash, two margin (5×), one sub-account. */
export const ACCOUNTS = ['c1', 'c2', 'm1', 'm2'] as const;
export const MID = 10_000;

export function setupCommands(): Command[] {
  const out: Command[] = [];
  for (const id of ACCOUNTS) {
    const margin = id.startsWith('m');
    out.push({
      type: 'OpenAccount',
      timeMs: 0,
      accountId: id,
      kind: margin ? 'margin' : 'cash',
      ...(margin ? { leverage: 5 } : {}),
      limits: { priceBandBps: 2_000 },
    });
    out.push({ type: 'Deposit', timeMs: 0, accountId: id, currency: 'USD', amountMinor: 50_000_00n });
  }
  out.push({ type: 'OpenAccount', timeMs: 0, accountId: 'c1.sub', kind: 'cash', parentId: 'c1' });
  out.push({
    type: 'MarkPrices',
    timeMs: 0,
    marks: [
      { symbol: 'XYZ', priceTicks: MID },
      { symbol: 'ABC-USD', priceTicks: MID },
    ],
  });
  return out;
}

const account = fc.constantFrom<string>(...ACCOUNTS, 'c1.sub');
const symbol = fc.constantFrom('XYZ', 'XYZ', 'ABC-USD');
const side = fc.constantFrom<'buy' | 'sell'>('buy', 'sell');
const price = fc.integer({ min: MID - 150, max: MID + 150 });
const qty = fc.integer({ min: 1, max: 30 });
const tif = fc.constantFrom<'GTC' | 'IOC' | 'FOK' | 'GTD' | 'DAY'>('GTC', 'GTC', 'GTC', 'IOC', 'FOK', 'GTD', 'DAY');

const spec: fc.Arbitrary<OrderSpec> = fc
  .record({
    symbol,
    side,
    kind: fc.constantFrom(
      'limit',
      'limit',
      'limit',
      'market',
      'stop_market',
      'stop_limit',
      'take_profit',
      'take_profit_limit',
      'trailing_stop',
    ),
    qtyLots: qty,
    price,
    trigger: price,
    tif,
    postOnly: fc.boolean(),
    reduceOnly: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
    cid: fc.option(
      fc.integer({ min: 1, max: 40 }).map((n) => `cid-${n}`),
      { nil: undefined },
    ),
    trail: fc.integer({ min: 1, max: 100 }),
  })
  .map((r) => {
    const hasLimit = r.kind === 'limit' || r.kind === 'stop_limit' || r.kind === 'take_profit_limit';
    const conditional = r.kind !== 'limit' && r.kind !== 'market';
    const t = r.kind === 'market' ? 'IOC' : r.tif;
    return {
      symbol: r.symbol,
      side: r.side,
      orderType: r.kind,
      qtyLots: r.qtyLots,
      tif: t,
      ...(hasLimit ? { priceTicks: r.price } : {}),
      ...(conditional && r.kind !== 'trailing_stop' ? { triggerPriceTicks: r.trigger } : {}),
      ...(r.kind === 'trailing_stop' ? (r.trail % 2 === 0 ? { trailTicks: r.trail } : { trailBps: r.trail }) : {}),
      ...(t === 'GTD' ? { expireAtMs: r.trail * 100 } : {}),
      ...(r.postOnly && r.kind === 'limit' && t !== 'IOC' && t !== 'FOK' ? { postOnly: true } : {}),
      ...(r.reduceOnly ? { reduceOnly: true } : {}),
      ...(r.cid === undefined ? {} : { clientOrderId: r.cid }),
    } as OrderSpec;
  });

type Gen = (timeMs: number) => Command;
const orderId = fc.integer({ min: 1, max: 120 });

/** GTD expiries are relative to the command time (the spec carries an offset in expireAtMs). */
const at = (s: OrderSpec, t: number): OrderSpec =>
  s.tif === 'GTD' ? { ...s, expireAtMs: t + (s.expireAtMs ?? 1) } : s;
const place = fc.tuple(account, spec).map(
  ([a, s]) =>
    (t: number): Command => ({ type: 'PlaceOrder', timeMs: t, accountId: a, order: at(s, t) }),
);

const gens: fc.Arbitrary<Gen>[] = [
  place,
  place,
  place,
  place,
  fc.tuple(account, orderId).map(([a, id]) => (t: number) => ({
    type: 'CancelOrder',
    timeMs: t,
    accountId: a,
    orderId: id,
  })),
  fc
    .tuple(account, orderId, fc.option(qty, { nil: undefined }), fc.option(price, { nil: undefined }))
    .map(([a, id, q, p]) => (t: number) => ({
      type: 'ModifyOrder',
      timeMs: t,
      accountId: a,
      orderId: id,
      ...(q === undefined ? {} : { qtyLots: q }),
      ...(p === undefined ? {} : { priceTicks: p }),
    })),
  fc.tuple(account, spec, spec).map(([a, s1, s2]) => (t: number) => ({
    type: 'PlaceOco',
    timeMs: t,
    accountId: a,
    first: at(s1, t),
    second: at({ ...s2, symbol: s1.symbol }, t),
  })),
  fc
    .tuple(account, side, price, qty, fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 100 }))
    .map(([a, sd, p, q, up, down]) => (t: number) => ({
      type: 'PlaceBracket',
      timeMs: t,
      accountId: a,
      entry: { symbol: 'XYZ', side: sd, orderType: 'limit', priceTicks: p, qtyLots: q, tif: 'GTC' },
      takeProfitTicks: sd === 'buy' ? p + up : p - up,
      stopLossTriggerTicks: sd === 'buy' ? p - down : p + down,
    })),
  fc.tuple(symbol, price).map(([s, p]) => (t: number) => ({
    type: 'MarkPrices',
    timeMs: t,
    marks: [{ symbol: s, priceTicks: p }],
  })),
  fc.constant((t: number) => ({ type: 'AdvanceTime', timeMs: t }) as Command),
  fc.tuple(fc.option(account, { nil: undefined }), fc.option(symbol, { nil: undefined })).map(
    ([a, s]) =>
      (t: number) =>
        ({ type: 'CancelAll', timeMs: t, ...(a ? { accountId: a } : {}), ...(s ? { symbol: s } : {}) }) as Command,
  ),
  fc
    .tuple(
      account,
      fc.constantFrom<'active' | 'reducing' | 'halted'>('active', 'active', 'active', 'active', 'reducing', 'halted'),
    )
    .map(([a, st]) => (t: number) => ({
      type: 'SetTradingState',
      timeMs: t,
      scope: 'account',
      accountId: a,
      state: st,
    })),
  fc.tuple(account, fc.bigInt({ min: 1n, max: 5_000_00n }), fc.boolean()).map(([a, amt, dep]) => (t: number) => ({
    type: dep ? 'Deposit' : 'Withdraw',
    timeMs: t,
    accountId: a,
    currency: 'USD',
    amountMinor: amt,
  })),
  fc.bigInt({ min: 1n, max: 5_000_00n }).map((amt) => (t: number) => ({
    type: 'Transfer',
    timeMs: t,
    fromAccountId: 'c1',
    toAccountId: 'c1.sub',
    currency: 'USD',
    amountMinor: amt,
  })),
];

/** A command stream: generators applied to a clock that often stands still and sometimes jumps. */
export const commandStream = (maxLength: number): fc.Arbitrary<Command[]> =>
  fc
    .array(fc.tuple(fc.oneof(...gens), fc.constantFrom(0, 0, 0, 1, 5, 1_000, 3_600_000)), {
      minLength: 1,
      maxLength,
      size: 'max',
    })
    .map((steps) => {
      let t = 0;
      return steps.map(([g, dt]) => {
        t += dt;
        return g(t);
      });
    });
