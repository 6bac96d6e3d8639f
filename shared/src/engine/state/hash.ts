/**
 * FNV-1a, 64-bit, over the UTF-16 code units of a string (each unit as two bytes, low first).
 * Not cryptographic: a fast, stable fingerprint so that two runs can compare states cheaply.
 * The 64-bit state lives in four 16-bit limbs so every product stays exact in a double.
 * FNV-64 prime = 2^40 + 0x1b3, so h × prime = h × 0x1b3 + (h << 40).
 */
export function fnv1a64(text: string): string {
  // Offset basis 0xcbf29ce484222325, least significant limb first.
  let h0 = 0x2325;
  let h1 = 0x8422;
  let h2 = 0x9ce4;
  let h3 = 0xcbf2;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    for (let k = 0; k < 2; k++) {
      h0 ^= k === 0 ? unit & 0xff : unit >>> 8;
      const a0 = h0 * 0x1b3;
      const a1 = h1 * 0x1b3 + (a0 >>> 16);
      const a2 = h2 * 0x1b3 + (a1 >>> 16) + ((h0 << 8) & 0xffff);
      const a3 = h3 * 0x1b3 + (a2 >>> 16) + (((h0 >>> 8) | (h1 << 8)) & 0xffff);
      h0 = a0 & 0xffff;
      h1 = a1 & 0xffff;
      h2 = a2 & 0xffff;
      h3 = a3 & 0xffff;
    }
  }
  return [h3, h2, h1, h0].map((x) => x.toString(16).padStart(4, '0')).join('');
}
