import { useComputed } from '@preact/signals';
import { hrefOf, hrefOfSymbol } from '../../app/router';
import { useServices } from '../../app/services-context';
import { TradingOfflineBanner } from '../../components/trading-offline';
import { formatDecimal } from '../../lib/format';
import { addScaled, formatScaledAt, parseDecimal, type Scaled } from '../../lib/trading/decimal-math';
import { averageEntry, formatPnl, marketValue, PNL_DISPLAY_SCALE, unrealisedFromCost } from '../../lib/trading/pnl';
import { AccountPanel } from './account-panel';
import { KillSwitch } from './kill-switch';
import { MarginPanel } from './margin-panel';

const DASH = '\u2014';

/** Balances, portfolio value, positions with live unrealised PnL, and the account kill switch. */
export function PortfolioScreen() {
  const { session } = useServices();
  if (!session.user.value) {
    return (
      <section class="portfolio">
        <h1>Portfolio</h1>
        <p class="muted">
          <a href={hrefOf('login')}>Log in</a> to see your portfolio.
        </p>
      </section>
    );
  }
  return (
    <section class="portfolio" aria-labelledby="portfolio-title">
      <div class="market-head">
        <h1 id="portfolio-title">Portfolio</h1>
      </div>
      <TradingOfflineBanner />
      <AccountPanel />
      <MarginPanel />
      <Summary />
      <Positions />
      <KillSwitch />
      <nav class="panel settings-links" aria-label="Settings">
        <a href={hrefOf('api-keys')} data-testid="api-keys-link">
          API keys for scripts
        </a>
        <a href={hrefOf('notification-settings')}>Notification settings</a>
        <a href={hrefOf('security')}>Password and security</a>
      </nav>
    </section>
  );
}

/** Cash, the market value of positions at live prices, and their sum. */
function Summary() {
  const { trading, prices, me } = useServices();
  const totals = useComputed(() => {
    const account = me.value?.accounts.find((a) => a.id === trading.accountId.value);
    const currency = account?.currency ?? 'USD';
    const cash = trading.balances.value.find((b) => b.currency === currency)?.balance ?? account?.cash ?? null;
    let value: Scaled | undefined = { units: 0n, scale: 0 };
    let pnl: Scaled | undefined = { units: 0n, scale: 0 };
    for (const p of trading.positions.value) {
      const last = prices.quote(p.symbol).value.last;
      const mv = marketValue(p.quantity, last);
      const u = unrealisedFromCost(p.quantity, p.cost, last);
      value = value && mv ? addScaled(value, mv) : undefined;
      pnl = pnl && u ? addScaled(pnl, u) : undefined;
    }
    const cashScaled = cash ? parseDecimal(cash) : undefined;
    const total = cashScaled && value ? addScaled(cashScaled, value) : undefined;
    return { currency, cash, value, pnl, total };
  }).value;
  const show = (x: Scaled | undefined) => (x ? formatDecimal(formatScaledAt(x, PNL_DISPLAY_SCALE)) : DASH);
  return (
    <div class="panel kpis">
      <Kpi label="Portfolio value" testid="portfolio-value" value={`${show(totals.total)} ${totals.currency}`} />
      <Kpi label="Cash" testid="cash-balance" value={totals.cash ? formatDecimal(totals.cash) : DASH} />
      <Kpi label="Positions" testid="positions-value" value={show(totals.value)} />
      <Kpi label="Unrealised PnL" testid="total-pnl" value={formatPnl(totals.pnl)} />
    </div>
  );
}

function Kpi({ label, value, testid }: { label: string; value: string; testid: string }) {
  return (
    <div class="kpi">
      <span class="lbl2">{label}</span>
      <span class="val" data-testid={testid}>
        {value}
      </span>
    </div>
  );
}

function Positions() {
  const { trading } = useServices();
  const list = trading.positions.value;
  return (
    <section class="panel" aria-labelledby="positions-title">
      <h2 id="positions-title">Positions</h2>
      {list.length === 0 ? (
        <p class="muted" data-testid="no-positions">
          No open positions.
        </p>
      ) : (
        <ul class="list" data-testid="positions">
          {list.map((p) => (
            <PositionRow key={p.symbol} symbol={p.symbol} quantity={p.quantity} cost={p.cost} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** Re-renders on its own symbol's price only: PnL moves with every trade. */
function PositionRow({ symbol, quantity, cost }: { symbol: string; quantity: string; cost: string }) {
  const { prices } = useServices();
  const last = prices.quote(symbol).value.last;
  const pnl = unrealisedFromCost(quantity, cost, last);
  const trend = !pnl || pnl.units === 0n ? '' : pnl.units > 0n ? 'up' : 'down';
  return (
    <li class="item" data-testid={`position-${symbol}`}>
      <div>
        <a href={hrefOfSymbol(symbol)}>
          <strong>{symbol}</strong>
        </a>{' '}
        <span class="num" data-testid={`position-qty-${symbol}`}>
          {quantity}
        </span>
        <div class="meta">
          avg {formatDecimal(averageEntry(quantity, cost, PNL_DISPLAY_SCALE) ?? DASH)} · last{' '}
          {last ? formatDecimal(last) : DASH}
        </div>
      </div>
      <div class="right">
        <span class={`num ${trend}`} data-testid={`pnl-${symbol}`}>
          {formatPnl(pnl)}
        </span>
        <div class="meta">unrealised</div>
      </div>
    </li>
  );
}
