import { minorToDecimal, stepsToDecimal } from '@tradewind/shared';
import { INSTRUMENTS } from '@tradewind/shared/domain';
import type { FillTotals } from '../../data/owned-strategies';
import { minorOf, scaled } from '../reports/decimal-money';

export type SymbolPerformance = {
  symbol: string;
  /** Signed: what its fills bought − sold. */
  position: string;
  /** The price the open position is valued at (newest recorded bar's close); null: none known. */
  markPrice: string | null;
  pnl: string;
  fees: string;
  fills: number;
};
export type Performance = { pnl: string; fees: string; fills: number; symbols: SymbolPerformance[] };

type Dec = { units: bigint; scale: number };
const at = (d: Dec, scale: number) => d.units * 10n ** BigInt(scale - d.scale);
const add = (a: Dec, b: Dec): Dec => {
  const scale = Math.max(a.scale, b.scale);
  return { units: at(a, scale) + at(b, scale), scale };
};
const mul = (a: Dec, b: Dec): Dec => ({ units: a.units * b.units, scale: a.scale + b.scale });
const neg = (a: Dec): Dec => ({ units: -a.units, scale: a.scale });
function text(d: Dec): string {
  const abs = (d.units < 0n ? -d.units : d.units).toString().padStart(d.scale + 1, '0');
  const body = d.scale === 0 ? abs : `${abs.slice(0, -d.scale)}.${abs.slice(-d.scale)}`;
  return d.units < 0n ? `-${body}` : body;
}

/**
 * A deployment's PnL from its own fills, in exact decimals: Σ sells' price × quantity − Σ buys'
 * − fees + position × mark, rounded half-even to the currency's minor unit once, at the end.
 * On a sub-account this is the sub-account's PnL; on a shared account it is the strategy's share.
 */
export function performanceOf(
  totals: readonly FillTotals[],
  marksTicks: ReadonlyMap<string, number>,
  currencyScale: number,
): Performance {
  let pnl: Dec = { units: 0n, scale: 0 };
  let fees: Dec = { units: 0n, scale: 0 };
  let fills = 0;
  const symbols = totals.map((t): SymbolPerformance => {
    const inst = INSTRUMENTS.find((i) => i.symbol === t.symbol);
    const ticks = marksTicks.get(t.symbol);
    const mark = inst === undefined || ticks === undefined ? null : stepsToDecimal(ticks, inst.tick);
    const qty = scaled(t.quantity);
    const fee = scaled(t.fees);
    let own = add(scaled(t.cashFlow), neg(fee));
    if (mark !== null) own = add(own, mul(qty, scaled(mark)));
    pnl = add(pnl, own);
    fees = add(fees, fee);
    fills += t.fills;
    const position = qty.units === 0n ? '0' : text(qty);
    return {
      symbol: t.symbol,
      position,
      markPrice: mark,
      pnl: money(own, currencyScale),
      fees: t.fees,
      fills: t.fills,
    };
  });
  return { pnl: money(pnl, currencyScale), fees: money(fees, currencyScale), fills, symbols };
}

const money = (d: Dec, scale: number): string => minorToDecimal(minorOf(text(d), scale), scale);
