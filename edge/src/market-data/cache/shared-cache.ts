import type { Redis } from 'ioredis';
import type { Logger } from '../../logger';

/**
 * The shared tier behind the in-process LRU: Redis, when `REDIS_URL` is set. Values are
 * JSON. Redis being slow or down never fails a request: a failed read is a miss, a failed
 * write is dropped, both logged and counted by the caller through `onError`.
 */
export type SharedCache = {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  delete(keys: readonly string[]): Promise<void>;
  /** Resolves true once connected, false if the first connection attempt failed. */
  ready(): Promise<boolean>;
  close(): Promise<void>;
};

/** How long one Redis command may take before it counts as a miss. */
export const REDIS_COMMAND_TIMEOUT_MS = 250;

export function redisCache(redis: Redis, prefix: string, log: Logger, onError: () => void): SharedCache {
  const failed = (err: unknown, op: string) => {
    onError();
    log.warn({ err, op }, 'redis cache unavailable');
  };
  return {
    async get(key) {
      try {
        return await redis.get(prefix + key);
      } catch (err) {
        failed(err, 'get');
        return null;
      }
    },
    async set(key, value, ttlMs) {
      try {
        await redis.set(prefix + key, value, 'PX', Math.max(1, Math.ceil(ttlMs)));
      } catch (err) {
        failed(err, 'set');
      }
    },
    async delete(keys) {
      if (keys.length === 0) return;
      try {
        await redis.del(...keys.map((k) => prefix + k));
      } catch (err) {
        failed(err, 'del');
      }
    },
    ready() {
      if (redis.status === 'ready') return Promise.resolve(true);
      return new Promise((resolve) => {
        redis.once('ready', () => resolve(true));
        redis.once('error', () => resolve(false));
      });
    },
    async close() {
      redis.disconnect();
    },
  };
}

/** No shared tier: every lookup misses. */
export const noSharedCache: SharedCache = {
  get: async () => null,
  set: async () => {},
  delete: async () => {},
  ready: async () => false,
  close: async () => {},
};
