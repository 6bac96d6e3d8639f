import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { clientMessageSchema } from './client-messages';
import { clientMessageParser } from './codec';

const ACCOUNT = 'abcdef01-1111-4111-8111-11111111abcd';
const order = { symbol: 'BTC-USD', side: 'buy', type: 'limit', quantity: '0.0100', price: '90012.00' };
/** Well-formed messages of every op, the raw material the mutations below start from. */
const SEEDS: Record<string, unknown>[] = [
  { op: 'place', id: '1', accountId: ACCOUNT, place: { kind: 'single', order } },
  { op: 'place', accountId: ACCOUNT, place: { kind: 'single', order: { ...order, type: 'market', price: undefined } } },
  {
    op: 'place',
    id: '2',
    accountId: ACCOUNT,
    place: { kind: 'oco', first: order, second: { ...order, side: 'sell' } },
  },
  {
    op: 'place',
    id: '3',
    accountId: ACCOUNT,
    place: { kind: 'bracket', entry: order, takeProfitPrice: '95000', stopLossTriggerPrice: '85000' },
  },
  { op: 'cancel', id: '4', accountId: ACCOUNT, orderId: '12345' },
  { op: 'cancel', id: '5', accountId: ACCOUNT, clientOrderId: 'c-1' },
  { op: 'modify', id: '6', accountId: ACCOUNT, orderId: '7', price: '1.5' },
  { op: 'cancelAll', id: '7', accountId: ACCOUNT, symbol: 'ETH-USD' },
  { op: 'killSwitch', id: '8', accountId: ACCOUNT, engaged: true },
  { op: 'subscribe', id: '9', topics: ['trades.BTC-USD', `acct.${ACCOUNT}`] },
  { op: 'auth', id: '10', token: 'x.y.z' },
  { op: 'ping' },
];
const FIELDS = ['op', 'id', 'accountId', 'orderId', 'clientOrderId', 'price', 'quantity', 'type', 'kind', 'extra'];
const VALUES = fc.oneof(
  fc.constantFrom('', '0', '0.0', '1e3', '12.50', 'limit', 'market', 'stop_limit', 'GTD', 'single', 'bracket'),
  fc.constantFrom(ACCOUNT, ACCOUNT.toUpperCase(), '00000000-0000-0000-0000-000000000000', 'not-a-uuid', 'a'.repeat(65)),
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
);

/** A copy of `v` with one field, somewhere in the tree, set to `value` (or deleted when undefined). */
function mutate(v: unknown, path: number[], field: string, value: unknown): unknown {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return v;
  const copy: Record<string, unknown> = { ...(v as Record<string, unknown>) };
  const nested = Object.keys(copy).filter((k) => typeof copy[k] === 'object' && copy[k] !== null);
  const [step, ...rest] = path;
  const key = step === undefined || nested.length === 0 ? undefined : nested[step % nested.length];
  if (key === undefined) {
    if (value === undefined) delete copy[field];
    else copy[field] = value;
  } else copy[key] = mutate(copy[key], rest, field, value);
  return copy;
}

describe('the compiled client schema', () => {
  it('is compiled (zod did not fall back to the runtime parser for the whole schema)', () => {
    expect(() => z.compile(clientMessageSchema, { strict: true })).not.toThrow();
  });

  it('answers exactly as the runtime schema: same success, same output, same issues', () => {
    const compiled = clientMessageParser();
    const seen = { valid: 0, invalid: 0 };
    const mutations = fc.array(
      fc.tuple(
        fc.array(fc.nat(5), { maxLength: 3 }),
        fc.constantFrom(...FIELDS),
        fc.option(VALUES, { nil: undefined }),
      ),
      { maxLength: 3 },
    );
    fc.assert(
      fc.property(fc.constantFrom(...SEEDS), mutations, (seed, ms) => {
        let msg: unknown = JSON.parse(JSON.stringify(seed));
        for (const [path, field, value] of ms) msg = mutate(msg, path, field, value);
        const input = JSON.parse(JSON.stringify(msg ?? null));
        const a = compiled.safeParse(input);
        const b = clientMessageSchema.safeParse(JSON.parse(JSON.stringify(msg ?? null)));
        expect(a.success).toBe(b.success);
        seen[a.success ? 'valid' : 'invalid'] += 1;
        if (a.success && b.success) {
          expect(a.data).toEqual(b.data);
          expect(a.data).not.toBe(input);
        } else expect(a.error?.issues).toEqual(b.error?.issues);
      }),
      { numRuns: 3_000, seed: 20261124 },
    );
    // Both answers were compared often enough to mean something.
    expect(seen.valid).toBeGreaterThan(300);
    expect(seen.invalid).toBeGreaterThan(300);
  });
});
