import { useSignal } from '@preact/signals';
import { PASSWORD_LENGTH_MIN } from '@tradewind/shared/auth';
import { hrefOf } from '../../app/router';
import { useServices } from '../../app/services-context';
import { Field } from '../../components/field';
import { FormAlert } from '../../components/form-alert';
import { checkPasswordForm } from '../../lib/session/password-form';

type FormState = {
  busy: boolean;
  fields: Readonly<Record<string, string>>;
  alert: string | null;
  done: boolean;
};

const IDLE: FormState = { busy: false, fields: {}, alert: null, done: false };

/** The account's e-mail and a password change, which signs every other device out. */
export function SecurityScreen() {
  const { session } = useServices();
  const user = session.user.value;
  if (!user) {
    return (
      <section class="auth-card">
        <h1>Password and security</h1>
        <p class="muted">
          <a href={hrefOf('login')}>Log in</a> to change your password.
        </p>
      </section>
    );
  }
  return (
    <section class="auth-card" aria-labelledby="security-title">
      <h1 id="security-title">Password and security</h1>
      <p class="muted">
        Signed in as <strong>{user.email}</strong>. Changing your password signs out every other device and app session;
        this one stays signed in.
      </p>
      <PasswordForm email={user.email} />
    </section>
  );
}

function PasswordForm({ email }: { email: string }) {
  const { session } = useServices();
  const state = useSignal<FormState>(IDLE);
  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const checked = checkPasswordForm({
      currentPassword: String(data.get('currentPassword') ?? ''),
      newPassword: String(data.get('newPassword') ?? ''),
      confirmPassword: String(data.get('confirmPassword') ?? ''),
    });
    if (!checked.ok) {
      state.value = { ...IDLE, fields: checked.fields };
      return;
    }
    state.value = { ...IDLE, busy: true };
    const error = await session.changePassword(checked.input);
    if (!error) form.reset();
    const fields = error?.kind === 'invalid' ? error.fields : {};
    const alert = error && Object.keys(fields).length === 0 ? error.message : null;
    state.value = { busy: false, fields, alert, done: error === null };
  };
  const s = state.value;
  return (
    <form onSubmit={onSubmit} noValidate data-testid="password-form">
      {s.done && (
        <div class="notice-ok" role="status" data-testid="password-changed">
          Password changed. Every other device has been signed out.
        </div>
      )}
      <FormAlert message={s.alert} />
      {/* For password managers: whose password this is. */}
      <input type="email" name="username" autocomplete="username" value={email} readOnly hidden />
      <Field
        id="pw-current"
        label="Current password"
        name="currentPassword"
        type="password"
        autocomplete="current-password"
        required
        error={s.fields.currentPassword}
      />
      <Field
        id="pw-new"
        label="New password"
        name="newPassword"
        type="password"
        autocomplete="new-password"
        required
        hint={`At least ${PASSWORD_LENGTH_MIN} characters. A long passphrase is best.`}
        error={s.fields.newPassword}
      />
      <Field
        id="pw-confirm"
        label="Confirm new password"
        name="confirmPassword"
        type="password"
        autocomplete="new-password"
        required
        error={s.fields.confirmPassword}
      />
      <button class="btn btn-primary btn-block" type="submit" disabled={s.busy}>
        {s.busy ? 'Changing password…' : 'Change password'}
      </button>
    </form>
  );
}
