import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../storage/key-value-storage';
import { CHOSEN_ACCOUNT_KEY, chooseAccount, loadChosenAccount, saveChosenAccount } from './account-choice';

const A = '6f1c1f57-8f7e-4c55-9d3c-2c8c6ad0c0d1';
const B = '7f1c1f57-8f7e-4c55-9d3c-2c8c6ad0c0d2';

describe('account choice', () => {
  it('picks the chosen account if the user has it, else the first', () => {
    const accounts = [{ id: A }, { id: B }];
    expect(chooseAccount(accounts, B)?.id).toBe(B);
    expect(chooseAccount(accounts, null)?.id).toBe(A);
    expect(chooseAccount(accounts, '00000000-0000-4000-8000-000000000000')?.id).toBe(A);
    expect(chooseAccount([], B)).toBeUndefined();
  });

  it('persists a uuid and ignores anything else', () => {
    const storage = new MemoryStorage();
    saveChosenAccount(storage, B);
    expect(loadChosenAccount(storage)).toBe(B);
    storage.setItem(CHOSEN_ACCOUNT_KEY, 'garbage');
    expect(loadChosenAccount(storage)).toBeNull();
    saveChosenAccount(storage, null);
    expect(storage.getItem(CHOSEN_ACCOUNT_KEY)).toBeNull();
  });
});
