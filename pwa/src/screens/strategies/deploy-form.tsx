import { useSignal } from '@preact/signals';
import { INSTRUMENTS } from '@tradewind/shared/domain';
import { BUILTIN_STRATEGIES, validateParams } from '@tradewind/shared/strategies';
import { SymbolSelect } from '../../components/symbol-select';
import { fieldsOf, initialValues, paramsOf } from '../../lib/backtest/param-form';
import { ParamInput } from '../backtest/backtest-form';
import type { DeployInput } from './strategies-state';

type Form = {
  strategy: string;
  values: Record<string, string | boolean>;
  symbol: string;
  interval: '1s' | '1m';
  /** Empty: trade the paper account itself; an amount: a sub-account funded with it. */
  allocation: string;
};

const firstForm = (): Form => ({
  strategy: 'market-maker',
  values: initialValues(fieldsOf(BUILTIN_STRATEGIES.get('market-maker')?.params)),
  symbol: 'BTC-USD',
  interval: '1s',
  allocation: '10000.00',
});

/**
 * The deploy form: strategy, its parameters rendered from its zod schema (the backtest form's
 * inputs), symbol, bar interval and an optional allocation. The schema is checked here before
 * sending; edge and core check again.
 */
export function DeployForm(props: {
  accountId: string;
  accountLabel: string;
  busy: boolean;
  onDeploy(input: DeployInput): void;
}) {
  const form = useSignal<Form>(firstForm());
  const invalid = useSignal<string | null>(null);
  const f = form.value;
  const set = (patch: Partial<Form>) => {
    form.value = { ...form.value, ...patch };
  };
  const definition = BUILTIN_STRATEGIES.get(f.strategy);
  const fields = fieldsOf(definition?.params);
  const submit = (ev: Event) => {
    ev.preventDefault();
    if (definition === undefined) return;
    const params = paramsOf(fields, f.values);
    const checked = validateParams(definition, params);
    invalid.value = checked.ok ? null : checked.message;
    if (!checked.ok) return;
    const allocation = f.allocation.trim();
    props.onDeploy({
      accountId: props.accountId,
      strategyId: f.strategy,
      params,
      symbols: [f.symbol],
      interval: f.interval,
      ...(allocation === '' ? {} : { allocation }),
    });
  };
  return (
    <form class="bt-form st-form" onSubmit={submit} data-testid="deploy-form" noValidate>
      <label>
        Strategy
        <select
          name="strategy"
          value={f.strategy}
          onChange={(e) => {
            const id = e.currentTarget.value;
            set({ strategy: id, values: initialValues(fieldsOf(BUILTIN_STRATEGIES.get(id)?.params)) });
          }}
        >
          {[...BUILTIN_STRATEGIES.values()].map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
      </label>
      <p class="muted st-description">
        {definition?.description} On {props.accountLabel}.
      </p>
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
      <MarketInputs f={f} set={set} />
      {invalid.value ? (
        <p class="form-alert" role="alert" data-testid="deploy-invalid">
          {invalid.value}
        </p>
      ) : null}
      <button type="submit" class="btn btn-primary" disabled={props.busy}>
        Deploy
      </button>
    </form>
  );
}

function MarketInputs({ f, set }: { f: Form; set(p: Partial<Form>): void }) {
  return (
    <>
      <SymbolSelect name="symbol" value={f.symbol} symbols={INSTRUMENTS} onChange={(symbol) => set({ symbol })} />
      <label>
        Bars
        <select
          name="interval"
          value={f.interval}
          onChange={(e) => set({ interval: e.currentTarget.value === '1m' ? '1m' : '1s' })}
        >
          <option value="1s">1 second</option>
          <option value="1m">1 minute</option>
        </select>
      </label>
      <label>
        Sub-account cash (USD, empty: the account itself)
        <input
          name="allocation"
          inputMode="decimal"
          autocomplete="off"
          value={f.allocation}
          onInput={(e) => set({ allocation: e.currentTarget.value })}
        />
      </label>
    </>
  );
}
