import { useComputed } from '@preact/signals';
import { navigate } from '../../app/route-signal';
import { hrefOfSymbol } from '../../app/router';
import { useServices } from '../../app/services-context';
import { changeTrend, formatAsOf, formatChange, formatDecimal } from '../../lib/format';
import { changeRatio } from '../../lib/market/decimal-compare';
import type { InstrumentInfo } from '../../lib/market/instrument-list';

const DASH = '\u2014';

/**
 * One instrument. Subscribes to its own quote signal only, so a tick re-renders one row.
 * The price flashes green or red on every trade that moves it (keyed span = fresh animation).
 */
export function QuoteRow({ info }: { info: InstrumentInfo }) {
  const { prices, scheduler } = useServices();
  const quote = prices.quote(info.symbol);
  const change = useComputed(() => {
    const q = quote.value;
    return q.last && q.ref ? changeRatio(q.last, q.ref) : undefined;
  });
  const q = quote.value;
  const ratio = change.value;
  const trend = changeTrend(ratio);
  const stale = !q.fresh && q.updatedAtMs !== null;
  const title =
    stale && q.updatedAtMs ? `Last known price, as of ${formatAsOf(q.updatedAtMs, scheduler.nowMs())}` : undefined;
  return (
    <tr
      class={stale ? 'qrow is-stale' : 'qrow'}
      data-testid={`row-${info.symbol}`}
      title={title}
      onClick={() => navigate({ symbol: info.symbol })}
    >
      <td class="c-sym">
        {/* The link makes the row reachable by keyboard and screen readers; the row is the touch target. */}
        <a class="sym sym-link" href={hrefOfSymbol(info.symbol)}>
          {info.symbol}
        </a>
        <span class="sub">
          {info.kind === 'crypto' ? 'Crypto' : info.kind === 'stock' ? 'Stock' : info.kind} · {info.quote}
        </span>
      </td>
      <td class="c-last">
        <span class="price" data-testid={`price-${info.symbol}`}>
          <span key={q.flashSeq} class={q.direction && q.fresh ? `flash-${q.direction}` : undefined}>
            {q.last ? formatDecimal(q.last) : DASH}
          </span>
        </span>
      </td>
      <td class="c-chg">
        <span class={`chg chg-${trend}`}>{ratio === undefined ? DASH : formatChange(ratio)}</span>
      </td>
      <td class="c-bid">
        <span class="lbl">Bid</span> {q.bid ? formatDecimal(q.bid) : DASH}
      </td>
      <td class="c-ask">
        <span class="lbl">Ask</span> {q.ask ? formatDecimal(q.ask) : DASH}
      </td>
    </tr>
  );
}
