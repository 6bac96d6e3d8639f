/** Expiry choices of the create form: days from now, or none (until revoked). */
export const EXPIRY_CHOICES = [
  { value: 'never', label: 'Never (until revoked)', days: null },
  { value: '30', label: '30 days', days: 30 },
  { value: '90', label: '90 days', days: 90 },
  { value: '365', label: '1 year', days: 365 },
] as const;
export type ExpiryChoice = (typeof EXPIRY_CHOICES)[number]['value'];

const DAY_MS = 86_400_000;

/** The `expiresAtMs` edge takes for a choice: null for "never". */
export function expiresAtOf(choice: ExpiryChoice, nowMs: number): number | null {
  const days = EXPIRY_CHOICES.find((c) => c.value === choice)?.days ?? null;
  return days === null ? null : nowMs + days * DAY_MS;
}

/** Core's REST base from its WebSocket URL (`ws://host:8081/v1/ws` → `http://host:8081`). */
export function restBaseOf(coreWsUrl: string): string {
  try {
    const url = new URL(coreWsUrl);
    const scheme = url.protocol === 'wss:' ? 'https:' : 'http:';
    return `${scheme}//${url.host}`;
  } catch {
    return 'http://127.0.0.1:8081';
  }
}

/** A copy-paste example for a new key: read the account's balances with it. */
export function curlExample(restBase: string, key: string, accountId: string | undefined): string {
  const account = accountId ?? '<accountId>';
  return `curl -H 'Authorization: ApiKey ${key}' ${restBase}/v1/accounts/${account}/balances`;
}

export type KeyStatus = 'live' | 'revoked' | 'expired';

/** What the list shows for a key. */
export function statusOf(key: { revokedAtMs: number | null; expiresAtMs: number | null }, nowMs: number): KeyStatus {
  if (key.revokedAtMs !== null) return 'revoked';
  return key.expiresAtMs !== null && key.expiresAtMs <= nowMs ? 'expired' : 'live';
}
