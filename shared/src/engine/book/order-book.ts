import type {
  BookOptions,
  BookOrder,
  BookRejectCode,
  BookSnapshot,
  DepthSnapshot,
  FillSink,
  LevelView,
  RestingOrder,
  Side,
  SubmitOutcome,
} from './types';

const NOT_YET = 'order book: implementation in progress';

/**
 * One instrument's limit order book with price-time priority (the paper venue).
 * Skeleton: the public API is fixed; the implementation follows.
 */
export class OrderBook {
  constructor(_options: BookOptions = {}) {}

  /** Unfilled quantity of the taker after the last `submit` (0 after a rejection). */
  get lastRemainingLots(): number {
    throw new Error(NOT_YET);
  }
  /** Quantity the taker traded in the last `submit`. */
  get lastFilledLots(): number {
    throw new Error(NOT_YET);
  }
  /** Resting orders. */
  get size(): number {
    throw new Error(NOT_YET);
  }
  /** Seq of the last depth delta emitted (0 before any). */
  get seq(): number {
    throw new Error(NOT_YET);
  }

  submit(_order: BookOrder, _sink: FillSink): SubmitOutcome | BookRejectCode {
    throw new Error(NOT_YET);
  }
  cancel(_orderId: number): number {
    throw new Error(NOT_YET);
  }
  reduce(_orderId: number, _newQtyLots: number): 'reduced' | BookRejectCode {
    throw new Error(NOT_YET);
  }
  get(_orderId: number): RestingOrder | undefined {
    throw new Error(NOT_YET);
  }
  has(_orderId: number): boolean {
    throw new Error(NOT_YET);
  }
  remainingLots(_orderId: number): number {
    throw new Error(NOT_YET);
  }
  ownerOf(_orderId: number): number {
    throw new Error(NOT_YET);
  }
  bestBidTicks(): number {
    throw new Error(NOT_YET);
  }
  bestAskTicks(): number {
    throw new Error(NOT_YET);
  }
  bestBid(): LevelView | undefined {
    throw new Error(NOT_YET);
  }
  bestAsk(): LevelView | undefined {
    throw new Error(NOT_YET);
  }
  levelCount(_side: Side): number {
    throw new Error(NOT_YET);
  }
  depth(_levels?: number): DepthSnapshot {
    throw new Error(NOT_YET);
  }
  wouldCross(_side: Side, _priceTicks: number): boolean {
    throw new Error(NOT_YET);
  }
  fokFillable(_order: BookOrder): boolean {
    throw new Error(NOT_YET);
  }
  forEachResting(
    _fn: (orderId: number, ownerId: number, side: Side, priceTicks: number, qtyLots: number) => void,
  ): void {
    throw new Error(NOT_YET);
  }
  validate(): void {
    throw new Error(NOT_YET);
  }
  snapshot(): BookSnapshot {
    throw new Error(NOT_YET);
  }
  restore(_snapshot: BookSnapshot): 'restored' | 'BOOK_INVALID_SNAPSHOT' {
    throw new Error(NOT_YET);
  }
}
