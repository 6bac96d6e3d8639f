import { z } from 'zod';
import { fail } from '../../errors';
import { importCsv } from '../../market-data/index';
import { protectedProcedure } from '../../trpc';
import { gridOf } from './grid';

/**
 * Characters of one uploaded CSV: it travels inside a tRPC body of at most 64 KiB
 * (REQUEST_BODY_BYTES_MAX) with JSON escaping; bigger files go through the CLI
 * (`npm run import-csv -w edge -- <symbol> <file>`).
 */
export const CSV_UPLOAD_CHARS_MAX = 48 * 1024;

/**
 * Imports daily or intraday bars under `source = 'csv'`. Every bad row is reported by line
 * and column and a rejected file stores nothing. Market data is shared by every user, so
 * only the role in MD_CSV_IMPORT_ROLE (default `admin`) may import.
 */
export const importCsvProcedure = protectedProcedure
  .input(z.object({ symbol: z.string().min(1).max(32), csv: z.string() }))
  .mutation(async ({ ctx, input }) => {
    const role = ctx.auth?.role;
    if (ctx.marketData.config.csvImportRole === 'admin' && role !== 'admin') return fail('MARKET_IMPORT_FORBIDDEN');
    if (input.csv.length > CSV_UPLOAD_CHARS_MAX) return fail('MARKET_CSV_TOO_LARGE');
    const grid = await gridOf(ctx.instruments.get().value, input.symbol);
    return importCsv(ctx.marketData, ctx.marketData.sql, grid, input.csv);
  });
