import { type PriceAlert, sideOf } from './types';

/**
 * The simple thing the index is tested and benchmarked against: every tick looks at every
 * waiting alert of every symbol.
 */
export class NaiveAlertScan {
  private alerts: PriceAlert[] = [];
  private readonly ids = new Set<string>();

  get size(): number {
    return this.alerts.length;
  }

  add(alert: PriceAlert): boolean {
    if (this.ids.has(alert.id)) return false;
    this.ids.add(alert.id);
    this.alerts.push(alert);
    return true;
  }

  remove(id: string): boolean {
    if (!this.ids.delete(id)) return false;
    this.alerts = this.alerts.filter((a) => a.id !== id);
    return true;
  }

  evaluate(symbol: string, priceTicks: number, out: PriceAlert[]): number {
    let fired = 0;
    for (const a of this.alerts) {
      if (firesAt(a, symbol, priceTicks)) {
        out.push(a);
        fired++;
      }
    }
    // Rebuilt only when something fired: the scan itself allocates nothing.
    if (fired > 0) {
      this.alerts = this.alerts.filter((a) => !firesAt(a, symbol, priceTicks));
      for (let i = out.length - fired; i < out.length; i++) this.ids.delete((out[i] as PriceAlert).id);
    }
    return fired;
  }
}

function firesAt(a: PriceAlert, symbol: string, priceTicks: number): boolean {
  if (a.symbol !== symbol) return false;
  return sideOf(a) === 'up' ? priceTicks >= a.thresholdTicks : priceTicks <= a.thresholdTicks;
}
