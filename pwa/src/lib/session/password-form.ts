import { type ChangePasswordInput, changePasswordInput } from '@tradewind/shared/auth';

/** What the password form holds: the two fields edge takes, and the confirmation it never sees. */
export type PasswordFormValues = { currentPassword: string; newPassword: string; confirmPassword: string };

export type PasswordFormCheck =
  | { readonly ok: true; readonly input: ChangePasswordInput }
  | { readonly ok: false; readonly fields: Readonly<Record<string, string>> };

export const CONFIRM_MISMATCH = 'The two new passwords are not the same.';

/**
 * Checks the form in the browser with the schema edge parses the request with (shared/src/auth),
 * so what the browser lets through the server accepts, and says why beside each field (the
 * first message per field, as edge's fieldErrors are shown).
 */
export function checkPasswordForm(values: PasswordFormValues): PasswordFormCheck {
  const parsed = changePasswordInput.safeParse({
    currentPassword: values.currentPassword,
    newPassword: values.newPassword,
  });
  const fields: Record<string, string> = {};
  for (const issue of parsed.error?.issues ?? []) {
    const key = String(issue.path[0] ?? 'form');
    fields[key] ??= issue.message;
  }
  if (values.confirmPassword !== values.newPassword) fields.confirmPassword ??= CONFIRM_MISMATCH;
  if (parsed.success && Object.keys(fields).length === 0) return { ok: true, input: parsed.data };
  return { ok: false, fields };
}
