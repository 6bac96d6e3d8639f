import type { ParamField } from '../../lib/backtest/param-form';
import { OBJECTIVE_LABELS, type ObjectiveId, RUN_KINDS, type RunKind } from '../../lib/backtest/research';

/** The research part of the form: what to vary, how to search, what to rank by, the windows. */
export type ResearchForm = {
  kind: RunKind;
  objective: ObjectiveId;
  method: 'grid' | 'random';
  samples: string;
  /** Max drawdown in percent; empty: no cap. */
  ddCap: string;
  /** Per numeric parameter: "3,5,8" or "10:50:5"; empty: not varied. */
  vary: Record<string, string>;
  /** Walk-forward windows, in bars of the chosen interval. */
  inSampleBars: string;
  outOfSampleBars: string;
  /** A single server run: rerun on truncated data and compare its decisions. */
  lookAhead: boolean;
};

export const defaultResearch = (): ResearchForm => ({
  kind: 'single',
  objective: 'sharpe',
  method: 'grid',
  samples: '20',
  ddCap: '',
  vary: {},
  inSampleBars: '60',
  outOfSampleBars: '20',
  lookAhead: false,
});

const KIND_LABELS: Record<RunKind, string> = {
  single: 'Single run',
  optimise: 'Optimise (server)',
  'walk-forward': 'Walk-forward (server)',
};

export function ResearchInputs(props: { r: ResearchForm; fields: readonly ParamField[]; set(r: ResearchForm): void }) {
  const { r } = props;
  const set = (patch: Partial<ResearchForm>) => props.set({ ...r, ...patch });
  return (
    <fieldset class="bt-params">
      <legend>Run</legend>
      <label>
        Kind
        <select name="kind" value={r.kind} onChange={(e) => set({ kind: e.currentTarget.value as RunKind })}>
          {RUN_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABELS[k]}
            </option>
          ))}
        </select>
      </label>
      {r.kind === 'single' ? (
        <label class="bt-check">
          <input
            type="checkbox"
            name="lookAhead"
            checked={r.lookAhead}
            onChange={(e) => set({ lookAhead: e.currentTarget.checked })}
          />
          Look-ahead check (server)
        </label>
      ) : (
        <SearchInputs r={r} fields={props.fields} set={set} />
      )}
      {r.kind === 'walk-forward' ? (
        <>
          <TextField
            label="In-sample (bars)"
            name="inSampleBars"
            inputMode="numeric"
            value={r.inSampleBars}
            onValue={(v) => set({ inSampleBars: v })}
          />
          <TextField
            label="Out-of-sample (bars)"
            name="outOfSampleBars"
            inputMode="numeric"
            value={r.outOfSampleBars}
            onValue={(v) => set({ outOfSampleBars: v })}
          />
        </>
      ) : null}
    </fieldset>
  );
}

function SearchInputs(props: { r: ResearchForm; fields: readonly ParamField[]; set(p: Partial<ResearchForm>): void }) {
  const { r, set } = props;
  return (
    <>
      <label>
        Rank by
        <select
          name="objective"
          value={r.objective}
          onChange={(e) => set({ objective: e.currentTarget.value as ObjectiveId })}
        >
          {Object.entries(OBJECTIVE_LABELS).map(([id, label]) => (
            <option key={id} value={id}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <TextField
        label="Drawdown cap (%)"
        name="ddCap"
        inputMode="decimal"
        placeholder="none"
        value={r.ddCap}
        onValue={(v) => set({ ddCap: v })}
      />
      <label>
        Search
        <select
          name="method"
          value={r.method}
          onChange={(e) => set({ method: e.currentTarget.value as 'grid' | 'random' })}
        >
          <option value="grid">Grid (every combination)</option>
          <option value="random">Random</option>
        </select>
      </label>
      {r.method === 'random' ? (
        <TextField
          label="Samples"
          name="samples"
          inputMode="numeric"
          value={r.samples}
          onValue={(v) => set({ samples: v })}
        />
      ) : null}
      {props.fields
        .filter((f) => f.kind === 'number')
        .map((f) => (
          <TextField
            key={f.key}
            label={`Try ${f.label}`}
            name={`vary-${f.key}`}
            placeholder="3,5,8 or 10:50:5"
            value={r.vary[f.key] ?? ''}
            onValue={(v) => set({ vary: { ...r.vary, [f.key]: v } })}
          />
        ))}
    </>
  );
}

/** A labelled text input of the research form. */
function TextField(props: {
  label: string;
  name: string;
  value: string;
  inputMode?: 'numeric' | 'decimal';
  placeholder?: string;
  onValue(v: string): void;
}) {
  return (
    <label>
      {props.label}
      <input
        name={props.name}
        inputMode={props.inputMode}
        placeholder={props.placeholder}
        value={props.value}
        onInput={(e) => props.onValue(e.currentTarget.value)}
      />
    </label>
  );
}
