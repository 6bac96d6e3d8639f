import { router } from '../../trpc';
import { balances, fills, openOrders, orderByClientId, orderHistory, positions } from './reads';
import { cancel, cancelAll, killSwitch, modify, place } from './writes';

/**
 * Trading for typed clients and the PWA: writes go to core's order entry (one path for every
 * transport), reads come from the query tables core projects into PostgreSQL, always scoped
 * to the caller's own accounts.
 */
export const tradingRouter = router({
  place,
  modify,
  cancel,
  cancelAll,
  killSwitch,
  openOrders,
  orderByClientId,
  orderHistory,
  fills,
  positions,
  balances,
});
