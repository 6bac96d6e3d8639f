import { effect } from '@preact/signals';
import { navigate } from './route-signal';
import type { Services } from './services';

/**
 * Keeps `services.me` in step with the session: loaded after every sign-in, cleared at
 * sign-out. A failed load leaves it empty (the screens show what they can without it). When
 * edge ends the session (the password changed, a logout on another device), the login screen
 * takes over and says why.
 */
export function startAccount(s: Services): void {
  effect(() => {
    if (s.session.endedElsewhere.value) navigate('login');
  });
  let loadSeq = 0;
  effect(() => {
    const userId = s.session.user.value?.id;
    const seq = ++loadSeq;
    s.me.value = null;
    if (!userId) return;
    s.api.auth.me.query().then(
      (me) => {
        if (seq === loadSeq) s.me.value = me;
      },
      () => undefined,
    );
  });
}
