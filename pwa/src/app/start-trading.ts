import { effect } from '@preact/signals';
import type { ServerFrame } from '@tradewind/shared/protocol';
import { chooseAccount, saveChosenAccount } from '../lib/trading/account-choice';
import type { Services } from './services';

/** The topics the trading screens need now: the shown symbol's depth, the account's private topic. */
export function tradingTopics(s: Services): string[] {
  const topics: string[] = [];
  const symbol = s.focusSymbol.value;
  if (symbol) topics.push(`depth.${symbol}`);
  const accountId = s.trading.accountId.value;
  // `acct.<accountId>` (the protocol's accountTopicOf, written out: that module brings zod with it).
  if (accountId && s.socketAuthed.value) topics.push(`acct.${accountId}`);
  return topics;
}

/** Frames other than trades and quotes: auth confirmations, the private topic, depth. */
export function routeTradingFrame(s: Services, frame: ServerFrame): void {
  switch (frame.type) {
    case 'authed':
      s.socketAuthed.value = true;
      return;
    case 'order':
    case 'fill':
    case 'position':
    case 'balance':
    case 'alert':
      s.trading.apply(frame);
      return;
    case 'depthSnapshot':
    case 'depthDelta':
      s.depth.apply(frame);
      return;
    default:
      return; // acks, pongs, bars: nothing for the trading screens
  }
}

/**
 * Keeps the trading store on the signed-in user's chosen (else first) account, and reloads it from edge
 * each time the private topic is (re)subscribed: frames missed while away are not replayed.
 */
export function startTrading(s: Services): void {
  effect(() => {
    s.trading.setAccount(chooseAccount(s.me.value?.accounts ?? [], s.chosenAccountId.value)?.id ?? null);
  });
  effect(() => saveChosenAccount(s.storage, s.chosenAccountId.value));
  effect(() => {
    if (s.session.token.value === null) s.socketAuthed.value = false;
  });
  effect(() => {
    if (s.socketAuthed.value && s.trading.accountId.value) void s.trading.reload();
  });
  // Sends an earlier page left without an answer (reload, crash): look them up once we can (R5).
  effect(() => {
    const userId = s.session.user.value?.id;
    const accountId = s.trading.accountId.value;
    if (userId && accountId && s.connection.value !== 'offline') void s.pending.reconcile(userId, accountId);
  });
}
