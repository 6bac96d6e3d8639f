import type { Command } from '../engine/index';

type WithoutTime<C> = C extends unknown ? Omit<C, 'timeMs'> : never;

/** A command the strategy asked for, before the host stamps its time (live: now; backtest: the fill point). */
export type UntimedCommand = WithoutTime<
  Extract<Command, { type: 'PlaceOrder' | 'PlaceOco' | 'PlaceBracket' | 'ModifyOrder' | 'CancelOrder' | 'CancelAll' }>
>;

/** An intent: the command, the symbol it concerns ('' for all) and when the strategy decided it. */
export type StrategyIntent = {
  readonly command: UntimedCommand;
  readonly symbol: string;
  readonly createdMs: number;
};

/**
 * Stamps an intent's command with the time it reaches the engine. The command object is made
 * once by the runtime and used once, so it is stamped in place (no copy on the hot path).
 */
export function timedCommand(intent: StrategyIntent, timeMs: number): Command {
  const command = intent.command as UntimedCommand & { timeMs: number };
  command.timeMs = timeMs;
  return command as Command;
}

/** A signal, for the look-ahead check and the report: what was decided when, in a comparable form. */
export type Signal = {
  readonly timeMs: number;
  readonly symbol: string;
  readonly action: UntimedCommand['type'];
  readonly detail: string;
};

export function signalOf(intent: StrategyIntent): Signal {
  const c = intent.command;
  let detail: string;
  switch (c.type) {
    case 'PlaceOrder':
      detail = specText(c.order);
      break;
    case 'PlaceOco':
      detail = `${specText(c.first)}|${specText(c.second)}`;
      break;
    case 'PlaceBracket':
      detail = `${specText(c.entry)} tp ${c.takeProfitTicks} sl ${c.stopLossTriggerTicks}/${c.stopLossLimitTicks ?? 0}`;
      break;
    case 'ModifyOrder':
      detail = `#${c.orderId} q${c.qtyLots ?? ''} p${c.priceTicks ?? ''} t${c.triggerPriceTicks ?? ''}`;
      break;
    case 'CancelOrder':
      detail = `#${c.orderId ?? ''} ${c.clientOrderId ?? ''}`;
      break;
    case 'CancelAll':
      detail = c.symbol ?? '';
      break;
  }
  return { timeMs: intent.createdMs, symbol: intent.symbol, action: c.type, detail };
}

function specText(o: {
  side: string;
  orderType: string;
  qtyLots: number;
  priceTicks?: number;
  triggerPriceTicks?: number;
}): string {
  return `${o.side} ${o.orderType} ${o.qtyLots}@${o.priceTicks ?? ''}/${o.triggerPriceTicks ?? ''}`;
}
