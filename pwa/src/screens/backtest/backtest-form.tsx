import type { Signal } from '@preact/signals';
import { INSTRUMENTS } from '@tradewind/shared/domain';
import { BUILTIN_STRATEGIES } from '@tradewind/shared/strategies';
import { SymbolSelect } from '../../components/symbol-select';
import { fieldsOf, initialValues, type ParamField, paramsOf } from '../../lib/backtest/param-form';
import { searchOf } from '../../lib/backtest/research';
import { CHART_INTERVALS, type ChartInterval, INTERVAL_MS, isChartInterval } from '../../lib/chart/intervals';
import type { RunInput } from './backtest-state';
import { defaultResearch, type ResearchForm, ResearchInputs } from './research-inputs';

export type FormState = {
  strategy: string;
  values: Record<string, string | boolean>;
  symbol: string;
  interval: ChartInterval;
  from: string;
  to: string;
  cash: string;
  research: ResearchForm;
};

/** Bars a default range covers (the chart's first page, so a chart viewed once covers it offline). */
export const DEFAULT_RANGE_BARS = 500;
const utcInput = (ms: number) => new Date(ms).toISOString().slice(0, 16);
/** A `datetime-local` value read as UTC; NaN when it is not one. */
export const msOfUtcInput = (v: string) => Date.parse(`${v}Z`);

export function defaultForm(nowMs: number, symbol = 'BTC-USD'): FormState {
  const strategy = 'sma-cross';
  const interval: ChartInterval = '1m';
  const ms = INTERVAL_MS[interval];
  const to = Math.floor(nowMs / ms) * ms + ms;
  const fields = fieldsOf(BUILTIN_STRATEGIES.get(strategy)?.params);
  return {
    strategy,
    values: initialValues(fields),
    symbol,
    interval,
    from: utcInput(to - DEFAULT_RANGE_BARS * ms),
    to: utcInput(to),
    cash: '10000.00',
    research: defaultResearch(),
  };
}

export function inputOf(f: FormState): RunInput {
  const fields = fieldsOf(BUILTIN_STRATEGIES.get(f.strategy)?.params);
  return {
    strategy: f.strategy,
    params: paramsOf(fields, f.values),
    symbol: f.symbol,
    interval: f.interval,
    fromMs: msOfUtcInput(f.from),
    toMs: msOfUtcInput(f.to),
    cash: f.cash.trim(),
    ...researchOfForm(f),
  };
}

/** The kind, search and windows of a server optimisation or walk-forward ({} for one run). */
function researchOfForm(f: FormState): Pick<RunInput, 'kind' | 'search' | 'walkForward' | 'lookAhead'> {
  const r = f.research;
  if (r.kind === 'single') return r.lookAhead ? { lookAhead: true } : {};
  const search = searchOf(r.vary, r.objective, r.method, r.samples, r.ddCap);
  if (r.kind === 'optimise') return { kind: r.kind, search };
  const barMs = INTERVAL_MS[f.interval];
  const walkForward = { inSampleMs: Number(r.inSampleBars) * barMs, outOfSampleMs: Number(r.outOfSampleBars) * barMs };
  return { kind: r.kind, search, walkForward };
}

/** Strategy, its parameters (from its zod schema), symbol, interval, range and cash. */
export function BacktestForm(props: {
  form: Signal<FormState>;
  busy: boolean;
  onRun(): void;
  /** Absent when signed out: server runs belong to a user. */
  onRunOnServer: (() => void) | undefined;
}) {
  const f = props.form.value;
  const set = (patch: Partial<FormState>) => {
    props.form.value = { ...props.form.value, ...patch };
  };
  const fields = fieldsOf(BUILTIN_STRATEGIES.get(f.strategy)?.params);
  return (
    <form
      class="bt-form"
      onSubmit={(e) => {
        e.preventDefault();
        props.onRun();
      }}
    >
      <label>
        Strategy
        <select
          name="strategy"
          value={f.strategy}
          onChange={(e) => {
            const id = e.currentTarget.value;
            const values = initialValues(fieldsOf(BUILTIN_STRATEGIES.get(id)?.params));
            set({ strategy: id, values, research: { ...f.research, vary: {} } });
          }}
        >
          {[...BUILTIN_STRATEGIES.values()].map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
      </label>
      <fieldset class="bt-params">
        <legend>Parameters</legend>
        {fields.map((field) => (
          <ParamInput
            key={field.key}
            field={field}
            value={f.values[field.key]}
            onValue={(v) => set({ values: { ...f.values, [field.key]: v } })}
          />
        ))}
      </fieldset>
      <ResearchInputs r={f.research} fields={fields} set={(research) => set({ research })} />
      <MarketInputs f={f} set={set} />
      <button type="submit" class="btn btn-primary" disabled={props.busy || f.research.kind !== 'single'}>
        Run in browser
      </button>
      {props.onRunOnServer ? (
        <button type="button" class="btn" disabled={props.busy} onClick={props.onRunOnServer}>
          Run on server
        </button>
      ) : null}
    </form>
  );
}

function MarketInputs({ f, set }: { f: FormState; set(p: Partial<FormState>): void }) {
  return (
    <>
      <SymbolSelect name="symbol" value={f.symbol} symbols={INSTRUMENTS} onChange={(symbol) => set({ symbol })} />
      <label>
        Interval
        <select
          name="interval"
          value={f.interval}
          onChange={(e) => {
            const v = e.currentTarget.value;
            if (isChartInterval(v)) set({ interval: v });
          }}
        >
          {CHART_INTERVALS.map((i) => (
            <option key={i} value={i}>
              {i}
            </option>
          ))}
        </select>
      </label>
      <label>
        From (UTC)
        <input name="from" type="datetime-local" value={f.from} onInput={(e) => set({ from: e.currentTarget.value })} />
      </label>
      <label>
        To (UTC)
        <input name="to" type="datetime-local" value={f.to} onInput={(e) => set({ to: e.currentTarget.value })} />
      </label>
      <label>
        Initial cash (USD)
        <input name="cash" inputMode="decimal" value={f.cash} onInput={(e) => set({ cash: e.currentTarget.value })} />
      </label>
    </>
  );
}

/** One parameter input, from a field of the strategy's zod schema (the Strategies screen uses it too). */
export function ParamInput(props: {
  field: ParamField;
  value: string | boolean | undefined;
  onValue(v: string | boolean): void;
}) {
  const { field } = props;
  if (field.kind === 'boolean')
    return (
      <label class="bt-check">
        <input
          type="checkbox"
          name={field.key}
          checked={props.value === true}
          onChange={(e) => props.onValue(e.currentTarget.checked)}
        />
        {field.label}
      </label>
    );
  if (field.kind === 'enum')
    return (
      <label>
        {field.label}
        <select
          name={field.key}
          value={String(props.value ?? '')}
          onChange={(e) => props.onValue(e.currentTarget.value)}
        >
          {field.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </label>
    );
  if (field.kind === 'number')
    return (
      <label>
        {field.label}
        <input
          name={field.key}
          type="number"
          step={field.int ? '1' : 'any'}
          min={field.min ?? undefined}
          max={field.max ?? undefined}
          value={String(props.value ?? '')}
          onInput={(e) => props.onValue(e.currentTarget.value)}
        />
      </label>
    );
  return (
    <label>
      {field.label}
      <input name={field.key} value={String(props.value ?? '')} onInput={(e) => props.onValue(e.currentTarget.value)} />
    </label>
  );
}
