/**
 * A failed assertion is a bug, never a user error: user errors are typed results.
 * Kept tiny on purpose so it can sit on hot paths.
 */
export class AssertionError extends Error {
  override name = 'AssertionError';
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new AssertionError(message);
}

/** Ends every `switch` over a closed union so that a new member fails the typecheck. */
export function assertNever(value: never, what = 'value'): never {
  throw new AssertionError(`unexpected ${what}: ${JSON.stringify(value)}`);
}
