import type { FillSink } from '../book/index';

/**
 * Collects what one `OrderBook.submit` reports, as parallel number arrays reused for every
 * submit (no allocation per fill). The engine processes the buffer after `submit` returns,
 * because the sink must not call back into the book and settlement may cancel orders.
 */
export class FillBuffer implements FillSink {
  count = 0;
  readonly makerIds: number[] = [];
  readonly prices: number[] = [];
  readonly qtys: number[] = [];
  readonly makerRemaining: number[] = [];
  /** Resting orders removed by self-trade prevention, and the lots they lost. */
  stpCount = 0;
  readonly stpIds: number[] = [];

  reset(): void {
    this.count = 0;
    this.stpCount = 0;
  }

  onFill(
    makerOrderId: number,
    _makerOwnerId: number,
    _takerOrderId: number,
    priceTicks: number,
    qtyLots: number,
    makerRemainingLots: number,
  ): void {
    const i = this.count++;
    this.makerIds[i] = makerOrderId;
    this.prices[i] = priceTicks;
    this.qtys[i] = qtyLots;
    this.makerRemaining[i] = makerRemainingLots;
  }

  onSelfTradePrevented(
    restingOrderId: number,
    _incomingOrderId: number,
    _cancelledLots: number,
    cancelled: 'resting' | 'incoming',
  ): void {
    if (cancelled === 'resting') this.stpIds[this.stpCount++] = restingOrderId;
  }
}
