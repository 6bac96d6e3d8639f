// The market-data service's door: sources, cache, store and the CSV importer.
export type { Bar } from './bar';
export { BarStore, type StoreSource } from './bar-store';
export {
  type CcxtConfig,
  MARKET_DATA_DEFAULTS,
  type MarketDataConfig,
  marketDataConfig,
  marketDataEnv,
} from './config';
export { type CsvImportResult, importCsv } from './csv-import';
export { findGaps, type Gap, mergeBars } from './gaps';
export { alignDown, BAR_INTERVALS, type BarInterval, INTERVAL_MS, isBarInterval } from './intervals';
export { type CandlesAnswer, CHUNK_BARS, MarketDataService } from './market-data';
export { CSV_ERRORS_LISTED_MAX, CSV_LINES_MAX, type CsvError, parseCsv } from './sources/csv/parse-csv';
export type { BarSource, InstrumentGrid, SourceFailure, SourceId } from './sources/source';
export { decodeCursor, encodeCursor, readTrades, type TradeRow } from './trades';
