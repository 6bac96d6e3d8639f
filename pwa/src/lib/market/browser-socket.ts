import type { SocketLike } from './socket-like';

/** The browser's WebSocket behind the SocketLike shape the market client is written against. */
export function browserSocket(url: string): SocketLike {
  const ws = new WebSocket(url);
  const socket: SocketLike = {
    onopen: null,
    onclose: null,
    onerror: null,
    onmessage: null,
    send: (data) => ws.send(data),
    close: (code, reason) => ws.close(code, reason),
  };
  ws.onopen = (e) => socket.onopen?.(e);
  ws.onclose = (e) => socket.onclose?.({ code: e.code, reason: e.reason });
  ws.onerror = (e) => socket.onerror?.(e);
  ws.onmessage = (e) => socket.onmessage?.({ data: e.data });
  return socket;
}
