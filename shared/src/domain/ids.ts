/**
 * Identifiers are distinct types so that one cannot be passed for another
 * (NautilusTrader's InstrumentId / AccountId / ClientOrderId). Brands cost nothing at run time.
 */
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type InstrumentSymbol = Brand<string, 'InstrumentSymbol'>;
export type UserId = Brand<string, 'UserId'>;
export type AccountId = Brand<string, 'AccountId'>;

/** Symbols are upper-case BASE-QUOTE pairs (`BTC-USD`) or stock tickers (`AAPL`). */
export const SYMBOL_PATTERN = /^[A-Z0-9]{1,12}(?:-[A-Z0-9]{1,12})?$/;

export function isInstrumentSymbol(s: string): s is InstrumentSymbol {
  return SYMBOL_PATTERN.test(s);
}
