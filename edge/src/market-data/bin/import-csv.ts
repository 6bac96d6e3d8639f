/**
 * `npm run import-csv -w edge -- <SYMBOL> <file.csv>`: imports a CSV file too big for an
 * upload (Binance kline dumps, Yahoo/Stooq daily history) under `source = 'csv'`, all or
 * nothing. Uses DATABASE_URL. Running edges see the bars when their cached chunks expire
 * (MD_CACHE_CLOSED_FRESH_MS); with Redis the shared entries are dropped at once.
 */
import { readFile, stat } from 'node:fs/promises';
import { connect } from '@tradewind/db';
import pino from 'pino';
import { loadConfig } from '../../config';
import { gridOf } from '../../routers/market/grid';
import { loadInstruments } from '../../routers/market/instrument-view';
import { MARKET_DATA_DEFAULTS } from '../config';
import { importCsv } from '../csv-import';
import { MarketDataService } from '../market-data';

/** Largest file the CLI reads (the parser also stops at CSV_LINES_MAX lines). */
export const CSV_FILE_BYTES_MAX = 64 * 1024 * 1024;

async function main(argv: string[]): Promise<number> {
  const [symbol, file] = argv;
  if (!symbol || !file) {
    process.stderr.write('usage: import-csv <SYMBOL> <file.csv>\n');
    return 2;
  }
  const loaded = loadConfig(process.env);
  if (!loaded.ok) {
    process.stderr.write(`${loaded.errors.join('\n')}\n`);
    return 2;
  }
  const size = (await stat(file)).size;
  if (size > CSV_FILE_BYTES_MAX) {
    process.stderr.write(`${file}: ${size} bytes, more than ${CSV_FILE_BYTES_MAX}\n`);
    return 1;
  }
  const handle = connect(loaded.config.databaseUrl, { max: 2, appName: 'tradewind-import-csv' });
  const log = pino({ level: 'warn' });
  const events = { lookup: () => {}, refreshSkipped: () => {}, sourceFailure: () => {}, redisError: () => {} };
  const config = loaded.config.marketData ?? MARKET_DATA_DEFAULTS;
  const service = new MarketDataService({ sql: handle.sql, config, nowMs: Date.now, log, events });
  try {
    const grid = await gridOf(loadInstruments(handle.db), symbol);
    const result = await importCsv(service, handle.sql, grid, await readFile(file, 'utf8'));
    if (!result.ok) {
      for (const e of result.errors) process.stderr.write(`${file}:${e.line}:${e.column}: ${e.message}\n`);
      process.stderr.write(`${result.errorCount} error(s); nothing imported\n`);
      return 1;
    }
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return 0;
  } finally {
    await service.close();
    await handle.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
