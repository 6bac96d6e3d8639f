import { signal } from '@preact/signals';
import { useEffect, useMemo } from 'preact/hooks';
import { hrefOf } from '../../app/router';
import type { Services } from '../../app/services';
import { useServices } from '../../app/services-context';
import { FormAlert } from '../../components/form-alert';
import { listState } from '../../lib/api/list-state';
import {
  curlExample,
  EXPIRY_CHOICES,
  type ExpiryChoice,
  expiresAtOf,
  restBaseOf,
  statusOf,
} from '../../lib/api-keys/api-key-text';
import { CONFIG_STORAGE_KEY, defaultConfig, parseConfig } from '../../lib/app-config';
import { readJson } from '../../lib/storage/key-value-storage';

type Created = Awaited<ReturnType<Services['api']['apiKeys']['create']['mutate']>>;

/** The screen's state: the keys, the one just created (its secret lives only here), errors. */
function keysState(services: Services) {
  return {
    ...listState(() => services.api.apiKeys.list.query()),
    created: signal<Created | null>(null),
    confirming: signal<string | null>(null),
  };
}
type State = ReturnType<typeof keysState>;

/** API keys for scripts on core's REST API: create (the key is shown once), copy, revoke. */
export function ApiKeysScreen() {
  const services = useServices();
  const state = useMemo(() => keysState(services), [services]);
  const signedIn = services.session.user.value !== null;
  useEffect(() => {
    if (signedIn) void state.refresh();
  }, [signedIn, state]);
  if (!signedIn) {
    return (
      <section class="api-keys">
        <h1>API keys</h1>
        <p class="muted">
          <a href={hrefOf('login')}>Log in</a> to manage API keys.
        </p>
      </section>
    );
  }
  return (
    <section class="api-keys" aria-labelledby="api-keys-title">
      <h1 id="api-keys-title">API keys</h1>
      <p class="muted">
        Scripts use a key on core's REST API (<code>/v1/...</code>) with the header{' '}
        <code>Authorization: ApiKey &lt;key&gt;</code>. A key acts as you on your own accounts only; it can never
        administer the venue.
      </p>
      {state.created.value ? <NewKey state={state} /> : <CreateForm state={state} />}
      <KeyList state={state} />
    </section>
  );
}

function CreateForm({ state }: { state: State }) {
  const services = useServices();
  const onSubmit = (ev: Event) => {
    ev.preventDefault();
    const data = new FormData(ev.currentTarget as HTMLFormElement);
    const scopes = (['read', 'trade'] as const).filter((s) => data.get(`scope-${s}`) === 'on');
    const expiry = String(data.get('expiry') ?? 'never') as ExpiryChoice;
    void state
      .run(() =>
        services.api.apiKeys.create.mutate({
          name: String(data.get('name') ?? '').trim(),
          scopes,
          expiresAtMs: expiresAtOf(expiry, services.scheduler.nowMs()),
        }),
      )
      .then((created) => {
        if (created) state.created.value = created;
      });
  };
  return (
    <form class="panel api-key-form" onSubmit={onSubmit} data-testid="api-key-form">
      <h2>New key</h2>
      <FormAlert message={state.error.value} />
      <label>
        Name
        <input name="name" required maxLength={64} autocomplete="off" placeholder="my trading bot" />
      </label>
      <fieldset>
        <legend>May</legend>
        <label class="check">
          <input type="checkbox" name="scope-read" defaultChecked /> read orders, fills, positions and balances
        </label>
        <label class="check">
          <input type="checkbox" name="scope-trade" /> trade (place, modify, cancel, kill switch)
        </label>
      </fieldset>
      <label>
        Expires
        <select name="expiry">
          {EXPIRY_CHOICES.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      <button class="btn btn-primary btn-block" type="submit" disabled={state.busy.value}>
        Create key
      </button>
    </form>
  );
}

/** The key text, once: after "Done" only its id remains visible anywhere. */
function NewKey({ state }: { state: State }) {
  const services = useServices();
  const created = state.created.value;
  const copied = useMemo(() => signal(false), []);
  if (!created) return null;
  const config = parseConfig(readJson(services.storage, CONFIG_STORAGE_KEY)) ?? defaultConfig(location);
  const example = curlExample(restBaseOf(config.coreWsUrl), created.key, services.trading.accountId.value ?? undefined);
  const copy = () => {
    void navigator.clipboard?.writeText(created.key).then(
      () => {
        copied.value = true;
      },
      () => {},
    );
  };
  return (
    <div class="panel api-key-new" data-testid="api-key-created">
      <h2>Copy your key now</h2>
      <p>
        It is shown only this once: Tradewind keeps only a hash of it. If you lose it, revoke it and create another.
      </p>
      <input class="mono" readOnly value={created.key} data-testid="api-key-secret" aria-label="Your new API key" />
      <div class="actions">
        <button type="button" class="btn btn-primary" onClick={copy}>
          {copied.value ? 'Copied' : 'Copy'}
        </button>
        <button
          type="button"
          class="btn btn-ghost"
          onClick={() => {
            state.created.value = null;
          }}
        >
          Done
        </button>
      </div>
      <p class="muted">Try it:</p>
      <pre class="mono" data-testid="api-key-curl">
        {example}
      </pre>
    </div>
  );
}

function KeyList({ state }: { state: State }) {
  const services = useServices();
  const nowMs = services.scheduler.nowMs();
  const when = (ms: number | null, none: string) => (ms === null ? none : new Date(ms).toLocaleString());
  if (state.items.value.length === 0) return <p class="muted">No API keys yet.</p>;
  return (
    <section class="panel" aria-label="Your API keys">
      <ul class="list" data-testid="api-key-list">
        {state.items.value.map((k) => {
          const status = statusOf(k, nowMs);
          return (
            <li key={k.id} class="item" data-testid={`api-key-${k.id}`} data-status={status}>
              <div>
                <strong>{k.name}</strong> <span class="muted">({k.scopes.join(' + ')})</span>
                <div class="meta">
                  {status} · created {when(k.createdAtMs, '')} · last used {when(k.lastUsedAtMs, 'never')} · expires{' '}
                  {when(k.expiresAtMs, 'never')}
                </div>
                <div class="meta mono">id {k.id}</div>
              </div>
              {status === 'live' && <RevokeButton state={state} id={k.id} name={k.name} />}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** Two clicks: "Revoke", then "Revoke now" (a revoked key cannot be brought back). */
function RevokeButton({ state, id, name }: { state: State; id: string; name: string }) {
  const services = useServices();
  const sure = state.confirming.value === id;
  return (
    <div class="right">
      <button
        type="button"
        class={sure ? 'btn btn-danger btn-small' : 'btn btn-ghost btn-small'}
        aria-label={sure ? `Revoke ${name} now` : `Revoke ${name}`}
        disabled={state.busy.value}
        onClick={() => {
          if (!sure) {
            state.confirming.value = id;
            return;
          }
          state.confirming.value = null;
          void state.run(() => services.api.apiKeys.revoke.mutate({ id }));
        }}
      >
        {sure ? 'Revoke now' : 'Revoke'}
      </button>
    </div>
  );
}
