import { describe, expect, it } from 'vitest';
import { checksOf, parseRange, researchOf, searchOf } from './research';

describe('the research form and results', () => {
  it('reads a list of values or a min:max:step range, and refuses anything else', () => {
    expect(parseRange('3, 5,8')).toEqual({ values: [3, 5, 8] });
    expect(parseRange('10:50:5')).toEqual({ min: 10, max: 50, step: 5 });
    expect(parseRange('  ')).toBeNull();
    expect(parseRange('3,x')).toBeNull();
    expect(parseRange('1:9:0')).toBeNull();
    expect(parseRange('3,,5')).toBeNull();
  });

  it('builds edge’s search: only the parameters given, a random search’s samples, a cap in percent', () => {
    expect(searchOf({ fast: '3,5', slow: '', qtyLots: 'no' }, 'sharpe', 'grid', '', '')).toEqual({
      space: { fast: { values: [3, 5] } },
      method: 'grid',
      objective: 'sharpe',
    });
    expect(searchOf({ fast: '1:9:2' }, 'return', 'random', '12', '25')).toEqual({
      space: { fast: { min: 1, max: 9, step: 2 } },
      method: 'random',
      samples: 12,
      seed: 1,
      objective: 'return',
      maxDrawdownCapRatio: 0.25,
    });
  });

  it('maps a stored optimisation and walk-forward, and nothing for a single run', () => {
    expect(researchOf({})).toBeNull();
    const opt = researchOf({
      kind: 'optimise',
      optimisation: {
        objective: { objective: 'sharpe' },
        candidateCount: 3,
        unrankedCount: 1,
        ranked: [{ params: { fast: 3 }, score: 1.5, metrics: null }],
      },
    });
    expect(opt).toEqual({
      kind: 'optimise',
      objective: 'sharpe',
      candidateCount: 3,
      unrankedCount: 1,
      ranked: [{ params: { fast: 3 }, score: 1.5, metrics: null }],
    });
    const wf = researchOf({
      kind: 'walk-forward',
      walkForward: {
        objective: { objective: 'return' },
        windows: [
          {
            outOfSampleFromMs: 1,
            outOfSampleToMs: 2,
            params: { fast: 3 },
            score: 0.1,
            outOfSample: { endEquityMinor: '5', tradeCount: 2 },
          },
          { outOfSampleFromMs: 2, outOfSampleToMs: 3, params: null, score: null, outOfSample: null },
        ],
      },
    });
    expect(wf?.kind === 'walk-forward' && wf.windows.map((w) => [w.endEquityMinor, w.tradeCount])).toEqual([
      ['5', 2],
      [null, null],
    ]);
  });

  it('maps a stored Monte Carlo and look-ahead check: passed, the first changed decision, or why it could not run', () => {
    expect(checksOf({})).toBeNull();
    const p = { p5: -0.1, p25: 0, p50: 0.05, p75: 0.1, p95: 0.2 };
    const monteCarlo = { runs: 1000, method: 'bootstrap', totalReturnRatio: p, maxDrawdownRatio: p, ruinRatio: 0 };
    expect(checksOf({ monteCarlo })).toEqual({ monteCarlo, lookAhead: null });
    const ok = { consistent: true, cutTimeMs: 1, full: null, truncated: null };
    const bad = {
      consistent: false,
      cutTimeMs: 2,
      full: { timeMs: Date.UTC(2026, 0, 2), action: 'PlaceOrder', detail: 'buy 10 market' },
      truncated: null,
    };
    expect(checksOf({ monteCarlo, lookAhead: { passed: true, cuts: [ok, ok] } })?.lookAhead).toEqual({
      passed: true,
      cuts: 2,
      firstDifference: null,
      error: null,
    });
    expect(checksOf({ lookAhead: { passed: false, cuts: [ok, bad] } })?.lookAhead?.firstDifference).toBe(
      'the full run decided PlaceOrder buy 10 market at 2026-01-02T00:00, the run cut there nothing',
    );
    expect(checksOf({ lookAhead: { error: 'LOOK_AHEAD_INVALID: fewer bars than cuts' } })?.lookAhead).toMatchObject({
      passed: false,
      error: 'LOOK_AHEAD_INVALID: fewer bars than cuts',
    });
  });
});
