import { useSignal } from '@preact/signals';
import { navigate } from '../../app/route-signal';
import { hrefOf } from '../../app/router';
import { useServices } from '../../app/services-context';
import { Field } from '../../components/field';
import { FormAlert } from '../../components/form-alert';
import type { ApiError } from '../../lib/api/api-error';
import { useRedirectWhenSignedIn } from '../use-redirect-when-signed-in';

/** Login shows one message for any wrong e-mail/password pair: no account enumeration. */
const BAD_CREDENTIALS = 'Invalid e-mail or password.';
/** Edge ended the session this device held (SessionStore.endedElsewhere). */
export const SESSION_ENDED =
  'You were signed out: your password was changed, or this session was ended on another device. Log in again.';

export function LoginScreen() {
  const { session } = useServices();
  const busy = useSignal(false);
  const error = useSignal<ApiError | null>(null);
  useRedirectWhenSignedIn();

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    busy.value = true;
    error.value = await session.login({ email: String(form.get('email')), password: String(form.get('password')) });
    busy.value = false;
    if (!error.value) navigate('market');
  };

  const e = error.value;
  const fields = e?.kind === 'invalid' ? e.fields : {};
  const ended = session.endedElsewhere.value ? SESSION_ENDED : null;
  const alert = e?.kind === 'unauthorized' ? BAD_CREDENTIALS : e && e.kind !== 'invalid' ? e.message : ended;
  return (
    <section class="auth-card" aria-labelledby="login-title">
      <h1 id="login-title">Log in</h1>
      <p class="muted">Welcome back. Markets are moving.</p>
      <form onSubmit={onSubmit} noValidate={false}>
        <FormAlert message={alert} />
        <Field
          id="login-email"
          label="Email"
          name="email"
          type="email"
          autocomplete="username"
          required
          error={fields.email}
        />
        <Field
          id="login-password"
          label="Password"
          name="password"
          type="password"
          autocomplete="current-password"
          required
          error={fields.password}
        />
        <button class="btn btn-primary btn-block" type="submit" disabled={busy.value}>
          {busy.value ? 'Logging in…' : 'Log in'}
        </button>
      </form>
      <p class="auth-switch">
        New to Tradewind? <a href={hrefOf('register')}>Create an account</a>
      </p>
    </section>
  );
}
