/**
 * The slice of Web Storage we use. The app passes `localStorage` when it works and a
 * MemoryStorage when it does not (storage disabled, private modes, quota), so nothing
 * breaks for lack of persistence.
 */
export type KeyValueStorage = {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
};

export class MemoryStorage implements KeyValueStorage {
  readonly #items = new Map<string, string>();

  getItem(key: string): string | null {
    return this.#items.get(key) ?? null;
  }

  setItem(key: string, value: string): void {
    this.#items.set(key, String(value));
  }

  removeItem(key: string): void {
    this.#items.delete(key);
  }
}

/** localStorage if it is there and writable, else an in-memory stand-in. */
export function bestStorage(): KeyValueStorage {
  try {
    const storage = globalThis.localStorage;
    const probe = 'tw.probe';
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return storage;
  } catch {
    return new MemoryStorage();
  }
}

/** Reads and parses JSON; a missing, corrupt or unreadable item is `undefined`, never a throw. */
export function readJson(storage: KeyValueStorage, key: string): unknown {
  try {
    const text = storage.getItem(key);
    return text === null ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

/** Writes JSON; returns false when storage refuses (quota, disabled), which callers may ignore. */
export function writeJson(storage: KeyValueStorage, key: string, value: unknown): boolean {
  try {
    storage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}
