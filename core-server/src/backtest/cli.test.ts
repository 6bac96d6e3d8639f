import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT, runCli } from './run-cli';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function cli(args: string[]) {
  const dir = await mkdtemp(join(tmpdir(), 'tw-backtest-'));
  dirs.push(dir);
  let err = '';
  let out = '';
  const code = await runCli([...args, '--out', dir], {
    stderr: (s) => {
      err += s;
    },
    stdout: (s) => {
      out += s;
    },
    stderrIsTty: false,
    env: {},
  });
  return { code, err, out, dir };
}

const BASE = ['--strategy', 'sma-cross', '--symbol', 'BTC-USD', '--params', '{"fast":5,"slow":20}'];

describe('backtest CLI', () => {
  it('writes a self-contained HTML report and a JSON result on generated bars', async () => {
    const r = await cli([...BASE, '--from', '2026-01-01', '--to', '2026-01-15', '--seed', '7', '--monte-carlo', '200']);
    expect(r.code).toBe(EXIT.ok);
    expect(r.out.trim()).toBe(join(r.dir, 'report.html'));
    expect(r.err).toContain('100 % 336/336 bars');
    const html = await readFile(join(r.dir, 'report.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain('Generated bars');
    expect(html).toContain('Probabilistic Sharpe ratio');
    expect(html).toContain('Monte Carlo');
    expect(html).not.toMatch(/<script|src=["']http/);
    const json = JSON.parse(await readFile(join(r.dir, 'result.json'), 'utf8'));
    expect(json.result.status).toBe('completed');
    expect(json.result.eventsDone).toBe(336);
    expect(json.source).toEqual({ kind: 'generated', seed: 7, reason: 'asked for with --seed' });
    expect(json.result.trades.length).toBeGreaterThan(0);
    expect(html).toContain(`Trades (${json.result.trades.length}`);
  });

  it('is deterministic: the same arguments give the same JSON', async () => {
    const args = [...BASE, '--from', '2026-01-01', '--to', '2026-01-05', '--seed', '3'];
    const a = await cli(args);
    const b = await cli(args);
    expect(await readFile(join(a.dir, 'result.json'), 'utf8')).toBe(await readFile(join(b.dir, 'result.json'), 'utf8'));
  });

  it('reads bars from a CSV file (decimal prices on the tick grid)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tw-csv-'));
    dirs.push(dir);
    const rows = ['time,open,high,low,close,volume'];
    const closes = [100, 100, 100, 100, 110, 120, 130, 120, 100, 90, 80, 80];
    closes.forEach((c, i) => {
      rows.push(
        `${Date.UTC(2026, 0, 1, i)},${closes[i - 1] ?? c}.00,${Math.max(c, closes[i - 1] ?? c)},${Math.min(c, closes[i - 1] ?? c)},${c}.00,1.5`,
      );
    });
    await writeFile(join(dir, 'bars.csv'), rows.join('\n'));
    const r = await cli([
      '--strategy',
      'sma-cross',
      '--symbol',
      'ETH-USD',
      '--params',
      '{"fast":2,"slow":4,"qtyLots":1000}',
      '--from',
      '2026-01-01',
      '--to',
      '2026-01-02',
      '--data',
      join(dir, 'bars.csv'),
      '--maker-bps',
      '0',
      '--taker-bps',
      '0',
    ]);
    expect(r.err).not.toContain('backtest:');
    expect(r.code).toBe(EXIT.ok);
    const json = JSON.parse(await readFile(join(r.dir, 'result.json'), 'utf8'));
    expect(json.source.kind).toBe('csv');
    // Buy the open after bar 4 (110 → the open of bar 5 is 110.00), sell the open after bar 8.
    expect(json.result.fills.map((f: { side: string; priceTicks: number }) => [f.side, f.priceTicks])).toEqual([
      ['buy', 11_000],
      ['sell', 10_000],
    ]);
  });

  it.each([
    [['--strategy', 'nope', '--symbol', 'BTC-USD', '--from', '2026-01-01', '--to', '2026-01-02'], 'STRATEGY_UNKNOWN'],
    [
      [
        '--strategy',
        'sma-cross',
        '--symbol',
        'BTC-USD',
        '--from',
        '2026-01-01',
        '--to',
        '2026-01-02',
        '--params',
        '{"fast":0}',
      ],
      'STRATEGY_PARAMS_INVALID',
    ],
    [
      ['--strategy', 'sma-cross', '--symbol', 'BTC-USD', '--from', '2026-01-02', '--to', '2026-01-01'],
      'RANGE_REVERSED',
    ],
    [['--strategy', 'sma-cross', '--symbol', 'BTC-USD', '--from', '2026-01-01', '--to', '2026-01-01'], 'RANGE_EMPTY'],
    [['--strategy', 'sma-cross', '--symbol', 'NOPE', '--from', '2026-01-01', '--to', '2026-01-02'], 'unknown symbol'],
    [['--strategy', 'sma-cross', '--symbol', 'BTC-USD', '--from', 'yesterday', '--to', '2026-01-02'], 'not a date'],
    [
      ['--strategy', 'sma-cross', '--symbol', 'BTC-USD', '--from', '2026-01-01', '--to', '2026-01-02', '--params', '{'],
      'not JSON',
    ],
    [['--strategy', 'sma-cross', '--bogus'], 'bogus'],
  ])('bad input %j → exit 2 with %s', async (args, message) => {
    const r = await cli(args);
    expect(r.code).toBe(EXIT.badInput);
    expect(r.err).toContain(message);
    expect(r.err).toContain('usage:');
  });

  describe('--optimise and --walk-forward', () => {
    const RANGE = ['--from', '2026-01-01', '--to', '2026-01-15', '--seed', '7', '--monte-carlo', '0'];
    const SPACE = ['--optimise', '{"fast":[3,5],"slow":"20:30:10"}', '--threads', '2'];

    it('ranks the candidates, reports the best run, and lists them all in HTML and JSON', async () => {
      const r = await cli([...BASE, ...RANGE, ...SPACE, '--objective', 'return']);
      expect(r.code).toBe(EXIT.ok);
      expect(r.err).toContain('100 % 4/4');
      const json = JSON.parse(await readFile(join(r.dir, 'result.json'), 'utf8'));
      const ranked: { params: Record<string, number>; score: number }[] = json.optimisation.ranked;
      expect(json.optimisation.candidateCount).toBe(4);
      expect(ranked.length + json.optimisation.unranked.length).toBe(4);
      const scores = ranked.map((c) => c.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      // The report's run is the best candidate, and its return is the best score.
      expect(json.result.params).toMatchObject(ranked[0]?.params ?? {});
      expect(json.result.performance.metrics.totalReturnRatio).toBe(ranked[0]?.score);
      const html = await readFile(join(r.dir, 'report.html'), 'utf8');
      expect(html).toContain('Optimisation: 4 candidates (grid), ranked by return');
    });

    it('walks forward: one row per window, the stitched out-of-sample run as the report’s run', async () => {
      // 14 days of 1h bars = 336; 100 in sample, 50 out → ⌈236 / 50⌉ = 5 windows, 20 backtests.
      const r = await cli([
        ...BASE,
        ...RANGE,
        ...SPACE,
        '--walk-forward',
        '100:50',
        '--search',
        'random',
        '--samples',
        '3',
      ]);
      expect(r.code).toBe(EXIT.ok);
      expect(r.err).toContain('100 % 15/15');
      const json = JSON.parse(await readFile(join(r.dir, 'result.json'), 'utf8'));
      expect(json.walkForward.steps).toHaveLength(5);
      expect(json.walkForward.inSampleMs).toBe(100 * 3_600_000);
      expect(json.result.stateHash).toBe('stitched (walk-forward)');
      expect(json.result.equity[0].timeMs).toBeGreaterThanOrEqual(Date.parse('2026-01-01') + 100 * 3_600_000);
      const html = await readFile(join(r.dir, 'report.html'), 'utf8');
      expect(html).toContain('Walk-forward: 5 windows');
      expect(html.match(/<tr><td>\d+<\/td><td>2026-[^<]* → 2026-/g)).toHaveLength(5);
    });

    it('--look-ahead reruns on data cut short: an honest built-in passes, in the report and the JSON', async () => {
      const r = await cli([...BASE, ...RANGE, '--look-ahead']);
      expect(r.code).toBe(EXIT.ok);
      const json = JSON.parse(await readFile(join(r.dir, 'result.json'), 'utf8'));
      expect(json.lookAhead.passed).toBe(true);
      expect(json.lookAhead.cuts.map((c: { barsKept: number }) => c.barsKept)).toEqual([56, 112, 168, 224, 280]);
      expect(await readFile(join(r.dir, 'report.html'), 'utf8')).toContain('Look-ahead check</h2><p>passed: 5 runs');
    });

    it('refuses a walk-forward without a search, a bad space and bad windows (exit 2)', async () => {
      for (const extra of [
        [...SPACE, '--look-ahead'],
        ['--walk-forward', '100:50'],
        ['--optimise', 'nope'],
        ['--optimise', '{"fast":"3-5"}'],
        [...SPACE, '--walk-forward', '100'],
        [...SPACE, '--walk-forward', '400:50'],
      ]) {
        const r = await cli([...BASE, ...RANGE, ...extra]);
        expect(r.code, extra.join(' ')).toBe(EXIT.badInput);
        expect(r.err).toContain('usage:');
      }
    });
  });
});
