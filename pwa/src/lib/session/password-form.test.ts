import { PASSWORD_LENGTH_MAX, PASSWORD_LENGTH_MIN } from '@tradewind/shared/auth';
import { describe, expect, it } from 'vitest';
import { CONFIRM_MISMATCH, checkPasswordForm } from './password-form';

const NEW = 'a brand new passphrase';

describe('checkPasswordForm', () => {
  it('passes a good change through as exactly what edge takes (no confirmation field)', () => {
    expect(checkPasswordForm({ currentPassword: 'old one', newPassword: NEW, confirmPassword: NEW })).toEqual({
      ok: true,
      input: { currentPassword: 'old one', newPassword: NEW },
    });
  });

  it("applies registration's length rules to the new password, at the limits and one past", () => {
    const at = (n: number) => 'x'.repeat(n);
    const check = (p: string) => checkPasswordForm({ currentPassword: 'old one', newPassword: p, confirmPassword: p });
    expect(check(at(PASSWORD_LENGTH_MIN)).ok).toBe(true);
    expect(check(at(PASSWORD_LENGTH_MAX)).ok).toBe(true);
    expect(check(at(PASSWORD_LENGTH_MIN - 1))).toEqual({
      ok: false,
      fields: { newPassword: `Use at least ${PASSWORD_LENGTH_MIN} characters.` },
    });
    expect(check(at(PASSWORD_LENGTH_MAX + 1))).toEqual({
      ok: false,
      fields: { newPassword: `Use at most ${PASSWORD_LENGTH_MAX} characters.` },
    });
  });

  it('wants the current password, a new one that differs from it, and the same new one twice', () => {
    expect(checkPasswordForm({ currentPassword: '', newPassword: NEW, confirmPassword: 'typo' })).toEqual({
      ok: false,
      fields: { currentPassword: 'Enter your current password.', confirmPassword: CONFIRM_MISMATCH },
    });
    expect(checkPasswordForm({ currentPassword: NEW, newPassword: NEW, confirmPassword: NEW })).toEqual({
      ok: false,
      fields: { newPassword: 'Choose a password different from your current one.' },
    });
  });
});
