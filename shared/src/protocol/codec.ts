import { z } from 'zod';
import { CLIENT_OPS, type ClientMessage, clientMessageSchema } from './client-messages';
import type { ProtocolErrorCode } from './error-codes';
import { FRAME_BYTES_MAX } from './limits';
import type { ServerFrame } from './server-messages';

const utf8 = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * The client schema compiled by zod (`z.compile`: generated straight-line checks, about half the
 * runtime parser's cost on an order), on first use, so that a browser importing this module
 * never evaluates generated code. Whatever the generated code does not accept goes to the runtime
 * parser, which gives the same answer and the same issues (tested against it, codec.test.ts); a
 * schema zod cannot compile stays on the runtime parser.
 */
let compiledClientSchema: typeof clientMessageSchema | undefined;
export function clientMessageParser(): typeof clientMessageSchema {
  compiledClientSchema ??= z.compile(clientMessageSchema);
  return compiledClientSchema;
}

export type DecodeResult =
  | { ok: true; message: ClientMessage }
  | { ok: false; code: ProtocolErrorCode; message: string; id?: string | undefined };

/**
 * Decodes one client frame. Never throws: every input, however malformed, becomes a typed
 * error. The request id is salvaged when possible so the error can be matched.
 */
export function decodeClientMessage(frame: ArrayBuffer | Uint8Array | string): DecodeResult {
  const bytes = typeof frame === 'string' ? utf8.encode(frame).byteLength : frame.byteLength;
  if (bytes > FRAME_BYTES_MAX) {
    return { ok: false, code: 'PROTO_TOO_LARGE', message: `frame of ${bytes} bytes exceeds ${FRAME_BYTES_MAX}` };
  }
  let value: unknown;
  try {
    const text = typeof frame === 'string' ? frame : decoder.decode(frame);
    value = JSON.parse(text);
  } catch {
    return { ok: false, code: 'PROTO_MALFORMED', message: 'frame is not valid UTF-8 JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, code: 'PROTO_MALFORMED', message: 'frame must be a JSON object' };
  }
  const record = value as Record<string, unknown>;
  const id = typeof record.id === 'string' && record.id.length <= 64 ? record.id : undefined;
  if (!(CLIENT_OPS as readonly unknown[]).includes(record.op)) {
    return {
      ok: false,
      code: 'PROTO_UNKNOWN_OP',
      message: `unknown op ${JSON.stringify(record.op)}`.slice(0, 120),
      id,
    };
  }
  const parsed = clientMessageParser().safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || 'frame';
    return { ok: false, code: 'PROTO_INVALID', message: `${where}: ${issue?.message ?? 'invalid'}`, id };
  }
  return { ok: true, message: parsed.data };
}

export function encodeServerFrame(frame: ServerFrame): string {
  return JSON.stringify(frame);
}

/** For clients: parses a server frame. The server is trusted, so this only checks the shape. */
export function decodeServerFrame(text: string): ServerFrame | undefined {
  try {
    const v = JSON.parse(text) as unknown;
    return typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string'
      ? (v as ServerFrame)
      : undefined;
  } catch {
    return undefined;
  }
}
