import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Command } from '../core/commands';
import { createEngine, REASON_CODE_LIST } from '../index';
import { ABC, XYZ } from '../testing/fixtures';
import { setupCommands } from '../testing/generators';

const engine = createEngine({ instruments: [XYZ, ABC] });
const REJECTIONS = new Set(['OrderRejected', 'CommandRejected', 'OrderCancelRejected', 'OrderModifyRejected']);

/** Hostile values for any field: wrong types, NaN, infinities, negatives, fractions, huge numbers. */
const junk = fc.oneof(
  fc.constantFrom(
    undefined,
    null,
    NaN,
    Infinity,
    -Infinity,
    -1,
    0,
    0.5,
    1.5,
    2 ** 53,
    2 ** 60,
    1e300,
    -0,
    '',
    'XYZ',
    'NOPE',
    'buy',
    'limit',
    [],
    {},
    true,
  ),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 80 }),
  fc.bigInt(),
);
const maybe = <T>(a: fc.Arbitrary<T>) => fc.oneof(a, junk);
const spec = fc.record(
  {
    symbol: maybe(fc.constantFrom('XYZ', 'ABC-USD', 'UNKNOWN')),
    side: maybe(fc.constantFrom('buy', 'sell')),
    orderType: maybe(fc.constantFrom('limit', 'market', 'stop_market', 'stop_limit', 'trailing_stop', 'take_profit')),
    qtyLots: maybe(fc.integer({ min: -5, max: 50 })),
    priceTicks: maybe(fc.integer({ min: -5, max: 20_000 })),
    triggerPriceTicks: maybe(fc.integer({ min: 9_000, max: 11_000 })),
    tif: maybe(fc.constantFrom('GTC', 'IOC', 'FOK', 'GTD', 'DAY')),
    clientOrderId: maybe(fc.constantFrom('a', 'b', 'c')),
    postOnly: maybe(fc.boolean()),
    reduceOnly: maybe(fc.boolean()),
    trailBps: maybe(fc.integer({ min: -1, max: 20_000 })),
    expireAtMs: maybe(fc.integer()),
  },
  { requiredKeys: [] },
);
const accountId = maybe(fc.constantFrom('c1', 'c2', 'm1', 'm2', 'ghost'));
const command: fc.Arbitrary<unknown> = fc.oneof(
  fc.record({ type: fc.constant('PlaceOrder'), accountId, order: maybe(spec) }),
  fc.record({ type: fc.constant('PlaceOco'), accountId, first: spec, second: spec }),
  fc.record({
    type: fc.constant('PlaceBracket'),
    accountId,
    entry: spec,
    takeProfitTicks: junk,
    stopLossTriggerTicks: junk,
  }),
  fc.record({
    type: fc.constant('CancelOrder'),
    accountId,
    orderId: maybe(fc.integer({ min: 0, max: 40 })),
    clientOrderId: junk,
  }),
  fc.record({
    type: fc.constant('ModifyOrder'),
    accountId,
    orderId: maybe(fc.integer({ min: 0, max: 40 })),
    qtyLots: junk,
    priceTicks: junk,
  }),
  fc.record({ type: fc.constant('CancelAll'), accountId: junk, symbol: junk }, { requiredKeys: ['type'] }),
  fc.record({
    type: fc.constantFrom('Deposit', 'Withdraw'),
    accountId,
    currency: maybe(fc.constant('USD')),
    amountMinor: junk,
  }),
  fc.record({
    type: fc.constant('Transfer'),
    fromAccountId: accountId,
    toAccountId: accountId,
    currency: junk,
    amountMinor: junk,
  }),
  fc.record({
    type: fc.constant('OpenAccount'),
    accountId: junk,
    kind: junk,
    leverage: junk,
    parentId: junk,
    limits: junk,
  }),
  fc.record({ type: fc.constant('SetTradingState'), scope: junk, state: junk, accountId: junk, symbol: junk }),
  fc.record({ type: fc.constant('SetLimits'), accountId, limits: maybe(fc.record({ maxOpenOrders: junk })) }),
  fc.record({
    type: fc.constant('MarkPrices'),
    marks: maybe(fc.array(fc.record({ symbol: junk, priceTicks: junk }), { maxLength: 3 })),
  }),
  fc.record({ type: junk, timeMs: junk }),
  junk,
);

describe('engine fuzz: random and malformed commands', () => {
  it('never throws; every rejection has a known code and changes nothing; invariants hold', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(command, fc.boolean()), { minLength: 1, maxLength: 150, size: 'max' }), (cmds) => {
        const state = engine.initialState();
        for (const c of setupCommands()) engine.apply(state, c);
        let t = 0;
        for (const [raw, tick] of cmds) {
          if (tick) t += 1_000;
          const cmd = (
            typeof raw === 'object' && raw !== null && !Array.isArray(raw) && !('timeMs' in raw)
              ? { ...raw, timeMs: t }
              : raw
          ) as Command;
          const before = engine.stateHash(state);
          const clone = engine.restore(engine.snapshot(state));
          const events = engine.apply(state, cmd);
          engine.validate(state);
          for (const e of events) {
            if ('code' in e) expect(REASON_CODE_LIST).toContain(e.code);
            if ('message' in e) expect(typeof e.message).toBe('string');
          }
          if (events.length > 0 && events.every((e) => REJECTIONS.has(e.type))) {
            // A rejection changes nothing beyond what the mere passage of time to its stamp does.
            if (state.nowMs > clone.nowMs) engine.apply(clone, { type: 'AdvanceTime', timeMs: state.nowMs });
            expect(engine.stateHash(state)).toBe(engine.stateHash(clone));
          } else if (events.length === 0 && state.nowMs === clone.nowMs) {
            expect(engine.stateHash(state)).toBe(before);
          }
        }
      }),
      { numRuns: 80, seed: 99 },
    );
  });
});
