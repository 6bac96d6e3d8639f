import { useEffect, useMemo } from 'preact/hooks';
import { hrefOf } from '../../app/router';
import { useServices } from '../../app/services-context';
import { accountLabel } from '../../lib/trading/account-choice';
import { DeployForm } from './deploy-form';
import { DeploymentDetailView, DeploymentRow, StatusBadge, StopStart } from './deployment-views';
import { STRATEGIES_POLL_MS, type StrategiesState, strategiesState } from './strategies-state';
import '../backtest/backtest.css';
import './strategies.css';

/**
 * `#/strategies`: the user's live strategies (status, live PnL, stop / start) and the deploy
 * form; `#/strategies/<id>`: one deployment's orders, positions and PnL. Re-read every 2 s
 * while open (PnL moves with the market).
 */
export function StrategiesScreen({ id }: { id?: string | undefined }) {
  const services = useServices();
  const state = useMemo(() => strategiesState(services.api), [services]);
  const signedIn = services.session.user.value !== null;
  useEffect(() => {
    if (!signedIn) return;
    void state.refresh(id);
    const timer = setInterval(() => void state.refresh(id), STRATEGIES_POLL_MS);
    return () => clearInterval(timer);
  }, [signedIn, state, id]);
  if (!signedIn)
    return (
      <section class="backtest strategies">
        <h1>Strategies</h1>
        <p class="muted">
          <a href={hrefOf('login')}>Log in</a> to run strategies live.
        </p>
      </section>
    );
  return id === undefined ? <ListView state={state} /> : <DetailView state={state} id={id} />;
}

function ErrorLine({ state }: { state: StrategiesState }) {
  const e = state.error.value;
  return e ? (
    <p class="form-alert" role="alert" data-testid="strategies-error" data-reason={e.reason}>
      {e.message}
    </p>
  ) : null;
}

function ListView({ state }: { state: StrategiesState }) {
  const { me, trading } = useServices();
  // The account the trading screens work on (Portfolio → Account), else the first.
  const accounts = me.value?.accounts ?? [];
  const account = accounts.find((a) => a.id === trading.accountId.value) ?? accounts[0];
  const busy = state.busy.value;
  return (
    <section class="backtest strategies" aria-labelledby="strategies-title">
      <h1 id="strategies-title">Strategies</h1>
      <p class="muted">Runs a built-in strategy live on your paper account, or on a sub-account funded from it.</p>
      {account ? (
        <DeployForm
          accountId={account.id}
          accountLabel={accountLabel(account)}
          busy={busy}
          onDeploy={(input) => void state.deploy(input)}
        />
      ) : null}
      <ErrorLine state={state} />
      {state.list.value.length === 0 ? <p class="empty">No strategies deployed yet.</p> : null}
      <ul class="st-list" data-testid="deployments">
        {state.list.value.map((d) => (
          <DeploymentRow
            key={d.id}
            d={d}
            busy={busy}
            onStop={() => void state.stop(d.id)}
            onStart={() => void state.start(d.id)}
          />
        ))}
      </ul>
    </section>
  );
}

function DetailView({ state, id }: { state: StrategiesState; id: string }) {
  const d = state.detail.value?.id === id ? state.detail.value : null;
  return (
    <section class="backtest strategies" aria-labelledby="strategy-title">
      <a href={hrefOf('strategies')}>← All strategies</a>
      <h1 id="strategy-title">
        {d ? `${d.name} · ${d.symbols.join(', ')} · ${d.interval}` : 'Strategy'} {d ? <StatusBadge d={d} /> : null}
      </h1>
      <ErrorLine state={state} />
      {d ? (
        <>
          <div class="st-actions">
            <StopStart
              d={d}
              busy={state.busy.value}
              onStop={() => void state.stop(d.id, id)}
              onStart={() => void state.start(d.id, id)}
            />
          </div>
          <DeploymentDetailView d={d} />
        </>
      ) : state.error.value ? null : (
        <p class="empty">Loading…</p>
      )}
    </section>
  );
}
