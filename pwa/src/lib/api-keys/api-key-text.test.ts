import { describe, expect, it } from 'vitest';
import { curlExample, expiresAtOf, restBaseOf, statusOf } from './api-key-text';

describe('API key helpers', () => {
  it('turns expiry choices into times', () => {
    expect(expiresAtOf('never', 1_000)).toBeNull();
    expect(expiresAtOf('30', 1_000)).toBe(1_000 + 30 * 86_400_000);
  });

  it("derives core's REST base from its WebSocket URL", () => {
    expect(restBaseOf('ws://127.0.0.1:8081/v1/ws')).toBe('http://127.0.0.1:8081');
    expect(restBaseOf('wss://core.example.com/v1/ws')).toBe('https://core.example.com');
    expect(restBaseOf('not a url')).toBe('http://127.0.0.1:8081');
  });

  it('writes a curl example with the key and the account', () => {
    expect(curlExample('http://h:1', 'k.s', 'acc')).toBe(
      "curl -H 'Authorization: ApiKey k.s' http://h:1/v1/accounts/acc/balances",
    );
    expect(curlExample('http://h:1', 'k.s', undefined)).toContain('/v1/accounts/<accountId>/balances');
  });

  it('tells live, revoked and expired keys apart', () => {
    expect(statusOf({ revokedAtMs: null, expiresAtMs: null }, 5)).toBe('live');
    expect(statusOf({ revokedAtMs: 1, expiresAtMs: null }, 5)).toBe('revoked');
    expect(statusOf({ revokedAtMs: null, expiresAtMs: 5 }, 5)).toBe('expired');
    expect(statusOf({ revokedAtMs: null, expiresAtMs: 6 }, 5)).toBe('live');
  });
});
