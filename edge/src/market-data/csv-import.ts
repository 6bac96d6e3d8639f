import type { Sql } from '@tradewind/db';
import type { BarStore } from './bar-store';
import { INTERVAL_MS } from './intervals';
import type { MarketDataService } from './market-data';
import { csvSource } from './sources/csv/csv-source';
import type { CsvLayout } from './sources/csv/layouts';
import { type CsvError, parseCsv } from './sources/csv/parse-csv';
import type { InstrumentGrid } from './sources/source';

export type CsvImportResult =
  | {
      ok: true;
      layout: CsvLayout;
      interval: string;
      rows: number;
      /** Rows stored; rows already imported before are kept as they were (dedupe by open time). */
      imported: number;
      fromMs: number;
      toMs: number;
    }
  | { ok: false; errors: CsvError[]; errorCount: number };

/**
 * Parses a CSV file and stores its bars under `source = 'csv'` in one transaction: a file
 * with any bad row stores nothing, and a failure half-way stores nothing either.
 */
export async function importCsv(
  service: MarketDataService,
  sql: Sql,
  grid: InstrumentGrid,
  text: string,
): Promise<CsvImportResult> {
  const parsed = parseCsv(text, grid);
  if (!parsed.ok) return parsed;
  const { bars, interval, layout } = parsed;
  const first = bars[0];
  const last = bars.at(-1);
  if (first === undefined || last === undefined)
    return { ok: false, errors: [{ line: 1, column: 0, message: 'no rows' }], errorCount: 1 };
  const fromMs = first[0];
  const toMs = last[0] + INTERVAL_MS[interval];
  const source = csvSource(bars);
  const { bars: fromSource } = await source.fetchBars({ instrument: grid, interval, fromMs, toMs });
  const store: BarStore = service.store;
  const imported = await sql.begin((tx) => store.write(grid.symbol, interval, 'csv', fromSource, tx as unknown as Sql));
  await service.invalidate(grid.symbol, interval, ['csv', 'best'], fromMs, toMs);
  return { ok: true, layout, interval, rows: bars.length, imported, fromMs, toMs };
}
