import { accountsRouter } from './routers/accounts/index';
import { alertsRouter } from './routers/alerts/index';
import { apiKeysRouter } from './routers/api-keys/index';
import { authRouter } from './routers/auth/index';
import { backtestsRouter } from './routers/backtests/index';
import { marketRouter } from './routers/market/index';
import { notificationsRouter } from './routers/notifications/index';
import { replayRouter } from './routers/replay/index';
import { reportsRouter } from './routers/reports/index';
import { strategiesRouter } from './routers/strategies/index';
import { tradingRouter } from './routers/trading/index';
import { router } from './trpc';

/** Every domain's router, one key each; `trading`, `reports`, `notifications` join here. */
export const appRouter = router({
  auth: authRouter,
  market: marketRouter,
  trading: tradingRouter,
  notifications: notificationsRouter,
  alerts: alertsRouter,
  reports: reportsRouter,
  backtests: backtestsRouter,
  strategies: strategiesRouter,
  replay: replayRouter,
  apiKeys: apiKeysRouter,
  accounts: accountsRouter,
});

export type AppRouter = typeof appRouter;
