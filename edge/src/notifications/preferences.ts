import { z } from 'zod';
import { CHANNELS, type Channel, type NotificationKind } from './types';

/** The rows of the preferences matrix, in the order the PWA shows them. */
export const NOTIFICATION_KINDS = [
  'order.filled',
  'order.partially_filled',
  'order.cancelled',
  'order.rejected',
  'order.expired',
  'stop.triggered',
  'margin.call',
  'margin.liquidation',
  'account.kill_switch',
  'price_alert.triggered',
  'strategy.status',
  'backtest.finished',
  'daily_summary',
] as const satisfies readonly NotificationKind[];

/** event kind → the channels (besides the inbox, which gets everything) it goes to. */
export type PreferenceMatrix = Readonly<Record<NotificationKind, readonly Channel[]>>;

const URGENT: ReadonlySet<NotificationKind> = new Set(['margin.call', 'margin.liquidation', 'account.kill_switch']);

/** Push for everything; e-mail (once opted in) for what must not be missed, and the summary. */
export function defaultMatrix(): PreferenceMatrix {
  const entries = NOTIFICATION_KINDS.map((kind): [NotificationKind, Channel[]] => {
    if (kind === 'daily_summary') return [kind, ['email']];
    return [kind, URGENT.has(kind) ? ['push', 'email'] : ['push']];
  });
  return Object.fromEntries(entries) as Record<NotificationKind, Channel[]>;
}

export const matrixSchema = z
  .partialRecord(z.enum(NOTIFICATION_KINDS), z.array(z.enum(CHANNELS)).max(CHANNELS.length))
  .describe('event kind → channels');

/** A stored matrix over the defaults: kinds added after it was saved get their default. */
export function normaliseMatrix(stored: unknown): PreferenceMatrix {
  const parsed = matrixSchema.safeParse(stored);
  const base = defaultMatrix() as Record<NotificationKind, readonly Channel[]>;
  if (!parsed.success) return base;
  for (const kind of NOTIFICATION_KINDS) {
    const channels = parsed.data[kind];
    if (channels !== undefined) base[kind] = [...new Set(channels)];
  }
  return base;
}
