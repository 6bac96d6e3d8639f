import { type Signal, signal } from '@preact/signals';
import { PracticeVenue } from '@tradewind/shared/backtest';
import {
  CURRENCY_SCALE,
  decimalToSteps,
  INSTRUMENTS,
  type Instrument,
  minorToDecimal,
  stepsToDecimal,
} from '@tradewind/shared/domain';
import type { MarketFrame } from '@tradewind/shared/protocol';
import { formatDecimal } from '../format';

/** Practice cash: 100,000.00 in the quote currency, in minor units. */
export const PRACTICE_CASH_MINOR = 10_000_000n;

export type PracticeKind = 'market' | 'limit' | 'stop';
export type PracticeTicket = {
  readonly side: 'buy' | 'sell';
  readonly kind: PracticeKind;
  /** Decimal text in the instrument's lots ("0.01" BTC). */
  readonly qty: string;
  /** Decimal text: the limit price, or the stop's trigger; ignored for market. */
  readonly price: string;
};

/**
 * One replay session's practice account (in memory, per session): a `PracticeVenue` fed by the
 * replay's trades, its quotes for display, and display strings of everything money (exact).
 * `revision` rises after the trader's own actions; the tape (`apply`) does not touch it, so the
 * panel redraws for it at most once a frame (a replay at max speed sends thousands a second).
 */
export class PracticeModel {
  readonly revision: Signal<number> = signal(0);
  readonly instrument: Instrument;
  venue: PracticeVenue;
  bid: string | null = null;
  ask: string | null = null;
  nowMs = 0;

  constructor(instrument: Instrument) {
    this.instrument = instrument;
    this.venue = new PracticeVenue(instrument, PRACTICE_CASH_MINOR, 0);
  }

  /** A frame of the replay's tape: a trade is a fill point, a quote is shown. */
  apply(frame: MarketFrame): void {
    this.nowMs = Math.max(this.nowMs, frame.ts);
    if (frame.type === 'bbo') {
      this.bid = frame.bid;
      this.ask = frame.ask;
    } else {
      const ticks = decimalToSteps(frame.price, this.instrument.tick);
      if (!ticks.ok) return;
      this.venue.trade(Number(ticks.value), frame.ts);
    }
  }

  /** Places an order from the ticket; an answer in words when the ticket itself is wrong. */
  place(t: PracticeTicket): string | null {
    const qty = decimalToSteps(t.qty.trim(), this.instrument.lot);
    if (!qty.ok || qty.value <= 0n || qty.value > BigInt(Number.MAX_SAFE_INTEGER))
      return `Quantity must be a positive multiple of ${this.instrument.lotSize}.`;
    let price = 0;
    if (t.kind !== 'market') {
      const p = decimalToSteps(t.price.trim(), this.instrument.tick);
      if (!p.ok || p.value <= 0n || p.value > BigInt(Number.MAX_SAFE_INTEGER))
        return `Price must be a positive multiple of ${this.instrument.tickSize}.`;
      price = Number(p.value);
    }
    const qtyLots = Number(qty.value);
    const base = { side: t.side, qtyLots };
    if (t.kind === 'market') this.venue.place({ ...base, orderType: 'market' }, this.nowMs);
    else if (t.kind === 'limit')
      this.venue.place({ ...base, orderType: 'limit', priceTicks: price, tif: 'GTC' }, this.nowMs);
    else this.venue.place({ ...base, orderType: 'stop_market', triggerPriceTicks: price }, this.nowMs);
    this.revision.value += 1;
    return null;
  }

  cancel(orderId: number): void {
    this.venue.cancel(orderId, this.nowMs);
    this.revision.value += 1;
  }

  /** Starts the account again: cash back to the start, no orders, no position. */
  reset(): void {
    this.venue = new PracticeVenue(this.instrument, PRACTICE_CASH_MINOR, this.nowMs);
    this.revision.value += 1;
  }

  money(minor: bigint): string {
    return formatDecimal(minorToDecimal(minor, CURRENCY_SCALE[this.instrument.quote] ?? 2));
  }

  price(ticks: number): string {
    return formatDecimal(stepsToDecimal(ticks, this.instrument.tick));
  }

  qty(lots: number): string {
    return formatDecimal(stepsToDecimal(lots, this.instrument.lot));
  }
}

const models = new Map<string, PracticeModel>();

/** The practice account of replay session `id` on `symbol` (kept while the page lives). */
export function practiceOf(id: string, symbol: string): PracticeModel | null {
  const key = `${symbol}@${id}`;
  const known = models.get(key);
  if (known !== undefined) return known;
  const instrument = INSTRUMENTS.find((i) => i.symbol === symbol);
  if (instrument === undefined) return null;
  const m = new PracticeModel(instrument);
  models.set(key, m);
  return m;
}
