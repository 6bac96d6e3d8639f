import type { Command } from '@tradewind/shared/engine';

/**
 * Commands as journal text: JSON with every bigint as `{"$n":"<digits>"}` (JSON has no
 * bigint; a marker object cannot collide with any string field such as a client order id).
 */
export function encodeCommand(command: Command): string {
  // Most commands (orders, cancels) hold no bigint: plain JSON.stringify, several times faster
  // than with a replacer, gives the same text; it throws on a bigint, and then the replacer runs.
  try {
    return JSON.stringify(command);
  } catch {
    return JSON.stringify(command, (_k, v: unknown) => (typeof v === 'bigint' ? { $n: v.toString() } : v));
  }
}

export function decodeCommand(text: string): Command {
  return JSON.parse(text, (_k, v: unknown) => {
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
      const n = (v as { $n?: unknown }).$n;
      if (typeof n === 'string' && Object.keys(v).length === 1) return BigInt(n);
    }
    return v;
  }) as Command;
}
