/**
 * Every failure of a call to edge, as a value the screens can show. tRPC error codes map
 * to kinds; BAD_REQUEST carries the zod field errors so forms can show them beside the fields.
 */
export type ApiError =
  | { readonly kind: 'invalid'; readonly message: string; readonly fields: Readonly<Record<string, string>> }
  | { readonly kind: 'conflict'; readonly message: string }
  | { readonly kind: 'unauthorized'; readonly message: string }
  | { readonly kind: 'rate-limited'; readonly message: string }
  | { readonly kind: 'refused'; readonly message: string }
  | { readonly kind: 'unavailable'; readonly message: string }
  | { readonly kind: 'offline'; readonly message: string }
  | { readonly kind: 'failed'; readonly message: string };

export const OFFLINE_MESSAGE = 'Cannot reach Tradewind. Check your connection and try again.';
const FAILED_MESSAGE = 'Something went wrong on our side. Please try again.';
const REFUSED_MESSAGE = 'That cannot be done.';
const UNAVAILABLE_MESSAGE = 'This is unavailable right now. Try again shortly.';
/** Client errors: edge words their messages for users ("No such alert."), so they are shown as sent. */
const REFUSED_CODES = new Set([
  'FORBIDDEN',
  'NOT_FOUND',
  'PRECONDITION_FAILED',
  'PAYLOAD_TOO_LARGE',
  'UNPROCESSABLE_CONTENT',
]);

type ErrorLike = { message?: unknown; data?: unknown; shape?: unknown };

/** Accepts anything thrown by the tRPC client (or anything else) and never throws. */
export function toApiError(error: unknown): ApiError {
  const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  const data = isRecord(e.data) ? e.data : undefined;
  const message = typeof e.message === 'string' ? e.message : '';
  switch (data?.code) {
    case 'BAD_REQUEST': {
      const fields = fieldErrors(data, message);
      const fieldCount = Object.keys(fields).length;
      const formError = Array.isArray(data.formErrors) ? data.formErrors.find((m) => typeof m === 'string') : undefined;
      return {
        kind: 'invalid',
        message: fieldCount > 0 ? 'Please correct the marked fields.' : (formError ?? message),
        fields,
      };
    }
    case 'CONFLICT':
      return { kind: 'conflict', message: message || 'That already exists.' };
    case 'UNAUTHORIZED':
      return { kind: 'unauthorized', message: message || 'Please log in again.' };
    case 'TOO_MANY_REQUESTS':
      return { kind: 'rate-limited', message: 'Too many attempts. Please wait a little and try again.' };
    case 'SERVICE_UNAVAILABLE':
      return { kind: 'unavailable', message: message || UNAVAILABLE_MESSAGE };
    case undefined:
      // No tRPC error data: the request never got an answer (network down, edge unreachable).
      return { kind: 'offline', message: OFFLINE_MESSAGE };
    default:
      // A server fault's message is not for users; a refusal's is.
      if (typeof data?.code === 'string' && REFUSED_CODES.has(data.code))
        return { kind: 'refused', message: message || REFUSED_MESSAGE };
      return { kind: 'failed', message: FAILED_MESSAGE };
  }
}

/**
 * The first message per field. Edge's formatter sends `data.fieldErrors` (zod's flatten
 * shape); also understood: `data.zodError` flattened or as a tree, and tRPC's default (the
 * zod issues as JSON in the message), so a change of formatter does not lose the errors.
 */
function fieldErrors(data: Record<string, unknown>, message: string): Record<string, string> {
  const out: Record<string, string> = {};
  const zod = isRecord(data.zodError) ? data.zodError : undefined;
  const flat = isRecord(data.fieldErrors)
    ? data.fieldErrors
    : zod && isRecord(zod.fieldErrors)
      ? zod.fieldErrors
      : undefined;
  const tree = zod && isRecord(zod.properties) ? zod.properties : undefined;
  for (const [field, value] of Object.entries(flat ?? {})) setFirst(out, field, value);
  for (const [field, node] of Object.entries(tree ?? {}))
    setFirst(out, field, isRecord(node) ? node.errors : undefined);
  if (Object.keys(out).length === 0) {
    for (const issue of parseIssues(message)) setFirst(out, issue.field, [issue.message]);
  }
  return out;
}

function parseIssues(message: string): { field: string; message: string }[] {
  if (!message.startsWith('[')) return [];
  try {
    const issues = JSON.parse(message) as unknown;
    if (!Array.isArray(issues)) return [];
    return issues.flatMap((i: unknown) =>
      isRecord(i) && Array.isArray(i.path) && typeof i.message === 'string' && i.path.length > 0
        ? [{ field: String(i.path[0]), message: i.message }]
        : [],
    );
  } catch {
    return [];
  }
}

function setFirst(out: Record<string, string>, field: string, messages: unknown): void {
  if (out[field] !== undefined || !Array.isArray(messages)) return;
  const first = messages.find((m): m is string => typeof m === 'string');
  if (first) out[field] = first;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
