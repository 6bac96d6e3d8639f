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
});
