import type { InstrumentInfo } from '../../lib/market/instrument-list';
import { QuoteRow } from './quote-row';

/** A real table (one row per instrument); CSS turns each row into a two-line card on phones. */
export function QuoteTable({ list }: { list: readonly InstrumentInfo[] }) {
  return (
    <table class="quotes" aria-label="Market watch">
      <thead>
        <tr class="qhead">
          <th scope="col" class="c-sym">
            Instrument
          </th>
          <th scope="col" class="c-last">
            Last
          </th>
          <th scope="col" class="c-chg" title="Change since the first trade seen today (UTC)">
            Today
          </th>
          <th scope="col" class="c-bid">
            Bid
          </th>
          <th scope="col" class="c-ask">
            Ask
          </th>
        </tr>
      </thead>
      <tbody>
        {list.map((info) => (
          <QuoteRow key={info.symbol} info={info} />
        ))}
      </tbody>
    </table>
  );
}
