import uWS from 'uWebSockets.js';

export { uWS };

/**
 * The uWS package falls back to a slow JavaScript implementation when it has no native
 * binary for this Node (STACK.md: Node 22+). That would quietly lose the core's reason to
 * exist, so we check at start and refuse.
 */
export function isNativeUws(): boolean {
  return typeof uWS.App === 'function' && uWS.App.toString().includes('[native code]');
}

export function assertNativeUws(): void {
  if (!isNativeUws()) {
    throw new Error(
      `uWebSockets.js has no native binary for Node ${process.versions.node} (ABI ${process.versions.modules}) ` +
        'and fell back to its JavaScript implementation; run core-server on Node 20 (see STACK.md)',
    );
  }
}
