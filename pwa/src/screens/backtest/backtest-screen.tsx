import { useSignal } from '@preact/signals';
import { useMemo } from 'preact/hooks';
import { useServices } from '../../app/services-context';
import { BacktestForm, defaultForm, type FormState, inputOf } from './backtest-form';
import { BacktestReport } from './backtest-report';
import { backtestState, type Phase } from './backtest-state';
import { RunCompare } from './run-compare';
import './backtest.css';

/** `#/backtest`: configure a strategy, run it in a Web Worker on edge's (or cached) candles, compare runs. */
export function BacktestScreen() {
  const services = useServices();
  const state = useMemo(() => backtestState(services.storage, undefined, services.api.backtests), [services]);
  const form = useSignal<FormState>(defaultForm(Date.now()));
  const phase = state.phase.value;
  const busy = phase.kind === 'loading' || phase.kind === 'running';
  return (
    <section class="backtest">
      <h1>Backtest</h1>
      <p class="muted">Runs on this device, also offline on candles of charts you have opened.</p>
      <BacktestForm
        form={form}
        busy={busy}
        onRun={() => void state.run(inputOf(form.value))}
        onRunOnServer={services.session.user.value ? () => void state.runOnServer(inputOf(form.value)) : undefined}
      />
      <PhaseView phase={phase} onCancel={state.cancel} />
      {state.current.value ? <BacktestReport summary={state.current.value} /> : null}
      <RunCompare
        runs={state.runs.value}
        onShow={(r) => {
          state.current.value = r.summary;
        }}
        onRemove={state.remove}
      />
    </section>
  );
}

function PhaseView({ phase, onCancel }: { phase: Phase; onCancel(): void }) {
  if (phase.kind === 'idle') return null;
  if (phase.kind === 'error')
    return (
      <p class="form-alert" role="alert" data-testid="backtest-error" data-code={phase.code}>
        {phase.code}: {phase.message}
      </p>
    );
  const ratio = phase.kind === 'running' && phase.total > 0 ? phase.done / phase.total : 0;
  return (
    <div class="bt-progress" data-testid="backtest-progress">
      <progress max={1} value={ratio} aria-label="Backtest progress" />
      <span>{phase.kind === 'loading' ? 'Loading candles…' : `${Math.round(ratio * 100)} %`}</span>
      <button type="button" class="btn btn-small" onClick={onCancel} disabled={phase.kind === 'loading'}>
        Cancel
      </button>
    </div>
  );
}
