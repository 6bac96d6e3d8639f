import { describe, expect, it } from 'vitest';
import { DEPTH_LEVELS_MAX, DepthBook } from './depth-book';

describe('DepthBook', () => {
  it('rebuilds the book from a snapshot and in-order deltas, best first', () => {
    const book = new DepthBook();
    book.applySnapshot(
      10,
      [
        { price: '99.5', qty: '1' },
        { price: '100', qty: '2' },
      ],
      [{ price: '101', qty: '3' }],
    );
    expect(
      book.applyDelta(11, [
        { side: 'bid', price: '99.5', qty: '0' },
        { side: 'ask', price: '100.5', qty: '0.25' },
      ]),
    ).toBe('applied');
    expect(book.levels(5)).toEqual({
      bids: [{ price: '100', qty: '2' }],
      asks: [
        { price: '100.5', qty: '0.25' },
        { price: '101', qty: '3' },
      ],
    });
  });

  it('ignores a repeated delta and drops out of sync on a gap until the next snapshot', () => {
    const book = new DepthBook();
    expect(book.applyDelta(1, [])).toBe('gap');
    book.applySnapshot(5, [], []);
    expect(book.applyDelta(5, [{ side: 'bid', price: '1', qty: '1' }])).toBe('stale');
    expect(book.applyDelta(7, [])).toBe('gap');
    expect(book.inSync).toBe(false);
    expect(book.applyDelta(8, [])).toBe('gap');
    book.applySnapshot(8, [{ price: '1', qty: '1' }], []);
    expect(book.applyDelta(9, [])).toBe('applied');
  });

  it('keeps at most DEPTH_LEVELS_MAX levels of a snapshot per side', () => {
    const book = new DepthBook();
    const many = Array.from({ length: DEPTH_LEVELS_MAX + 1 }, (_, i) => ({ price: String(i + 1), qty: '1' }));
    book.applySnapshot(1, many, []);
    expect(book.levels(1000).bids).toHaveLength(DEPTH_LEVELS_MAX);
  });
});
