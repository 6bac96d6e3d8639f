import type { NotificationSettings } from '../settings';
import type { Channel } from '../types';

/** One delivery as a channel sees it: the message, and where it goes. */
export type Outgoing = {
  readonly deliveryId: number;
  readonly notificationId: number;
  readonly userId: string;
  readonly channel: Channel;
  /** A push subscription id for push; '' for channels addressed by the user's settings. */
  readonly target: string;
  readonly kind: string;
  readonly title: string;
  readonly body: string;
  readonly url: string;
  readonly email: string;
  readonly settings: NotificationSettings;
  /** For push: the subscription this delivery targets; null when it was removed meanwhile. */
  readonly push: PushTarget | null;
};

export type PushTarget = {
  readonly endpoint: string;
  readonly p256dh: string;
  readonly auth: string;
  /** The VAPID key the browser subscribed with: the push is signed with it. */
  readonly vapidKeyId: number;
};

/**
 * What became of one attempt. `retry`: try again later (network, 429, 5xx); `failed`: the
 * receiver refused it for good (it goes to the dead letters at once); `gone`: the push
 * subscription no longer exists (it is deleted); `logged`: no provider configured, so the
 * message went to the server log (it is in the inbox anyway).
 */
export type SendResult =
  | { readonly status: 'sent' }
  | { readonly status: 'logged' }
  | { readonly status: 'gone'; readonly error: string }
  | { readonly status: 'retry'; readonly error: string }
  | { readonly status: 'failed'; readonly error: string };

export type ChannelSender = (out: Outgoing) => Promise<SendResult>;

/** A send that takes longer is abandoned and retried: a hung receiver must not stall the dispatcher. */
export const SEND_TIMEOUT_MS = 10_000;
