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
      {r.kind === 'single' ? null : <SearchInputs r={r} fields={props.fields} set={set} />}
      {r.kind === 'walk-forward' ? (
        <>
          <label>
            In-sample (bars)
            <input
              name="inSampleBars"
              inputMode="numeric"
              value={r.inSampleBars}
              onInput={(e) => set({ inSampleBars: e.currentTarget.value })}
            />
          </label>
          <label>
            Out-of-sample (bars)
            <input
              name="outOfSampleBars"
              inputMode="numeric"
              value={r.outOfSampleBars}
              onInput={(e) => set({ outOfSampleBars: e.currentTarget.value })}
            />
          </label>
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
      <label>
        Drawdown cap (%)
        <input
          name="ddCap"
          inputMode="decimal"
          placeholder="none"
          value={r.ddCap}
          onInput={(e) => set({ ddCap: e.currentTarget.value })}
        />
      </label>
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
        <label>
          Samples
          <input
            name="samples"
            inputMode="numeric"
            value={r.samples}
            onInput={(e) => set({ samples: e.currentTarget.value })}
          />
        </label>
      ) : null}
      {props.fields
        .filter((f) => f.kind === 'number')
        .map((f) => (
          <label key={f.key}>
            Try {f.label}
            <input
              name={`vary-${f.key}`}
              placeholder="3,5,8 or 10:50:5"
              value={r.vary[f.key] ?? ''}
              onInput={(e) => set({ vary: { ...r.vary, [f.key]: e.currentTarget.value } })}
            />
          </label>
        ))}
    </>
  );
}
