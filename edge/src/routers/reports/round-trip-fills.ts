import type { Database } from '@tradewind/db';
import { decimalToSteps, parseStep, type Step } from '@tradewind/shared';
import type { ClosedTrade } from '@tradewind/shared/metrics';
import { type RoundTripFill, roundTripsOf } from '@tradewind/shared/metrics';
import type { FillView } from '@tradewind/shared/protocol';
import { loadInstruments } from '../market/instrument-view';
import { minorOf, notionalMinorOf } from './decimal-money';

export type Steps = ReadonlyMap<string, { tick: Step; lot: Step }>;

/** Tick and lot steps of every instrument: fills are decimals, round trips count ticks and lots. */
export async function instrumentSteps(db: Database): Promise<Steps> {
  const list = await loadInstruments(db);
  return new Map(list.map((i) => [i.symbol, { tick: parseStep(i.tickSize), lot: parseStep(i.lotSize) }]));
}

function steps(text: string, step: Step | undefined): number | undefined {
  if (step === undefined) return undefined;
  const n = decimalToSteps(text, step);
  return n.ok && n.value > 0n && n.value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n.value) : undefined;
}

/**
 * A projected fill as the round-trip builder wants it: a position per account and symbol, the
 * value as the engine settled it (price × quantity, half-even to the minor unit) and the fee.
 * Undefined for a fill off its instrument's grid (none are: core writes them from ticks and lots).
 */
export function roundTripFillOf(f: FillView, s: Steps, currencyScale: number): RoundTripFill | undefined {
  const priceTicks = steps(f.price, s.get(f.symbol)?.tick);
  const qtyLots = steps(f.quantity, s.get(f.symbol)?.lot);
  if (priceTicks === undefined || qtyLots === undefined) return undefined;
  return {
    key: `${f.accountId}:${f.symbol}`,
    timeMs: f.tsMs,
    orderId: f.orderId,
    side: f.side,
    qtyLots,
    priceTicks,
    valueMinor: notionalMinorOf(f.price, f.quantity, currencyScale),
    feeMinor: minorOf(f.fee, currencyScale),
  };
}

/**
 * The round trips that CLOSED in [fromMs, toMs], from every fill up to toMs (oldest first): a
 * trip opened before the period and closed in it counts here, with its whole entry; one still
 * open at toMs does not count yet. `openPositions`: positions still open at toMs.
 */
export function closedTripsIn(
  fills: readonly FillView[],
  s: Steps,
  currencyScale: number,
  fromMs: number,
  toMs: number,
): { trades: ClosedTrade[]; openPositions: number } {
  const built = roundTripsOf(
    fills.flatMap((f) => {
      const r = roundTripFillOf(f, s, currencyScale);
      return r === undefined ? [] : [r];
    }),
  );
  return {
    trades: built.trades.filter((t) => t.exitTimeMs >= fromMs && t.exitTimeMs <= toMs),
    openPositions: built.openLots().size,
  };
}
