import { router } from '../../trpc';
import { channelsRouter } from './channels';
import { deadLetters, inbox, markRead, unreadCount } from './inbox';
import { preferencesRouter } from './preferences';
import { pushRouter } from './push';

/** The in-app inbox, what goes where (preferences, channels) and this device's web push. Owner-scoped throughout. */
export const notificationsRouter = router({
  inbox,
  unreadCount,
  markRead,
  deadLetters,
  preferences: preferencesRouter,
  channels: channelsRouter,
  push: pushRouter,
});
