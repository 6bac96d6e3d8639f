import { describe, expect, it } from 'vitest';
import { CONFIG_STORAGE_KEY, defaultConfig, loadConfig, parseConfig } from './app-config';
import { MemoryStorage } from './storage/key-value-storage';

const here = { protocol: 'http:', hostname: '127.0.0.1' };
const answer =
  (body: unknown, status = 200): typeof fetch =>
  () =>
    Promise.resolve(new Response(JSON.stringify(body), { status }));
const unreachable: typeof fetch = () => Promise.reject(new TypeError('Failed to fetch'));

describe('app config', () => {
  it('uses edge\u2019s /config.json and remembers it', async () => {
    const storage = new MemoryStorage();
    const config = await loadConfig(answer({ coreWsUrl: 'wss://core.example/v1/ws' }), storage, here);
    expect(config).toEqual({ coreWsUrl: 'wss://core.example/v1/ws' });
    expect(await loadConfig(unreachable, storage, here)).toEqual(config);
  });

  it('falls back to the default next to the page when nothing is known', async () => {
    expect(await loadConfig(unreachable, new MemoryStorage(), here)).toEqual({
      coreWsUrl: 'ws://127.0.0.1:8081/v1/ws',
    });
    expect(defaultConfig({ protocol: 'https:', hostname: 'app.example' }).coreWsUrl).toBe(
      'wss://app.example:8081/v1/ws',
    );
  });

  it('ignores an invalid answer or stored value', async () => {
    const storage = new MemoryStorage();
    storage.setItem(CONFIG_STORAGE_KEY, '{"coreWsUrl":"javascript:alert(1)"}');
    expect((await loadConfig(answer({ coreWsUrl: 'http://not-ws' }), storage, here)).coreWsUrl).toBe(
      'ws://127.0.0.1:8081/v1/ws',
    );
    expect((await loadConfig(answer({}, 500), storage, here)).coreWsUrl).toBe('ws://127.0.0.1:8081/v1/ws');
    expect(parseConfig({ coreWsUrl: `ws://${'a'.repeat(2050)}` })).toBe(undefined);
  });
});
