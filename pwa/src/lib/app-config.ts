import { type KeyValueStorage, readJson, writeJson } from './storage/key-value-storage';

/**
 * Runtime configuration served by edge at /config.json (so one build runs anywhere).
 * The last good copy is kept for offline starts; without any, a default next to the page.
 */
export type AppConfig = { readonly coreWsUrl: string };

export const CONFIG_STORAGE_KEY = 'tw.config.v1';
/** A config fetch that hangs must not hold the app back: past this we use what we have. */
export const CONFIG_FETCH_TIMEOUT_MS = 4_000;

export function parseConfig(value: unknown): AppConfig | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const url = (value as Record<string, unknown>).coreWsUrl;
  if (typeof url !== 'string' || url.length > 2048 || !/^wss?:\/\/[^\s]+$/.test(url)) return undefined;
  return { coreWsUrl: url };
}

/** The core on port 8081 of the page's host: right for `npm start` on a laptop. */
export function defaultConfig(location: { protocol: string; hostname: string }): AppConfig {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return { coreWsUrl: `${scheme}://${location.hostname}:8081/v1/ws` };
}

export async function loadConfig(
  fetchFn: typeof globalThis.fetch,
  storage: KeyValueStorage,
  location: { protocol: string; hostname: string },
): Promise<AppConfig> {
  try {
    const res = await fetchFn('/config.json', {
      cache: 'no-store',
      signal: AbortSignal.timeout(CONFIG_FETCH_TIMEOUT_MS),
    });
    const config = res.ok ? parseConfig(await res.json()) : undefined;
    if (config) {
      writeJson(storage, CONFIG_STORAGE_KEY, config);
      return config;
    }
  } catch {
    // offline, or edge not there: fall through to what we know
  }
  return parseConfig(readJson(storage, CONFIG_STORAGE_KEY)) ?? defaultConfig(location);
}
