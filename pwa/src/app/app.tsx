import { assertNever } from '@tradewind/shared/util';
import { ChartScreen } from '../screens/chart/chart-screen';
import { LoginScreen } from '../screens/login/login-screen';
import { MarketWatchScreen } from '../screens/market-watch/market-watch-screen';
import { NotFoundScreen } from '../screens/not-found/not-found-screen';
import { RegisterScreen } from '../screens/register/register-screen';
import { BottomNav } from './bottom-nav';
import { Notices } from './notices';
import { PendingOrdersBanner } from './pending-orders-banner';
import '../styles/trading.css';
import { lazyScreen } from './lazy-screen';
import { currentRoute } from './route-signal';
import type { Services } from './services';
import { ServicesContext } from './services-context';
import { TopBar } from './top-bar';

// The trading screens load on first visit: their chunk carries the order ticket's zod validation.
const TradeScreen = lazyScreen(() => import('../screens/trade/trade-screen').then((m) => m.TradeScreen));
const OrdersScreen = lazyScreen(() => import('../screens/orders/orders-screen').then((m) => m.OrdersScreen));
const InboxScreen = lazyScreen(() => import('../screens/inbox/inbox-screen').then((m) => m.InboxScreen));
const NotificationSettingsScreen = lazyScreen(() =>
  import('../screens/notification-settings/notification-settings-screen').then((m) => m.NotificationSettingsScreen),
);
const ApiKeysScreen = lazyScreen(() => import('../screens/api-keys/api-keys-screen').then((m) => m.ApiKeysScreen));
// The password form (shared's zod schema): rarely visited, so off the first paint.
const SecurityScreen = lazyScreen(() => import('../screens/security/security-screen').then((m) => m.SecurityScreen));
const AlertsScreen = lazyScreen(() => import('../screens/alerts/alerts-screen').then((m) => m.AlertsScreen));
const ReportsScreen = lazyScreen(() => import('../screens/reports/reports-screen').then((m) => m.ReportsScreen));
// The backtester (engine + strategies + zod) loads only here; the run itself is a worker chunk.
const BacktestScreen = lazyScreen(() => import('../screens/backtest/backtest-screen').then((m) => m.BacktestScreen));
// Live strategies: the deploy form reuses the backtest form's inputs (strategies + zod, shared chunks).
const StrategiesScreen = lazyScreen(() =>
  import('../screens/strategies/strategies-screen').then((m) => m.StrategiesScreen),
);
const ImportScreen = lazyScreen(() => import('../screens/import/import-screen').then((m) => m.ImportScreen));
const PortfolioScreen = lazyScreen(() =>
  import('../screens/portfolio/portfolio-screen').then((m) => m.PortfolioScreen),
);

export function App({ services }: { services: Services }) {
  return (
    <ServicesContext.Provider value={services}>
      <div class="app">
        <TopBar />
        <main class="main" id="main">
          <PendingOrdersBanner />
          <Screen />
        </main>
        <Notices />
        <BottomNav />
      </div>
    </ServicesContext.Provider>
  );
}

function Screen() {
  const route = currentRoute.value;
  switch (route.name) {
    case 'market':
      return <MarketWatchScreen />;
    case 'login':
      return <LoginScreen />;
    case 'register':
      return <RegisterScreen />;
    case 'trade':
      return <TradeScreen symbol={route.symbol} />;
    case 'chart':
      return <ChartScreen symbol={route.symbol} replay={route.replay} />;
    case 'orders':
      return <OrdersScreen />;
    case 'portfolio':
      return <PortfolioScreen />;
    case 'inbox':
      return <InboxScreen />;
    case 'notification-settings':
      return <NotificationSettingsScreen />;
    case 'api-keys':
      return <ApiKeysScreen />;
    case 'security':
      return <SecurityScreen />;
    case 'alerts':
      return <AlertsScreen />;
    case 'reports':
      return <ReportsScreen />;
    case 'backtest':
      return <BacktestScreen />;
    case 'strategies':
      return <StrategiesScreen id={route.id} />;
    case 'import':
      return <ImportScreen />;
    case 'not-found':
      return <NotFoundScreen path={route.path} />;
    default:
      return assertNever(route);
  }
}
