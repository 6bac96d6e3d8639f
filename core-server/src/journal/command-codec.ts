import type { Command } from '@tradewind/shared/engine';

/**
 * Commands as journal text: JSON with every bigint as `{"$n":"<digits>"}` (JSON has no
 * bigint; a marker object cannot collide with any string field such as a client order id).
 */
export function encodeCommand(command: Command): string {
  return JSON.stringify(command, (_k, v: unknown) => (typeof v === 'bigint' ? { $n: v.toString() } : v));
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
