import { computed, type ReadonlySignal, type Signal, signal } from '@preact/signals';
import { type ApiError, toApiError } from '../api/api-error';
import type { AuthApi, AuthGrant, AuthUser, ChangePasswordInput, LoginInput, RegisterInput } from '../api/auth-types';
import type { Scheduler, TimerHandle } from '../util/scheduler';
import { tokenLifetimeMs } from './token-lifetime';

/** Refresh this long before the access token expires (tokens live ≤ 15 min). */
export const REFRESH_LEAD_MS = 60_000;
/** Never schedule refreshes closer together than this, whatever the token says. */
export const REFRESH_DELAY_MS_MIN = 5_000;
/** After a refresh that failed for want of network, try again this much later. */
export const REFRESH_RETRY_MS = 15_000;
/** A token this close to expiry is refreshed before a request uses it. */
export const TOKEN_EXPIRY_SKEW_MS = 10_000;

/** Serialises refreshes across tabs: refresh tokens are single-use, and reuse revokes the family. */
export type LockRunner = <T>(name: string, fn: () => Promise<T>) => Promise<T>;
export const REFRESH_LOCK_NAME = 'tradewind.auth.refresh';

export type SessionStatus = 'restoring' | 'anonymous' | 'signed-in';

type Held = { token: string; expiresAtLocalMs: number };

export type SessionStoreOptions = { api: AuthApi; scheduler: Scheduler; withLock: LockRunner };

/**
 * The signed-in user and their access token. The token lives in memory only (never in
 * storage); the refresh token is an HttpOnly cookie the page cannot read. Refreshes before
 * expiry, on demand and after a 401, one at a time.
 */
export class SessionStore {
  readonly user: Signal<AuthUser | null> = signal<AuthUser | null>(null);
  readonly status = signal<SessionStatus>('restoring');
  /**
   * True when edge ended a signed-in session (its refresh was refused: a password change or a
   * logout on another device, a revoked family), not the user here; cleared at the next sign-in.
   */
  readonly endedElsewhere = signal(false);
  /** The current access token for the market socket; null when signed out. */
  readonly token: ReadonlySignal<string | null>;
  readonly #tokenSignal = signal<Held | null>(null);
  readonly #opts: SessionStoreOptions;
  #refreshing: Promise<boolean> | undefined;
  /** A password change in flight: true once its new session is held. */
  #changing: Promise<boolean> | undefined;
  #timer: TimerHandle | undefined;
  /** Bumped on sign-in and sign-out so a refresh answer that arrives late is dropped. */
  #epoch = 0;

  constructor(opts: SessionStoreOptions) {
    this.#opts = opts;
    this.token = computed(() => this.#tokenSignal.value?.token ?? null);
  }

  /** At start: the refresh cookie, if any, signs the user back in. */
  async restore(): Promise<void> {
    await this.refresh();
    if (this.status.value === 'restoring') this.status.value = 'anonymous';
  }

  register(input: RegisterInput): Promise<ApiError | null> {
    return this.#signIn(() => this.#opts.api.register(input));
  }

  login(input: LoginInput): Promise<ApiError | null> {
    return this.#signIn(() => this.#opts.api.login(input));
  }

  /**
   * Changes the password. On success this device holds the new session edge started for it
   * (edge revoked every other one, this device's old tokens included). The change replaces the
   * refresh cookie, so it waits for a refresh in flight and holds the refresh lock (other tabs
   * wait); a refresh asked for meanwhile here (the socket core closes because of this very
   * change, a 401) waits for it and takes its token instead of spending the dying cookie.
   */
  async changePassword(input: ChangePasswordInput): Promise<ApiError | null> {
    await this.accessToken();
    while (this.#refreshing) await this.#refreshing;
    let error: ApiError | null = null;
    const change = this.#opts.withLock(REFRESH_LOCK_NAME, async () => {
      const epoch = this.#epoch;
      try {
        const grant = await this.#opts.api.changePassword(input);
        if (epoch !== this.#epoch) return false; // logged out meanwhile: stay out
        this.#epoch += 1; // an answer to anything sent before the change is stale
        this.#accept(grant);
        return true;
      } catch (e) {
        error = toApiError(e);
        return false;
      }
    });
    this.#changing = change.finally(() => {
      this.#changing = undefined;
    });
    const changed = await this.#changing;
    // Refused as signed out: the session ended meanwhile (elsewhere); a refresh tells for sure.
    if (!changed && (error as ApiError | null)?.kind === 'unauthorized') void this.refresh();
    return error;
  }

  async logout(): Promise<void> {
    this.endedElsewhere.value = false;
    this.#signedOut();
    try {
      await this.#opts.api.logout();
    } catch {
      // Offline or already revoked: the local session is gone either way, and the cookie
      // is single-use and short of a refresh it grants nothing.
    }
  }

  /** A token good for at least TOKEN_EXPIRY_SKEW_MS, refreshing first if needed; null if signed out. */
  async accessToken(): Promise<string | null> {
    const held = this.#tokenSignal.value;
    if (!held) return null;
    // The change's own request must not wait for a refresh that waits for the change.
    if (this.#changing) return held.token;
    if (held.expiresAtLocalMs - this.#opts.scheduler.nowMs() > TOKEN_EXPIRY_SKEW_MS) return held.token;
    await this.refresh();
    return this.#tokenSignal.value?.token ?? null;
  }

  /** One refresh at a time, in this tab and across tabs. True if a new token is held. */
  refresh(): Promise<boolean> {
    const changing = this.#changing;
    if (changing) return changing.then((changed) => changed || this.refresh());
    this.#refreshing ??= this.#opts
      .withLock(REFRESH_LOCK_NAME, () => this.#refreshOnce())
      .finally(() => {
        this.#refreshing = undefined;
      });
    return this.#refreshing;
  }

  async #refreshOnce(): Promise<boolean> {
    const epoch = this.#epoch;
    try {
      const grant = await this.#opts.api.refresh();
      if (epoch !== this.#epoch) return false;
      this.#accept(grant);
      return true;
    } catch (e) {
      if (epoch !== this.#epoch) return false;
      const error = toApiError(e);
      if (error.kind === 'offline' || error.kind === 'failed' || error.kind === 'unavailable') {
        // Keep the session: the network, edge or its database may come back before the cookie expires.
        if (this.status.value === 'signed-in') this.#schedule(REFRESH_RETRY_MS);
      } else {
        const wasSignedIn = this.status.value === 'signed-in';
        this.#signedOut();
        this.endedElsewhere.value = wasSignedIn;
      }
      return false;
    }
  }

  async #signIn(call: () => Promise<AuthGrant>): Promise<ApiError | null> {
    const epoch = ++this.#epoch;
    try {
      const grant = await call();
      if (epoch === this.#epoch) this.#accept(grant);
      return null;
    } catch (e) {
      return toApiError(e);
    }
  }

  #accept(grant: AuthGrant): void {
    const nowMs = this.#opts.scheduler.nowMs();
    const lifetimeMs = tokenLifetimeMs(grant.accessToken, grant.accessTokenExpiresAtMs, nowMs);
    this.#tokenSignal.value = { token: grant.accessToken, expiresAtLocalMs: nowMs + lifetimeMs };
    this.user.value = grant.user;
    this.status.value = 'signed-in';
    this.endedElsewhere.value = false;
    this.#schedule(lifetimeMs - REFRESH_LEAD_MS);
  }

  #signedOut(): void {
    this.#epoch += 1;
    this.#cancelTimer();
    this.#tokenSignal.value = null;
    this.user.value = null;
    this.status.value = 'anonymous';
  }

  #schedule(delayMs: number): void {
    this.#cancelTimer();
    this.#timer = this.#opts.scheduler.setTimeout(
      () => {
        this.#timer = undefined;
        void this.refresh();
      },
      Math.max(REFRESH_DELAY_MS_MIN, delayMs),
    );
  }

  #cancelTimer(): void {
    if (this.#timer) this.#opts.scheduler.clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}

/** Web Locks where the browser has them (all current ones); otherwise this tab only. */
export const browserLock: LockRunner = (name, fn) => {
  const locks = (globalThis.navigator as { locks?: { request<T>(n: string, f: () => Promise<T>): Promise<T> } })?.locks;
  return locks ? locks.request(name, fn) : fn();
};
