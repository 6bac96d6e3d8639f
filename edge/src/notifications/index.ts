export { PUSH_TTL_S, type PushPayload } from './channels/push';
export { SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from './channels/webhook';
export { DELIVERY_ATTEMPTS_MAX } from './dispatcher';
export { messageFor } from './event-messages';
export {
  DEAD_LETTERS_MAX,
  INBOX_PAGE_MAX,
  ownedNotifications,
  PUSH_SUBSCRIPTIONS_PER_USER_MAX,
  recordTestPush,
} from './owned';
export { defaultMatrix, matrixSchema, NOTIFICATION_KINDS, type PreferenceMatrix } from './preferences';
export { isTimeZone } from './quiet-hours';
export { RATE_LIMIT_PER_WINDOW, RATE_WINDOW_MS } from './record';
export { createNotificationService, type NotificationService } from './service';
export { WEBHOOK_FORMATS } from './settings';
export { CHANNELS, type Channel, NOTIFY_DEFAULTS, type NotifyConfig } from './types';
