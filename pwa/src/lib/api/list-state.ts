import { signal } from '@preact/signals';
import { toApiError } from './api-error';

/**
 * A screen's list from edge and the actions on it: `refresh` reloads the list; `run` does one
 * action (busy while it runs), then reloads, and keeps the last error's message for the form.
 * An action's result comes back, or undefined when it failed.
 */
export function listState<T>(load: () => Promise<readonly T[]>) {
  const items = signal<readonly T[]>([]);
  const error = signal<string | null>(null);
  const busy = signal(false);
  const refresh = async (): Promise<void> => {
    try {
      items.value = await load();
      error.value = null;
    } catch (e) {
      error.value = toApiError(e).message;
    }
  };
  const run = async <R>(work: () => Promise<R>): Promise<R | undefined> => {
    busy.value = true;
    try {
      const out = await work();
      error.value = null;
      await refresh();
      return out;
    } catch (e) {
      error.value = toApiError(e).message;
      return undefined;
    } finally {
      busy.value = false;
    }
  };
  return { items, error, busy, refresh, run };
}
