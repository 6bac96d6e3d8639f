import { useServices } from './services-context';

/** What happened to the user's account while they looked elsewhere: stops, closes, halts. */
export function Notices() {
  const { trading } = useServices();
  const list = trading.notices.value;
  if (list.length === 0) return null;
  const newest = list[list.length - 1];
  if (!newest) return null;
  return (
    <div class="toast" role="status" aria-live="polite" data-testid="notice">
      <span>{newest.text}</span>{' '}
      <button type="button" class="btn btn-ghost btn-small" onClick={() => trading.dismiss(newest.id)}>
        OK
      </button>
    </div>
  );
}
