import { describe, expect, it } from 'vitest';
import { fnv1a64 } from './hash';

/** Reference FNV-1a 64 with bigint, over the same byte stream. */
function reference(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    for (const b of [u & 0xff, u >>> 8]) {
      h ^= BigInt(b);
      h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
    }
  }
  return h.toString(16).padStart(16, '0');
}

describe('fnv1a64', () => {
  it('matches a bigint reference implementation', () => {
    for (const s of ['', 'a', 'foobar', '{"x":1,"y":[2,3]}', 'ünïcödé ✓ 𝄞', 'x'.repeat(1000)]) {
      expect(fnv1a64(s)).toBe(reference(s));
    }
  });
  it('of the empty string is the offset basis', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
  });
});
