import { parseStep, type Step } from './decimal';
import type { InstrumentSymbol } from './ids';

export type InstrumentKind = 'crypto' | 'stock';

/**
 * What the venue trades. Prices are integers of `tickSize`, quantities integers of `lotSize`;
 * the decimal strings are the source of truth and the parsed steps are derived once.
 */
export type InstrumentSpec = {
  readonly symbol: InstrumentSymbol;
  readonly kind: InstrumentKind;
  readonly base: string;
  readonly quote: string;
  readonly tickSize: string;
  readonly lotSize: string;
  /** Smallest order, in lots. */
  readonly minQtyLots: number;
  /** Smallest order value, in minor units of the quote currency. */
  readonly minNotionalMinor: number;
};

export type Instrument = InstrumentSpec & { readonly tick: Step; readonly lot: Step };

export function makeInstrument(spec: InstrumentSpec): Instrument {
  return { ...spec, tick: parseStep(spec.tickSize), lot: parseStep(spec.lotSize) };
}

/** Minor units per major unit of each quote currency we know (USD cents: scale 2). */
export const CURRENCY_SCALE: Readonly<Record<string, number>> = { USD: 2 };
