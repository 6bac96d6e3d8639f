import { type Signal, signal } from '@preact/signals';
import type { Scheduler, TimerHandle } from '../util/scheduler';
import type { InboxItem, NotificationsApi } from './notifications-api';

/**
 * How often the unread badge is re-read while signed in. Polling rather than a stream:
 * edge stays stateless (no open connection per tab), the bearer token stays in a header
 * (EventSource cannot send one), and a push from the service worker refreshes at once, so
 * the badge is live when push is on and at most this stale when it is not.
 */
export const UNREAD_POLL_MS = 30_000;
/** Inbox items per page. */
export const INBOX_PAGE_ITEMS = 30;
/** Items kept in memory while scrolling back. */
export const INBOX_ITEMS_MAX = 300;

/** The inbox and the unread count of the signed-in user. */
export class InboxStore {
  readonly unread = signal(0);
  readonly items: Signal<readonly InboxItem[]> = signal<readonly InboxItem[]>([]);
  readonly nextCursor = signal<number | null>(null);
  readonly loading = signal(false);
  readonly error = signal<string | null>(null);
  #timer: TimerHandle | null = null;
  #active = false;

  constructor(
    private readonly api: NotificationsApi,
    private readonly scheduler: Scheduler,
  ) {}

  /** Starts polling the unread count (on sign-in). */
  start(): void {
    this.#active = true;
    void this.refreshUnread();
  }

  /** Stops polling and forgets everything (on sign-out). */
  stop(): void {
    this.#active = false;
    if (this.#timer) this.scheduler.clearTimeout(this.#timer);
    this.#timer = null;
    this.unread.value = 0;
    this.items.value = [];
    this.nextCursor.value = null;
  }

  async refreshUnread(): Promise<void> {
    if (this.#timer) this.scheduler.clearTimeout(this.#timer);
    this.#timer = null;
    try {
      const { count } = await this.api.unreadCount();
      if (this.#active) this.unread.value = count;
    } catch {
      // Offline or signed out mid-way: the next poll tries again.
    }
    if (this.#active) this.#timer = this.scheduler.setTimeout(() => void this.refreshUnread(), UNREAD_POLL_MS);
  }

  /** Something arrived (a push, or the inbox was opened): newest page and count again. */
  async refresh(): Promise<void> {
    await Promise.all([this.loadFirstPage(), this.refreshUnread()]);
  }

  async loadFirstPage(): Promise<void> {
    await this.#load(undefined);
  }

  async loadMore(): Promise<void> {
    const cursor = this.nextCursor.value;
    if (cursor !== null) await this.#load(cursor);
  }

  async #load(cursor: number | undefined): Promise<void> {
    this.loading.value = true;
    try {
      const page = await this.api.inbox({ ...(cursor === undefined ? {} : { cursor }), limit: INBOX_PAGE_ITEMS });
      const kept = cursor === undefined ? page.items : [...this.items.value, ...page.items];
      this.items.value = kept.slice(0, INBOX_ITEMS_MAX);
      this.nextCursor.value = kept.length >= INBOX_ITEMS_MAX ? null : page.nextCursor;
      this.error.value = null;
    } catch {
      this.error.value = 'Could not load notifications.';
    } finally {
      this.loading.value = false;
    }
  }

  /** Marks items read here at once (the badge drops), then tells edge. */
  async markRead(ids: readonly number[] | 'all'): Promise<void> {
    const unreadIds = this.items.value.filter((i) => !i.read && (ids === 'all' || ids.includes(i.id))).map((i) => i.id);
    this.items.value = this.items.value.map((i) => (unreadIds.includes(i.id) ? { ...i, read: true } : i));
    this.unread.value = ids === 'all' ? 0 : Math.max(0, this.unread.value - unreadIds.length);
    if (ids !== 'all' && unreadIds.length === 0) return;
    await this.api.markRead(ids === 'all' ? { all: true } : { ids: unreadIds }).catch(() => undefined);
    await this.refreshUnread();
  }
}
