/** The one form-level message; role=alert so it is announced when it appears. */
export function FormAlert({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div class="form-alert" role="alert">
      {message}
    </div>
  );
}
