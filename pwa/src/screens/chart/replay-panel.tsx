import { useSignal } from '@preact/signals';
import type { ReplayControlRequest, ReplaySpeed } from '@tradewind/shared/protocol';
import { useEffect } from 'preact/hooks';
import { hrefOf, hrefOfChart, hrefOfReplay } from '../../app/router';
import type { Services } from '../../app/services';
import { useServices } from '../../app/services-context';
import { FormAlert } from '../../components/form-alert';
import { toApiError } from '../../lib/api/api-error';
import {
  parseSpeed,
  progressOf,
  REPLAY_SPEED_CHOICES,
  replayTime,
  speedLabel,
  statusOfView,
} from '../../lib/chart/replay-text';
import type { ReplayWatch } from './chart-screen';

type Day = Awaited<ReturnType<Services['api']['replay']['days']['query']>>[number];
const DAY_MS = 86_400_000;

/** The replay form (no session yet) or the session's controls and progress. */
export function ReplayPanel({ symbol, watch }: { symbol: string; watch: ReplayWatch | null }) {
  const s = useServices();
  if (s.session.user.value === null) {
    return (
      <p class="panel muted">
        <a href={hrefOf('login')}>Log in</a> to replay a past day.
      </p>
    );
  }
  return watch === null ? <StartForm symbol={symbol} /> : <Controls symbol={symbol} watch={watch} />;
}

/** Pick a recorded day and a speed; starting opens the chart in replay mode. */
function StartForm({ symbol }: { symbol: string }) {
  const s = useServices();
  const days = useSignal<readonly Day[] | null>(null);
  const error = useSignal<string | null>(null);
  const busy = useSignal(false);
  useEffect(() => {
    s.api.replay.days.query({ symbol }).then(
      (d) => {
        days.value = d;
      },
      (e: unknown) => {
        error.value = toApiError(e).message;
      },
    );
  }, [symbol]);
  const onSubmit = (ev: Event) => {
    ev.preventDefault();
    const data = new FormData(ev.currentTarget as HTMLFormElement);
    const fromMs = Number(data.get('day'));
    const speed = parseSpeed(String(data.get('speed')));
    if (!Number.isFinite(fromMs) || speed === null) return;
    busy.value = true;
    s.api.replay.start
      .mutate({ symbol, fromMs, toMs: fromMs + DAY_MS, speed })
      .then((v) => {
        location.hash = hrefOfReplay(symbol, v.id);
      })
      .catch((e: unknown) => {
        error.value = toApiError(e).message;
      })
      .finally(() => {
        busy.value = false;
      });
  };
  const list = days.value;
  return (
    <form class="panel replay-form" onSubmit={onSubmit} data-testid="replay-form">
      <h2>Replay a day of {symbol}</h2>
      <FormAlert message={error.value} />
      {list !== null && list.length === 0 ? <p class="muted">Nothing recorded for {symbol} yet.</p> : null}
      <label>
        Day (UTC)
        <select name="day" required disabled={!list?.length}>
          {(list ?? []).map((d) => (
            <option key={d.day} value={d.fromMs}>
              {d.day} · {d.trades.toLocaleString()} trades
            </option>
          ))}
        </select>
      </label>
      <label>
        Speed
        <select name="speed" defaultValue="10">
          {REPLAY_SPEED_CHOICES.map((sp) => (
            <option key={sp} value={String(sp)}>
              {speedLabel(sp)}
            </option>
          ))}
        </select>
      </label>
      <button class="btn btn-primary" type="submit" disabled={busy.value || !list?.length}>
        Start replay
      </button>
    </form>
  );
}

/** Play/pause, speed, a seekable progress bar and stop, for the session on screen. */
function Controls({ symbol, watch }: { symbol: string; watch: ReplayWatch }) {
  const s = useServices();
  const error = useSignal<string | null>(null);
  const missing = useSignal(false);
  useEffect(() => {
    s.api.replay.list.query().then(
      (all) => {
        const mine = all.find((v) => v.id === watch.id);
        if (mine === undefined) missing.value = true;
        else watch.status.value = statusOfView(mine);
      },
      (e: unknown) => {
        error.value = toApiError(e).message;
      },
    );
  }, [watch.id]);
  const send = (req: ReplayControlRequest, after?: () => void) => {
    const before = watch.status.peek();
    s.api.replay.control.mutate(req).then(
      (v) => {
        // Core publishes a status frame for every control, and the topic can overtake this
        // answer (a play at max may already have ended): a frame that came meanwhile is newer.
        if (watch.status.peek() === before) watch.status.value = statusOfView(v);
        error.value = null;
        after?.();
      },
      (e: unknown) => {
        error.value = toApiError(e).message;
      },
    );
  };
  if (missing.value) {
    return (
      <p class="panel muted" data-testid="replay-gone">
        This replay is over. <a href={hrefOfChart(symbol)}>Back to the live chart</a>
      </p>
    );
  }
  const st = watch.status.value;
  if (st === null) return <p class="panel muted">{error.value ?? 'Loading the replay…'}</p>;
  const id = watch.id;
  const playing = st.state === 'playing';
  const setSpeed = (speed: ReplaySpeed) => send({ action: 'speed', id, speed });
  const seek = (positionMs: number) => send({ action: 'seek', id, positionMs }, () => (watch.reload.value += 1));
  const stop = () => send({ action: 'stop', id }, () => (location.hash = hrefOfChart(symbol)));
  const progress = progressOf(st);
  return (
    <div class="panel replay-controls" data-testid="replay" data-state={st.state} data-position={st.positionMs}>
      <FormAlert message={error.value} />
      <div class="replay-row">
        <button
          type="button"
          disabled={st.state === 'ended' || st.state === 'stopped'}
          onClick={() => send({ action: playing ? 'pause' : 'play', id })}
        >
          {playing ? 'Pause' : 'Play'}
        </button>
        <fieldset class="replay-speeds">
          <legend class="chart-legend">Speed</legend>
          {REPLAY_SPEED_CHOICES.map((sp) => (
            <button type="button" key={sp} aria-pressed={st.speed === sp} onClick={() => setSpeed(sp)}>
              {speedLabel(sp)}
            </button>
          ))}
        </fieldset>
        <button type="button" onClick={stop}>
          Stop
        </button>
      </div>
      <label class="replay-progress">
        <span>
          {replayTime(st.positionMs)} · {st.state}
        </span>
        <input
          type="range"
          aria-label="Replay position"
          min={st.fromMs}
          max={st.toMs}
          step={1000}
          value={st.positionMs}
          onChange={(ev) => seek(Number((ev.currentTarget as HTMLInputElement).value))}
        />
        <progress max={1000} value={Math.round(progress * 1000)} data-testid="replay-progress">
          {Math.round(progress * 100)}%
        </progress>
      </label>
    </div>
  );
}
