import { router } from '../../trpc';
import { candles } from './candles';
import { importCsvProcedure } from './import-csv';
import { instruments } from './instruments';
import { trades } from './trades';

/** Public market data. Candles and trades (issue 5) join here, behind the same caches. */
export const marketRouter = router({ instruments, candles, trades, importCsv: importCsvProcedure });
