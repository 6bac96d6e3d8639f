// The password rules live in shared (changePasswordInput too), so the PWA's forms check exactly what edge checks.
import { PASSWORD_LENGTH_MAX, passwordSchema } from '@tradewind/shared/auth';
import { z } from 'zod';

/** RFC 5321's limit on a forward path; longer is not an address. */
export const EMAIL_CHARS_MAX = 254;
export const DISPLAY_NAME_CHARS_MAX = 64;

/** E-mails are compared trimmed and lower-cased, everywhere, so one person has one account. */
export const emailSchema = z
  .string()
  .max(EMAIL_CHARS_MAX + 64, 'E-mail is too long.')
  .trim()
  .toLowerCase()
  .pipe(z.email('Enter a valid e-mail address.').max(EMAIL_CHARS_MAX, 'E-mail is too long.'));

export const registerInput = z.object({
  email: emailSchema,
  password: passwordSchema,
  displayName: z
    .string()
    .trim()
    .min(1, 'Enter a display name.')
    .max(DISPLAY_NAME_CHARS_MAX, `Use at most ${DISPLAY_NAME_CHARS_MAX} characters.`),
});

/**
 * Login checks only the length bounds of the password: a password set under older rules must
 * still work, and the bound keeps hashing work per request finite.
 */
export const loginInput = z.object({
  email: emailSchema,
  password: z.string().min(1, 'Enter your password.').max(PASSWORD_LENGTH_MAX, 'Invalid e-mail or password.'),
});
