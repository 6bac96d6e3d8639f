import { hrefOf } from '../../app/router';

/** A symbol: live quote, order ticket, depth and recent trades. */
export function TradeScreen({ symbol }: { symbol: string }) {
  return (
    <section class="trade" aria-labelledby="trade-title">
      <a class="back" href={hrefOf('market')}>
        Markets
      </a>
      <h1 id="trade-title">{symbol}</h1>
    </section>
  );
}
