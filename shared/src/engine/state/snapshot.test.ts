import { describe, expect, it } from 'vitest';
import type { EngineSnapshot } from '../index';
import { DEFAULT_RISK_LIMITS } from '../risk/limits';
import { Harness, only } from '../testing/fixtures';

describe('snapshots of version 1 (every client id kept, no window limits)', () => {
  it('restore with the window limits at their defaults, open ids open and the rest ended at the snapshot time', () => {
    const h = new Harness();
    h.account('t1');
    const open = Harness.accepted(h.limit('t1', 'buy', 9_000, 1, { clientOrderId: 'open' }));
    const gone = Harness.accepted(h.limit('t1', 'buy', 9_000, 1, { clientOrderId: 'gone' }));
    h.run({ type: 'CancelOrder', accountId: 't1', orderId: gone });
    const v2 = h.engine.snapshot(h.state);
    // The same state as version 1 wrote it: all ids in use order, limits without the window keys.
    const v1 = JSON.parse(JSON.stringify(v2)) as Record<string, unknown> & EngineSnapshot;
    v1.version = 1 as never;
    for (const a of v1.accounts as unknown as Record<string, unknown>[]) {
      const limits = a.limits as Record<string, unknown>;
      delete limits.clientIdWindow;
      delete limits.clientIdWindowMs;
      a.clientIds =
        a.id === 't1'
          ? [
              ['open', open],
              ['gone', gone],
            ]
          : [];
      delete a.clientIdsEnded;
    }
    const restored = h.engine.restore(v1);
    expect(h.engine.stateHash(restored)).toBe(h.engine.stateHash(h.state));
    const t1 = restored.accounts[restored.accountIx.get('t1') as number];
    expect(t1?.limits.clientIdWindow).toBe(DEFAULT_RISK_LIMITS.clientIdWindow);
    h.state = restored;
    for (const cid of ['open', 'gone'])
      expect(only(h.limit('t1', 'buy', 9_000, 1, { clientOrderId: cid }), 'OrderRejected')[0]?.code).toBe(
        'ORDER_DUPLICATE_CLIENT_ID',
      );
  });

  it('refuses an unknown version', () => {
    const h = new Harness();
    const snap = { ...h.engine.snapshot(h.state), version: 3 } as unknown as EngineSnapshot;
    expect(() => h.engine.restore(snap)).toThrow(/unknown snapshot version 3/);
  });
});
