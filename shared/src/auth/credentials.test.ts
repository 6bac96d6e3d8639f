import { expect, test } from 'vitest';
import { changePasswordInput, PASSWORD_LENGTH_MAX, PASSWORD_LENGTH_MIN, passwordSchema } from './credentials';

const CURRENT = 'the old passphrase';

test(`a new password of ${PASSWORD_LENGTH_MIN}–${PASSWORD_LENGTH_MAX} characters is accepted; one short or long is not`, () => {
  expect(passwordSchema.safeParse('x'.repeat(PASSWORD_LENGTH_MIN)).success).toBe(true);
  expect(passwordSchema.safeParse('x'.repeat(PASSWORD_LENGTH_MAX)).success).toBe(true);
  expect(passwordSchema.safeParse('x'.repeat(PASSWORD_LENGTH_MIN - 1)).error?.issues[0]?.message).toBe(
    `Use at least ${PASSWORD_LENGTH_MIN} characters.`,
  );
  expect(passwordSchema.safeParse('x'.repeat(PASSWORD_LENGTH_MAX + 1)).error?.issues[0]?.message).toBe(
    `Use at most ${PASSWORD_LENGTH_MAX} characters.`,
  );
});

test('a password change takes any current password within the length bound, and a new one under the rules', () => {
  expect(changePasswordInput.parse({ currentPassword: 'short', newPassword: 'a brand new one' })).toEqual({
    currentPassword: 'short',
    newPassword: 'a brand new one',
  });
  const empty = changePasswordInput.safeParse({ currentPassword: '', newPassword: 'a brand new one' });
  expect(empty.error?.issues.map((i) => [i.path, i.message])).toEqual([
    [['currentPassword'], 'Enter your current password.'],
  ]);
  const long = changePasswordInput.safeParse({
    currentPassword: 'x'.repeat(PASSWORD_LENGTH_MAX + 1),
    newPassword: 'a brand new one',
  });
  expect(long.error?.issues[0]?.path).toEqual(['currentPassword']);
  const weak = changePasswordInput.safeParse({
    currentPassword: CURRENT,
    newPassword: 'x'.repeat(PASSWORD_LENGTH_MIN - 1),
  });
  expect(weak.error?.issues.map((i) => i.path)).toEqual([['newPassword']]);
});

test('the new password must differ from the current one (reported on the new password)', () => {
  const same = changePasswordInput.safeParse({ currentPassword: CURRENT, newPassword: CURRENT });
  expect(same.error?.issues.map((i) => [i.path, i.message])).toEqual([
    [['newPassword'], 'Choose a password different from your current one.'],
  ]);
});
