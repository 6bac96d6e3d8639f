/** What the user asks for: the price reaching a level from below, from above, or either. */
export const ALERT_CONDITIONS = ['above', 'below', 'crosses'] as const;
export type AlertCondition = (typeof ALERT_CONDITIONS)[number];

/**
 * An alert as the index holds it. `referenceTicks` is the last price when the alert was
 * created: a `crosses` alert fires when the price reaches the threshold from that side.
 */
export type PriceAlert = {
  readonly id: string;
  readonly symbol: string;
  readonly condition: AlertCondition;
  readonly thresholdTicks: number;
  readonly referenceTicks: number;
};

/** Which way the price must move for the alert to fire: up to ≥ threshold, or down to ≤ threshold. */
export type AlertSide = 'up' | 'down';

/** `above` waits for price ≥ threshold, `below` for ≤; `crosses` takes the side away from its reference. */
export function sideOf(alert: PriceAlert): AlertSide {
  switch (alert.condition) {
    case 'above':
      return 'up';
    case 'below':
      return 'down';
    case 'crosses':
      return alert.thresholdTicks > alert.referenceTicks ? 'up' : 'down';
  }
}
