import type { KeyValueStorage } from '../storage/key-value-storage';

/** Which of the user's accounts the trading screens work on, kept across reloads. */
export const CHOSEN_ACCOUNT_KEY = 'tw.account.v1';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function loadChosenAccount(storage: KeyValueStorage): string | null {
  try {
    const id = storage.getItem(CHOSEN_ACCOUNT_KEY);
    return id !== null && UUID.test(id) ? id : null;
  } catch {
    return null;
  }
}

export function saveChosenAccount(storage: KeyValueStorage, id: string | null): void {
  try {
    if (id === null) storage.removeItem(CHOSEN_ACCOUNT_KEY);
    else storage.setItem(CHOSEN_ACCOUNT_KEY, id);
  } catch {
    // Not persisted: the choice holds for this page.
  }
}

/** The chosen account when the user still has it, else their first (another user's id never matches). */
export function chooseAccount<A extends { id: string }>(accounts: readonly A[], chosen: string | null): A | undefined {
  return accounts.find((a) => a.id === chosen) ?? accounts[0];
}

/** "Paper · cash", "Margin · 5× margin". */
export function accountLabel(a: { name: string; margin: { leverage: number } | null }): string {
  return a.margin ? `${a.name} · ${a.margin.leverage}× margin` : `${a.name} · cash`;
}
