import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../api/app-router';
import type { ApiClient } from '../api/trpc-client';

type Outputs = inferRouterOutputs<AppRouter>['notifications'];
type Inputs = inferRouterInputs<AppRouter>['notifications'];

export type InboxPage = Outputs['inbox'];
export type InboxItem = InboxPage['items'][number];
export type Preferences = Outputs['preferences']['get'];
export type PreferencesInput = Inputs['preferences']['set'];
export type ChannelsView = Outputs['channels']['get'];
export type ChannelsInput = Inputs['channels']['set'];
export type DeadLetter = Outputs['deadLetters'][number];

/** The PWA's view of edge's `notifications` router; stores depend on this, so tests can fake it. */
export type NotificationsApi = {
  inbox(input: { cursor?: number; limit?: number }): Promise<InboxPage>;
  unreadCount(): Promise<{ count: number }>;
  markRead(input: { ids: number[] } | { all: true }): Promise<{ updated: number }>;
  deadLetters(): Promise<DeadLetter[]>;
  preferences(): Promise<Preferences>;
  setPreferences(input: PreferencesInput): Promise<unknown>;
  channels(): Promise<ChannelsView>;
  setChannels(input: ChannelsInput): Promise<unknown>;
  vapidPublicKey(): Promise<{ key: string }>;
  subscribe(input: {
    subscription: unknown;
    deviceLabel: string | null;
    vapidPublicKey?: string;
  }): Promise<{ id: string }>;
  unsubscribe(input: { endpoint: string }): Promise<unknown>;
  sendTest(): Promise<{ notificationId: number; devices: number }>;
};

export function notificationsApiOf(client: ApiClient): NotificationsApi {
  const n = client.notifications;
  return {
    inbox: (i) => n.inbox.query(i),
    unreadCount: () => n.unreadCount.query(),
    markRead: (i) => n.markRead.mutate(i),
    deadLetters: () => n.deadLetters.query(),
    preferences: () => n.preferences.get.query(),
    setPreferences: (i) => n.preferences.set.mutate(i),
    channels: () => n.channels.get.query(),
    setChannels: (i) => n.channels.set.mutate(i),
    vapidPublicKey: () => n.push.vapidPublicKey.query(),
    subscribe: (i) => n.push.subscribe.mutate(i),
    unsubscribe: (i) => n.push.unsubscribe.mutate(i),
    sendTest: () => n.push.sendTest.mutate(),
  };
}
