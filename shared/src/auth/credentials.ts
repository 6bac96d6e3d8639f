import { z } from 'zod';

/**
 * The password rules, in one place for edge (registration, password change) and the PWA's
 * forms alike, so the browser refuses exactly what the server would.
 */
export const PASSWORD_LENGTH_MIN = 10;
/** Bounds the hashing work a single request can ask for. */
export const PASSWORD_LENGTH_MAX = 128;

/** A new password: registration and password change. */
export const passwordSchema = z
  .string()
  .min(PASSWORD_LENGTH_MIN, `Use at least ${PASSWORD_LENGTH_MIN} characters.`)
  .max(PASSWORD_LENGTH_MAX, `Use at most ${PASSWORD_LENGTH_MAX} characters.`);

/**
 * `auth.changePassword`. The current password is checked only for its length bounds (one set
 * under older rules must still be accepted as proof); the new one obeys today's rules and
 * must differ from the current one.
 */
export const changePasswordInput = z
  .object({
    currentPassword: z
      .string()
      .min(1, 'Enter your current password.')
      .max(PASSWORD_LENGTH_MAX, `Use at most ${PASSWORD_LENGTH_MAX} characters.`),
    newPassword: passwordSchema,
  })
  .refine((v) => v.newPassword !== v.currentPassword, {
    path: ['newPassword'],
    message: 'Choose a password different from your current one.',
  });

export type ChangePasswordInput = z.infer<typeof changePasswordInput>;
