import type { TokenRevocation } from '@tradewind/db';
import { WS_CLOSE_SESSION_REVOKED } from '@tradewind/shared/protocol';
import { isCutOff, type TokenStandings } from '../auth/token-standing';
import type { Logger } from '../logger';
import type { CoreMetrics } from '../metrics';
import type { Session } from './session';
import type { TopicHub } from './topic-hub';

const REASON = 'session revoked';

/**
 * Closes the sockets of a user whose access tokens were cut off (RELIABILITY S2: within a
 * second of logout or a password change). The database announces each revocation (LISTEN);
 * after a reconnect, when announcements may have been missed, every authenticated socket is
 * checked again. A socket whose standing cannot be read then stays open: refusing it would
 * not make it safer (order entry needs the same database), and its market data keeps flowing.
 */
export function closeRevokedSockets(deps: {
  readonly hub: TopicHub;
  readonly standings: TokenStandings;
  readonly metrics: CoreMetrics;
  readonly log: Logger;
}): void {
  const { hub, standings, metrics, log } = deps;
  const close = (doomed: (s: Session) => boolean, why: object) => {
    const closed = hub.closeWhere(doomed, WS_CLOSE_SESSION_REVOKED, REASON);
    if (closed === 0) return;
    metrics.socketsRevoked.inc(closed);
    log.info({ ...why, sockets: closed }, 'closed sockets whose access token was cut off');
  };
  standings.subscribe((event: TokenRevocation | 'resync') => {
    if (event !== 'resync') {
      close((s) => s.auth !== undefined && isCutOff(s.auth, event), { userId: event.userId });
      return;
    }
    for (const session of hub.openSessions()) {
      const auth = session.auth;
      if (auth === undefined) continue;
      void standings.check(auth).then((verdict) => {
        if (verdict === 'AUTH_SESSION_REVOKED') close((s) => s === session && s.auth === auth, { userId: auth.userId });
      });
    }
  });
}
