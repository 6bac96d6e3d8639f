/**
 * The Origin allow-list (RELIABILITY S6), checked in uWS's upgrade handler before a socket
 * exists. Browsers always send Origin on WebSocket upgrades, so a missing header means a
 * non-browser client (a script, a bot), which cannot be a cross-site request and is allowed;
 * it still has to authenticate for anything private. `null` (sandboxed frames, file://) is
 * refused like any origin not on the list.
 */
export class OriginPolicy {
  private readonly allowed: ReadonlySet<string>;

  constructor(allowedOrigins: readonly string[]) {
    this.allowed = new Set(allowedOrigins);
  }

  allows(originHeader: string): boolean {
    return originHeader === '' || this.allowed.has(originHeader);
  }
}
