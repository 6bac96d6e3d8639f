import type { Sql } from '@tradewind/db';
import { createEventBus, type EventBus } from '@tradewind/db/bus';
import type { Registry } from 'prom-client';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { ChannelSender } from './channels/channel';
import { emailSender } from './channels/email';
import { createTransport } from './channels/http';
import { pushSender } from './channels/push';
import { httpSmsProvider, smsSender } from './channels/sms';
import { telegramSender } from './channels/telegram';
import { webhookSender } from './channels/webhook';
import { runDailySummary } from './daily-summary';
import { type DispatchRound, type DispatchStats, dispatchRound } from './dispatcher';
import { createNotifyMetrics } from './metrics';
import type { Channel, NotifyConfig } from './types';
import { type VapidKeyring, vapidKeyring } from './vapid';
import { NOTIFY_CONSUMER, NOTIFY_PATTERNS, notificationHandler } from './worker';

/** The dispatcher's safety-net poll; new work also wakes it directly. */
export const DISPATCH_POLL_MS = 1_000;
/** The daily summary is attempted this often (it is idempotent per user and day). */
export const SUMMARY_CHECK_MS = 15 * 60_000;
/** The PostgreSQL bus's safety-net poll (LISTEN/NOTIFY wakes it first). */
export const BUS_POLL_MS = 1_000;
/** Bus events per handler call. */
export const NOTIFY_BATCH_MAX = 1_000;

export type NotificationServiceDeps = {
  sql: Sql;
  config: NotifyConfig;
  clock: Clock;
  log: Logger;
  appOrigin: string;
  /** Edge's Prometheus registry; tests may leave it out. */
  registry?: Registry;
};

export type NotificationService = {
  /** Loads or creates the VAPID keys; with `config.worker`, starts the bus consumer, dispatcher and summary. */
  start(): Promise<void>;
  /** The public key new subscriptions use (applicationServerKey). */
  vapidPublicKey(): Promise<string>;
  /** The stored id of the key a browser subscribed with; the current key's when not said; undefined when unknown or dropped. */
  vapidKeyId(publicKey?: string): Promise<number | undefined>;
  /** Asks the dispatcher to look for due deliveries now. */
  wake(): void;
  /** One dispatcher round, for tests and tools. */
  dispatchOnce(): Promise<DispatchStats>;
  dailySummaryOnce(): Promise<number>;
  readonly bus: () => EventBus | null;
  close(): Promise<void>;
};

function senders(d: NotificationServiceDeps, keyring: VapidKeyring) {
  const { config, sql, log } = d;
  const nowMs = () => d.clock.nowMs();
  const email = emailSender({ smtpUrl: config.smtpUrl, from: config.emailFrom, appOrigin: d.appOrigin, log });
  // User-given targets (push endpoints, webhooks) go through the SSRF guard; the operator's own
  // receivers (SMS provider, Telegram API base: configuration, maybe a local server) do not.
  const userTargets = createTransport({ guard: !config.allowPrivateTargets });
  const operatorTargets = createTransport({ guard: false });
  const table: Record<Channel, ChannelSender> = {
    push: pushSender(sql, keyring, config.allowPrivateTargets, nowMs, userTargets.post),
    email: email.send,
    sms: smsSender(config.smsProviderUrl ? httpSmsProvider(config.smsProviderUrl, operatorTargets.post) : null, log),
    telegram: telegramSender(config.telegramApiBase, config.telegramBotToken, log, operatorTargets.post),
    webhook: webhookSender(nowMs, config.allowPrivateTargets, userTargets.post),
  };
  const close = () => {
    email.close();
    userTargets.close();
    operatorTargets.close();
  };
  return { table, close };
}

export function createNotificationService(d: NotificationServiceDeps): NotificationService {
  const keyring = vapidKeyring(d.sql, d.config.vapidSubject, () => d.clock.nowMs());
  const channel = senders(d, keyring);
  let bus: EventBus | null = null;
  const metrics = d.registry ? createNotifyMetrics(d.registry, d.sql, () => bus) : null;
  const loop = dispatchLoop(d, (after) =>
    dispatchRound(d.sql, channel.table, () => d.clock.nowMs(), metrics?.observe, after),
  );
  let summaryTimer: NodeJS.Timeout | null = null;
  let started: Promise<void> | null = null;
  const startWorker = async () => {
    await keyring.current();
    if (!d.config.worker) return;
    bus = createEventBus({
      sql: d.sql,
      ...(d.config.amqpUrl ? { amqpUrl: d.config.amqpUrl } : {}),
      ...(d.config.busExchange ? { exchange: d.config.busExchange } : {}),
      pollIntervalMs: BUS_POLL_MS,
    });
    const handler = notificationHandler(() => d.clock.nowMs(), loop.wakeSoon);
    await bus.subscribe(NOTIFY_CONSUMER, NOTIFY_PATTERNS, handler, { batchSizeMax: NOTIFY_BATCH_MAX });
    await bus.start();
    loop.start();
    summaryTimer = setInterval(() => {
      runDailySummary(d.sql, d.clock.nowMs()).catch((err) => d.log.error({ err }, 'daily summary failed'));
    }, SUMMARY_CHECK_MS);
    summaryTimer.unref();
    d.log.info({ consumer: NOTIFY_CONSUMER, bus: bus.kind }, 'notification worker started');
  };
  return {
    start() {
      started ??= startWorker().catch((err: unknown) => {
        started = null;
        throw err;
      });
      return started;
    },
    vapidPublicKey: async () => (await keyring.current()).publicKey,
    vapidKeyId: async (publicKey) => (publicKey === undefined ? (await keyring.current()).id : keyring.idOf(publicKey)),
    wake: () => loop.wakeSoon(),
    dispatchOnce: loop.runOnce,
    dailySummaryOnce: () => runDailySummary(d.sql, d.clock.nowMs()),
    bus: () => bus,
    async close() {
      if (summaryTimer) clearInterval(summaryTimer);
      await loop.stop();
      await bus?.close();
      channel.close();
    },
  };
}

/**
 * Runs rounds strictly one at a time (concurrent rounds would hold more sends in flight than
 * DISPATCH_BATCH_MAX and starve the bus handler of connections): after a wake, on the poll,
 * and again at once while rounds find work. A wake during a round asks for one more round.
 * A round's outcomes are recorded while the next round claims (at most one record pending).
 */
function dispatchLoop(d: NotificationServiceDeps, round: (after: Promise<void>) => Promise<DispatchRound>) {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let settling: Promise<void> = Promise.resolve();
  let again = false;
  let stopped = true;
  const recorded = (r: DispatchRound) => {
    settling = r.settled.catch((err: unknown) => d.log.error({ err }, 'recording deliveries failed'));
    return r.stats;
  };
  const schedule = (ms: number) => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    if (timer) clearTimeout(timer);
    timer = setTimeout(tick, ms);
  };
  const tick = () => {
    timer = null;
    again = false;
    running = round(settling).then(
      (r) => {
        const s = recorded(r);
        running = null;
        schedule(again || s.sent + s.logged + s.gone + s.retried + s.dead > 0 ? 0 : DISPATCH_POLL_MS);
      },
      (err) => {
        running = null;
        d.log.error({ err }, 'notification dispatch failed');
        schedule(DISPATCH_POLL_MS);
      },
    );
  };
  return {
    start() {
      stopped = false;
      schedule(0);
    },
    // The bus handler runs before its transaction commits: look a moment later.
    wakeSoon: () => schedule(25),
    async runOnce(): Promise<DispatchStats> {
      const r = await round(settling);
      await r.settled;
      return r.stats;
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      await settling;
    },
  };
}
