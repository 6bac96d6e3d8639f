import type { TrpcCode } from '../../errors';

/** Notification failures, joined into EDGE_ERRORS; clients switch on `data.reason`. */
export const NOTIFY_ERRORS = {
  NOTIFY_PUSH_SUBSCRIPTION_INVALID: {
    code: 'BAD_REQUEST',
    message: 'Malformed push subscription: expected an https endpoint and P-256 (p256dh) and auth keys.',
  },
  NOTIFY_PUSH_SUBSCRIPTION_UNKNOWN: { code: 'NOT_FOUND', message: 'No such push subscription.' },
  NOTIFY_PUSH_SUBSCRIPTIONS_FULL: {
    code: 'BAD_REQUEST',
    message: 'Too many devices with notifications: turn them off on a device you no longer use.',
  },
  NOTIFY_NO_PUSH_SUBSCRIPTION: {
    code: 'PRECONDITION_FAILED',
    message: 'Enable notifications on this device first.',
  },
  NOTIFY_VAPID_KEY_UNKNOWN: {
    code: 'CONFLICT',
    message: 'The server key this device subscribed with is no longer in use: subscribe again with the current one.',
  },
  NOTIFY_BAD_TIME_ZONE: { code: 'BAD_REQUEST', message: 'Unknown time zone.' },
  NOTIFY_WEBHOOK_URL_REFUSED: { code: 'BAD_REQUEST', message: 'Webhook URL refused.' },
} as const satisfies Record<string, { code: TrpcCode; message: string }>;
