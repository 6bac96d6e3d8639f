/**
 * The part of the browser's WebSocket that the market client uses. The app passes
 * `(url) => new WebSocket(url)`; tests pass a scripted fake of the same shape.
 */
export type SocketLike = {
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
};

export type SocketFactory = (url: string) => SocketLike;
