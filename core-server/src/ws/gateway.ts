import type { HttpRequest, HttpResponse, us_socket_context_t, WebSocket, WebSocketBehavior } from 'uWebSockets.js';
import {
  FRAME_BYTES_HARD_MAX,
  FRAME_BYTES_MAX,
  MESSAGES_PER_SECOND_MAX,
  PROTOCOL_VERSION,
  SUBSCRIPTIONS_PER_SOCKET_MAX,
} from '@tradewind/shared/protocol';
import { type DispatchContext, dispatchFrame, failInternally } from './dispatch';
import type { OriginPolicy } from './origin';
import { Session, type SocketData } from './session';
import { BACKPRESSURE_HARD_BYTES } from './topic-hub';

/** Open sockets per core; past it upgrades get 503 (a bound on memory and on sweep work). */
export const CONNECTIONS_MAX = 10_000;
/** Seconds without traffic before uWS closes a socket; uWS pings before that. */
export const IDLE_TIMEOUT_S = 120;

export type GatewayContext = DispatchContext & {
  readonly origins: OriginPolicy;
  /** Overrides MESSAGES_PER_SECOND_MAX (benchmarks drive one socket hard); announced in hello. */
  readonly messagesPerSecondMax?: number;
};

/** The `/v1/ws` behaviour: origin check in upgrade, hello on open, one dispatcher for frames. */
export function createWsBehavior(ctx: GatewayContext): WebSocketBehavior<SocketData> {
  return {
    maxPayloadLength: FRAME_BYTES_HARD_MAX,
    maxBackpressure: BACKPRESSURE_HARD_BYTES,
    // We conflate and close stalled sockets ourselves (TopicHub), with counts; uWS only skips.
    closeOnBackpressureLimit: 0,
    idleTimeout: IDLE_TIMEOUT_S,
    sendPingsAutomatically: true,
    upgrade: (res, req, context) => upgrade(ctx, res, req, context),
    open: (ws) => open(ctx, ws),
    message: (ws, data, isBinary) => {
      const session = ws.getUserData().session;
      if (session === undefined) return;
      try {
        dispatchFrame(ctx, session, data, isBinary);
      } catch (e) {
        failInternally(ctx, session, 'message', e);
      }
    },
    drain: (ws) => {
      const session = ws.getUserData().session;
      if (session) ctx.hub.onDrain(session);
    },
    close: (ws) => {
      const session = ws.getUserData().session;
      if (session === undefined) return;
      session.closed = true;
      ctx.hub.remove(session);
      ctx.metrics.connections.set(ctx.hub.size);
    },
  };
}

function upgrade(ctx: GatewayContext, res: HttpResponse, req: HttpRequest, context: us_socket_context_t): void {
  const origin = req.getHeader('origin');
  if (!ctx.origins.allows(origin)) {
    ctx.metrics.upgradesRefused.inc({ reason: 'origin' });
    res.writeStatus('403 Forbidden').writeHeader('content-type', 'text/plain').end('origin not allowed');
    return;
  }
  if (ctx.hub.size >= CONNECTIONS_MAX) {
    ctx.metrics.upgradesRefused.inc({ reason: 'capacity' });
    res.writeStatus('503 Service Unavailable').writeHeader('content-type', 'text/plain').end('too many connections');
    return;
  }
  const data: SocketData = { origin, session: undefined };
  res.upgrade(
    data,
    req.getHeader('sec-websocket-key'),
    req.getHeader('sec-websocket-protocol'),
    req.getHeader('sec-websocket-extensions'),
    context,
  );
}

function open(ctx: GatewayContext, ws: WebSocket<SocketData>): void {
  const rate = ctx.messagesPerSecondMax ?? MESSAGES_PER_SECOND_MAX;
  const session = new Session(ws, ctx.metrics, ctx.clock.nowMs(), rate);
  ws.getUserData().session = session;
  ctx.hub.add(session);
  ctx.metrics.connections.set(ctx.hub.size);
  ctx.metrics.connectionsOpened.inc();
  session.send({
    type: 'hello',
    v: PROTOCOL_VERSION,
    serverTimeMs: ctx.clock.nowMs(),
    limits: {
      frameBytesMax: FRAME_BYTES_MAX,
      subscriptionsMax: SUBSCRIPTIONS_PER_SOCKET_MAX,
      messagesPerSecondMax: rate,
    },
  });
}
