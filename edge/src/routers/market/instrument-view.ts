import { type Database, schema } from '@tradewind/db';
import { assert, CURRENCY_SCALE, minorToDecimal, parseStep, stepsToDecimal } from '@tradewind/shared';
import { asc } from 'drizzle-orm';

/** An instrument as clients see it: every size an exact decimal string. */
export type InstrumentView = {
  symbol: string;
  kind: 'crypto' | 'stock';
  base: string;
  quote: string;
  status: 'active' | 'halted' | 'delisted';
  tickSize: string;
  lotSize: string;
  minQtyLots: number;
  /** minQtyLots × lotSize. */
  minQty: string;
  /** The smallest order value, in the quote currency. */
  minNotional: string;
};

export async function loadInstruments(db: Database): Promise<InstrumentView[]> {
  const rows = await db.select().from(schema.instruments).orderBy(asc(schema.instruments.symbol));
  return rows.map((r) => {
    const scale = CURRENCY_SCALE[r.quote];
    assert(scale !== undefined, `instrument ${r.symbol} quotes unknown currency ${r.quote}`);
    const tick = parseStep(r.tickSize);
    const lot = parseStep(r.lotSize);
    return {
      symbol: r.symbol,
      kind: r.kind,
      base: r.base,
      quote: r.quote,
      status: r.status,
      tickSize: tick.text,
      lotSize: lot.text,
      minQtyLots: r.minQtyLots,
      minQty: stepsToDecimal(r.minQtyLots, lot),
      minNotional: minorToDecimal(BigInt(r.minNotionalMinor), scale),
    };
  });
}
