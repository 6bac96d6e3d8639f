/**
 * shared runs in Node, in Workers and in browsers, so its typecheck has no Node and no DOM
 * types. These few Web-platform globals exist in every one of those runtimes; they are the
 * only ones shared may use. Add to this list only what all three runtimes provide.
 */
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: ArrayBuffer | ArrayBufferView): string;
}
/** Opaque here: created and used only through `jose`. */
interface CryptoKey {
  readonly type: string;
}
