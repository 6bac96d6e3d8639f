import type { Signal } from '@preact/signals';
import type { InstrumentInfo } from '../../lib/market/instrument-list';
import {
  SINGLE_ORDER_TYPES,
  TIMES_IN_FORCE,
  type TicketFields,
  TYPE_LABELS,
  ticketNeeds,
} from '../../lib/trading/ticket';
import { Check, DecimalInput, Select } from './ticket-inputs';

type Props = { info: InstrumentInfo; fields: Signal<TicketFields>; errors: Readonly<Record<string, string>> };

/** The ticket's inputs: only those the chosen order type uses are shown. */
export function TicketForm({ info, fields, errors }: Props) {
  const f = fields.value;
  const set = (patch: Partial<TicketFields>) => {
    fields.value = { ...fields.value, ...patch };
  };
  const needs = ticketNeeds(f.type);
  const price = `Tick ${info.tickSize} ${info.quote}`;
  return (
    <>
      <SideSwitch f={f} set={set} />
      <Select
        id="t-type"
        label="Order type"
        value={f.type}
        options={SINGLE_ORDER_TYPES.map((t) => ({ value: t, label: TYPE_LABELS[t] }))}
        onChange={(type) => set({ type })}
      />
      <DecimalInput
        id="t-qty"
        label="Quantity"
        value={f.quantity}
        onInput={(quantity) => set({ quantity })}
        error={errors.quantity}
        hint={`${info.base}, in steps of ${info.lotSize}`}
      />
      {needs.price && (
        <DecimalInput
          id="t-price"
          label="Limit price"
          value={f.price}
          onInput={(v) => set({ price: v })}
          error={errors.price}
          hint={price}
        />
      )}
      {needs.trigger && (
        <DecimalInput
          id="t-trigger"
          label="Trigger price"
          value={f.triggerPrice}
          onInput={(v) => set({ triggerPrice: v })}
          error={errors.triggerPrice}
          hint={
            f.type.startsWith('stop') ? 'Triggers when the market moves against you to here' : 'Triggers in your favour'
          }
        />
      )}
      {needs.trail && <TrailInputs f={f} set={set} error={errors.trail} />}
      {needs.timeInForce && <TifInputs f={f} set={set} error={errors.expireAt} />}
      <div class="checks">
        {needs.postOnly && <Check label="Post-only" checked={f.postOnly} onChange={(postOnly) => set({ postOnly })} />}
        <Check label="Reduce-only" checked={f.reduceOnly} onChange={(reduceOnly) => set({ reduceOnly })} />
        <Check label="Take-profit / stop-loss" checked={f.bracket} onChange={(bracket) => set({ bracket })} />
      </div>
      {f.bracket && <BracketInputs f={f} set={set} errors={errors} />}
    </>
  );
}

type Setter = (p: Partial<TicketFields>) => void;

function SideSwitch({ f, set }: { f: TicketFields; set: Setter }) {
  return (
    <fieldset class="side-switch" aria-label="Side">
      {(['buy', 'sell'] as const).map((side) => (
        <button
          key={side}
          type="button"
          class={f.side === side ? `btn is-${side}` : 'btn'}
          aria-pressed={f.side === side}
          onClick={() => set({ side })}
        >
          {side === 'buy' ? 'Buy' : 'Sell'}
        </button>
      ))}
    </fieldset>
  );
}

function BracketInputs(props: { f: TicketFields; set: Setter; errors: Readonly<Record<string, string>> }) {
  const { f, set, errors } = props;
  return (
    <div class="row2">
      <DecimalInput
        id="t-tp"
        label="Take-profit price"
        value={f.takeProfitPrice}
        onInput={(v) => set({ takeProfitPrice: v })}
        error={errors.takeProfitPrice}
      />
      <DecimalInput
        id="t-sl"
        label="Stop-loss price"
        value={f.stopLossTriggerPrice}
        onInput={(v) => set({ stopLossTriggerPrice: v })}
        error={errors.stopLossTriggerPrice}
      />
      <DecimalInput
        id="t-sll"
        label="Stop-loss limit (optional)"
        value={f.stopLossLimitPrice}
        onInput={(v) => set({ stopLossLimitPrice: v })}
        error={errors.stopLossLimitPrice}
      />
    </div>
  );
}

type Part = { f: TicketFields; set: (p: Partial<TicketFields>) => void; error: string | undefined };

function TrailInputs({ f, set, error }: Part) {
  return (
    <div class="row2">
      <Select
        id="t-trailby"
        label="Trail by"
        value={f.trailBy}
        options={[
          { value: 'amount', label: 'Price distance' },
          { value: 'percent', label: 'Percent' },
        ]}
        onChange={(trailBy) => set({ trailBy })}
      />
      <DecimalInput
        id="t-trail"
        label="Trailing offset"
        value={f.trail}
        onInput={(trail) => set({ trail })}
        error={error}
        hint={f.trailBy === 'percent' ? 'e.g. 1.5 = 1.5%' : 'in the quote currency'}
      />
    </div>
  );
}

function TifInputs({ f, set, error }: Part) {
  return (
    <div class="row2">
      <Select
        id="t-tif"
        label="Time in force"
        value={f.timeInForce}
        options={TIMES_IN_FORCE.map((t) => ({ value: t, label: t }))}
        onChange={(timeInForce) => set({ timeInForce })}
      />
      {f.timeInForce === 'GTD' && (
        <div class={error ? 'field field-invalid' : 'field'}>
          <label for="t-expire">Expires at</label>
          <input
            id="t-expire"
            type="datetime-local"
            class="inline-input"
            value={f.expireAt}
            onInput={(e) => set({ expireAt: (e.currentTarget as HTMLInputElement).value })}
          />
          {error && <p class="field-error">{error}</p>}
        </div>
      )}
    </div>
  );
}
