import { useSignal } from '@preact/signals';
import { hrefOf, hrefOfChart } from '../../app/router';
import type { Services } from '../../app/services';
import { useServices } from '../../app/services-context';
import { FormAlert } from '../../components/form-alert';
import { toApiError } from '../../lib/api/api-error';
import { isChartInterval } from '../../lib/chart/intervals';
import { saveChartInterval } from '../chart/chart-screen';
import './import.css';
import { SymbolSelect } from '../../components/symbol-select';

type Result = Awaited<ReturnType<Services['api']['market']['importCsv']['mutate']>>;

/** Edge's upload limit (CSV_UPLOAD_CHARS_MAX): bigger files go through the command line. */
export const CSV_UPLOAD_CHARS_MAX = 48 * 1024;
/** Rejected rows listed on screen; the count says how many there were in all. */
export const ERRORS_SHOWN_MAX = 50;

/** Checked before the upload: no file, or one edge would refuse for its size. */
function refusalOf(file: File | undefined): string | null {
  if (file === undefined) return 'Choose a CSV file first.';
  if (file.size <= CSV_UPLOAD_CHARS_MAX) return null;
  const kib = Math.ceil(file.size / 1024);
  return `This file is ${kib} KiB: the app takes up to 48 KiB. Import bigger files with npm run import-csv -w edge.`;
}

const LAYOUTS: Record<string, string> = { binance: 'Binance kline export', yahoo: 'Yahoo Finance', stooq: 'Stooq' };

/**
 * `#/import`: history from a CSV file (Binance kline exports, Yahoo and Stooq daily files; the
 * layout is recognised from the header). A file with any bad row imports nothing and every bad
 * row is listed by line and column; an imported file links to its symbol's chart.
 */
export function ImportScreen() {
  const s = useServices();
  const chosen = useSignal('');
  // The list may arrive after the screen: until a symbol is chosen, the first one is.
  const current = chosen.value || (s.instruments.value[0]?.symbol ?? '');
  const result = useSignal<{ symbol: string; answer: Result } | null>(null);
  const error = useSignal<string | null>(null);
  const busy = useSignal(false);
  if (s.session.user.value === null) {
    return (
      <section class="import">
        <h1>Import history</h1>
        <p class="muted">
          <a href={hrefOf('login')}>Log in</a> to import a CSV file.
        </p>
      </section>
    );
  }
  const onSubmit = (ev: Event) => {
    ev.preventDefault();
    const form = ev.currentTarget as HTMLFormElement;
    const file = (form.elements.namedItem('file') as HTMLInputElement).files?.[0];
    const sym = current;
    result.value = null;
    const refused = refusalOf(file);
    if (refused !== null || file === undefined) {
      error.value = refused;
      return;
    }
    busy.value = true;
    error.value = null;
    file
      .text()
      .then((csv) => s.api.market.importCsv.mutate({ symbol: sym, csv }))
      .then((answer) => {
        result.value = { symbol: sym, answer };
      })
      .catch((e: unknown) => {
        error.value = toApiError(e).message;
      })
      .finally(() => {
        busy.value = false;
      });
  };
  return (
    <section class="import" aria-labelledby="import-title">
      <h1 id="import-title">Import history</h1>
      <p class="muted">
        A CSV of bars: a Binance kline export, or a Yahoo Finance or Stooq daily file (the layout is recognised from its
        header). A file with any bad row imports nothing.
      </p>
      <form class="panel import-form" onSubmit={onSubmit} data-testid="import-form">
        <FormAlert message={error.value} />
        <SymbolSelect
          value={current}
          symbols={s.instruments.value}
          onChange={(symbol) => {
            chosen.value = symbol;
          }}
        />
        <label>
          CSV file
          <input type="file" name="file" accept=".csv,text/csv,text/plain" required />
        </label>
        <button class="btn btn-primary" type="submit" disabled={busy.value || current === ''}>
          {busy.value ? 'Importing…' : 'Import'}
        </button>
      </form>
      {result.value ? <ImportResult symbol={result.value.symbol} answer={result.value.answer} /> : null}
    </section>
  );
}

function ImportResult({ symbol, answer }: { symbol: string; answer: Result }) {
  const s = useServices();
  if (!answer.ok) {
    const shown = answer.errors.slice(0, ERRORS_SHOWN_MAX);
    return (
      <div class="panel import-errors" data-testid="import-errors" role="alert">
        <h2>
          Nothing was imported: {answer.errorCount} {answer.errorCount === 1 ? 'problem' : 'problems'} in the file
        </h2>
        <table>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Column</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((e) => (
              <tr key={`${e.line}:${e.column}`}>
                <td>{e.line}</td>
                <td>{e.column === 0 ? '—' : e.column}</td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {answer.errorCount > shown.length ? (
          <p class="muted">…and {answer.errorCount - shown.length} more. Fix these and import again.</p>
        ) : null}
      </div>
    );
  }
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const open = () => {
    if (isChartInterval(answer.interval)) saveChartInterval(s.storage, symbol, answer.interval);
  };
  return (
    <div class="panel import-done" data-testid="import-done" role="status">
      <h2>Imported {symbol}</h2>
      <p>
        {answer.rows} rows of {answer.interval} bars ({answer.imported} new), {LAYOUTS[answer.layout] ?? answer.layout}{' '}
        layout, from {day(answer.fromMs)} to {day(answer.toMs - 1)}.
      </p>
      <a class="btn btn-primary" href={hrefOfChart(symbol)} onClick={open}>
        View the {symbol} chart
      </a>
    </div>
  );
}
