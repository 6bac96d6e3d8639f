import { parseStep } from '@tradewind/shared';
import { fail } from '../../errors';
import type { InstrumentGrid } from '../../market-data/index';
import type { InstrumentView } from './instrument-view';

const grids = new Map<string, InstrumentGrid>();
/** Distinct grids kept; instruments are few, so this only guards against a leak. */
const GRIDS_MAX = 10_000;

/** The grid of a known symbol, or MARKET_UNKNOWN_SYMBOL. */
export async function gridOf(list: Promise<InstrumentView[]>, symbol: string): Promise<InstrumentGrid> {
  const view = (await list).find((i) => i.symbol === symbol);
  if (view === undefined)
    return fail('MARKET_UNKNOWN_SYMBOL', `Unknown symbol ${JSON.stringify(symbol.slice(0, 32))}.`);
  const key = `${view.symbol}|${view.tickSize}|${view.lotSize}`;
  let grid = grids.get(key);
  if (grid === undefined) {
    if (grids.size >= GRIDS_MAX) grids.clear();
    grid = {
      symbol: view.symbol,
      base: view.base,
      quote: view.quote,
      tick: parseStep(view.tickSize),
      lot: parseStep(view.lotSize),
    };
    grids.set(key, grid);
  }
  return grid;
}
