import { batch, type Signal, signal } from '@preact/signals';
import type { AccountFrame, BalanceView, FillView, OrderView, PositionView } from '@tradewind/shared/protocol';
import { compareDecimal } from '../market/decimal-compare';
import type { TradingApi } from './trading-api';

/** Done orders and fills kept in memory (the newest); older ones are paged from edge. */
export const HISTORY_KEPT_MAX = 200;
/** Notices waiting to be read; the oldest is dropped past this. */
export const NOTICES_MAX = 5;

const OPEN_STATUSES: ReadonlySet<string> = new Set(['accepted', 'triggered', 'partially_filled']);
export const isOpenOrder = (o: OrderView): boolean => OPEN_STATUSES.has(o.status);

export type Notice = { readonly id: number; readonly text: string };

/**
 * The signed-in user's trading state for one account: loaded from edge, then kept live by
 * the private topic's frames (order, fill, position, balance, alert). Reloaded after every
 * (re)subscription, since frames missed while disconnected are not replayed.
 */
export class TradingStore {
  readonly accountId = signal<string | null>(null);
  readonly openOrders = signal<readonly OrderView[]>([]);
  readonly doneOrders = signal<readonly OrderView[]>([]);
  readonly fills = signal<readonly FillView[]>([]);
  readonly positions = signal<readonly PositionView[]>([]);
  readonly balances = signal<readonly BalanceView[]>([]);
  readonly loaded = signal(false);
  /** Cursors for "load more"; null when edge has no older rows. */
  readonly historyCursor = signal<string | null>(null);
  readonly fillsCursor = signal<string | null>(null);
  /** The kill switch as last set from this app (core has no query for it yet). */
  readonly halted = signal(false);
  /** The last margin call core raised on this account (alert frame), until liquidation or a switch of account. */
  readonly marginCall = signal<string | null>(null);
  readonly notices: Signal<readonly Notice[]> = signal([]);
  readonly #api: TradingApi;
  #loadSeq = 0;
  #noticeSeq = 0;

  constructor(api: TradingApi) {
    this.#api = api;
  }

  get api(): TradingApi {
    return this.#api;
  }

  setAccount(accountId: string | null): void {
    if (accountId === this.accountId.value) return;
    batch(() => {
      this.accountId.value = accountId;
      this.openOrders.value = this.doneOrders.value = this.fills.value = [];
      this.positions.value = this.balances.value = [];
      this.loaded.value = this.halted.value = false;
      this.marginCall.value = null;
    });
    if (accountId) void this.reload();
  }

  /** Everything from edge again (after a reconnect or a reload); a stale answer is dropped. */
  async reload(): Promise<void> {
    const accountId = this.accountId.value;
    if (!accountId) return;
    const seq = ++this.#loadSeq;
    try {
      const a = { accountId };
      const [open, history, fills, positions, balances] = await Promise.all([
        this.#api.openOrders(a),
        this.#api.orderHistory(a),
        this.#api.fills(a),
        this.#api.positions(a),
        this.#api.balances(a),
      ]);
      if (seq !== this.#loadSeq) return;
      batch(() => {
        this.openOrders.value = open;
        this.doneOrders.value = history.items;
        this.historyCursor.value = history.nextCursor;
        this.fills.value = fills.items;
        this.fillsCursor.value = fills.nextCursor;
        this.positions.value = positions.filter((p) => compareDecimal(p.quantity, '0') !== 0);
        this.balances.value = balances;
        this.loaded.value = true;
      });
    } catch {
      // offline or edge down: keep what is shown; the next reconnect reloads
    }
  }

  async loadMoreHistory(): Promise<void> {
    const accountId = this.accountId.value;
    const cursor = this.historyCursor.value;
    if (!accountId || !cursor) return;
    const page = await this.#api.orderHistory({ accountId, cursor });
    this.doneOrders.value = mergeById([...this.doneOrders.value, ...page.items], (o) => o.orderId);
    this.historyCursor.value = page.nextCursor;
  }

  async loadMoreFills(): Promise<void> {
    const accountId = this.accountId.value;
    const cursor = this.fillsCursor.value;
    if (!accountId || !cursor) return;
    const page = await this.#api.fills({ accountId, cursor });
    this.fills.value = [...this.fills.value, ...page.items];
    this.fillsCursor.value = page.nextCursor;
  }

  /** A frame of `acct.<accountId>`; frames of another account are ignored. */
  apply(frame: AccountFrame): void {
    switch (frame.type) {
      case 'order':
        this.#applyOrder(frame.order);
        return;
      case 'fill':
        if (frame.fill.accountId !== this.accountId.value) return;
        this.fills.value = [frame.fill, ...this.fills.value.filter((f) => !sameFill(f, frame.fill))].slice(
          0,
          HISTORY_KEPT_MAX,
        );
        return;
      case 'position':
        this.#applyPosition(frame.position);
        return;
      case 'balance':
        if (frame.balance.accountId !== this.accountId.value) return;
        this.balances.value = upsert(this.balances.value, frame.balance, (b) => b.currency);
        return;
      case 'alert':
        if (frame.alert.kind === 'kill_switch') this.halted.value = /engag|halt/i.test(frame.alert.message);
        if (frame.alert.kind === 'margin_call') this.marginCall.value = humanise(frame.alert.message);
        if (frame.alert.kind === 'liquidated') this.marginCall.value = null;
        this.notify(humanise(frame.alert.message));
        return;
    }
  }

  notify(text: string): void {
    this.#noticeSeq += 1;
    this.notices.value = [...this.notices.value, { id: this.#noticeSeq, text }].slice(-NOTICES_MAX);
  }

  dismiss(id: number): void {
    this.notices.value = this.notices.value.filter((n) => n.id !== id);
  }

  #applyOrder(order: OrderView): void {
    if (order.accountId !== this.accountId.value) return;
    const others = this.openOrders.value.filter((o) => o.orderId !== order.orderId);
    batch(() => {
      if (isOpenOrder(order)) {
        this.openOrders.value = [order, ...others].sort((a, b) => Number(b.orderId) - Number(a.orderId));
        return;
      }
      this.openOrders.value = others;
      this.doneOrders.value = mergeById([order, ...this.doneOrders.value], (o) => o.orderId).slice(0, HISTORY_KEPT_MAX);
    });
  }

  #applyPosition(position: PositionView): void {
    if (position.accountId !== this.accountId.value) return;
    const before = this.positions.value.find((p) => p.symbol === position.symbol);
    const flat = compareDecimal(position.quantity, '0') === 0;
    if (flat) {
      this.positions.value = this.positions.value.filter((p) => p.symbol !== position.symbol);
      if (before) this.notify(`Your ${position.symbol} position was closed.`);
      return;
    }
    this.positions.value = upsert(this.positions.value, position, (p) => p.symbol);
  }
}

/** "stop_market sell BTC-USD triggered" → "Stop market sell BTC-USD triggered." */
function humanise(message: string): string {
  const text = message.replace(/_/g, ' ').trim();
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;
}

function upsert<T>(list: readonly T[], item: T, key: (t: T) => string): readonly T[] {
  const k = key(item);
  const i = list.findIndex((x) => key(x) === k);
  if (i < 0) return [...list, item].sort((a, b) => key(a).localeCompare(key(b)));
  const next = list.slice();
  next[i] = item;
  return next;
}

function mergeById<T>(list: readonly T[], id: (t: T) => string): T[] {
  const seen = new Set<string>();
  return list.filter((x) => {
    if (seen.has(id(x))) return false;
    seen.add(id(x));
    return true;
  });
}

const sameFill = (a: FillView, b: FillView): boolean => a.tradeId === b.tradeId && a.orderId === b.orderId;
