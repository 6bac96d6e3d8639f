import { assertNever } from '@tradewind/shared/util';
import { ChartScreen } from '../screens/chart/chart-screen';
import { LoginScreen } from '../screens/login/login-screen';
import { MarketWatchScreen } from '../screens/market-watch/market-watch-screen';
import { NotFoundScreen } from '../screens/not-found/not-found-screen';
import { OrdersScreen } from '../screens/orders/orders-screen';
import { PortfolioScreen } from '../screens/portfolio/portfolio-screen';
import { RegisterScreen } from '../screens/register/register-screen';
import { TradeScreen } from '../screens/trade/trade-screen';
import { BottomNav } from './bottom-nav';
import { Notices } from './notices';
import '../styles/trading.css';
import { currentRoute } from './route-signal';
import type { Services } from './services';
import { ServicesContext } from './services-context';
import { TopBar } from './top-bar';

export function App({ services }: { services: Services }) {
  return (
    <ServicesContext.Provider value={services}>
      <div class="app">
        <TopBar />
        <main class="main" id="main">
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
      return <ChartScreen symbol={route.symbol} />;
    case 'orders':
      return <OrdersScreen />;
    case 'portfolio':
      return <PortfolioScreen />;
    case 'not-found':
      return <NotFoundScreen path={route.path} />;
    default:
      return assertNever(route);
  }
}
