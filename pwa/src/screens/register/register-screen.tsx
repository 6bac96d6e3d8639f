import { useSignal } from '@preact/signals';
import { navigate } from '../../app/route-signal';
import { hrefOf } from '../../app/router';
import { useServices } from '../../app/services-context';
import { Field } from '../../components/field';
import { FormAlert } from '../../components/form-alert';
import type { ApiError } from '../../lib/api/api-error';
import type { RegisterInput } from '../../lib/api/auth-types';
import { useRedirectWhenSignedIn } from '../use-redirect-when-signed-in';

export function RegisterScreen() {
  const { session } = useServices();
  const busy = useSignal(false);
  const error = useSignal<ApiError | null>(null);
  useRedirectWhenSignedIn();

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const email = String(form.get('email'));
    const input: RegisterInput = {
      email,
      password: String(form.get('password')),
      displayName: String(form.get('displayName') ?? '').trim() || defaultDisplayName(email),
    };
    busy.value = true;
    error.value = await session.register(input);
    busy.value = false;
    if (!error.value) navigate('market');
  };

  const e = error.value;
  const fields = e?.kind === 'invalid' ? e.fields : {};
  const alert = formAlertOf(e, fields);
  return (
    <section class="auth-card" aria-labelledby="register-title">
      <h1 id="register-title">Create your account</h1>
      <p class="muted">Start with a paper account of 100,000 USD in virtual cash.</p>
      <form onSubmit={onSubmit}>
        <FormAlert message={alert} />
        <Field
          id="reg-email"
          label="Email"
          name="email"
          type="email"
          autocomplete="email"
          required
          error={fields.email}
        />
        <Field
          id="reg-password"
          label="Password"
          name="password"
          type="password"
          autocomplete="new-password"
          required
          hint="A long passphrase is best."
          error={fields.password}
        />
        <Field
          id="reg-name"
          label="Display name (optional)"
          hint="Shown to you in the app. Leave empty to use the start of your e-mail."
          name="displayName"
          type="text"
          autocomplete="nickname"
          maxLength={64}
          error={fields.displayName}
        />
        <button class="btn btn-primary btn-block" type="submit" disabled={busy.value}>
          {busy.value ? 'Creating account…' : 'Create account'}
        </button>
      </form>
      <p class="auth-switch">
        Already trading with us? <a href={hrefOf('login')}>Log in</a>
      </p>
    </section>
  );
}

/** Field errors stand beside their fields; everything else is one message above the form. */
function formAlertOf(e: ApiError | null, fields: Readonly<Record<string, string>>): string | null {
  if (!e) return null;
  if (e.kind === 'invalid') return Object.keys(fields).length > 0 ? null : e.message;
  if (e.kind === 'conflict') return 'An account with this e-mail already exists. Log in instead?';
  return e.message;
}

/** "ada.lovelace@example.com" → "ada.lovelace": edge wants a name; the user need not invent one. */
export function defaultDisplayName(email: string): string {
  const local = email.split('@')[0]?.trim() ?? '';
  return (local || 'Trader').slice(0, 64);
}
