import { initTRPC } from '@trpc/server';
import type { Context } from './context';
import { EdgeError, type EdgeErrorReason } from './errors';
import { authenticate } from './middleware/auth/index';
import { refuseCrossOrigin } from './middleware/same-origin/index';

type Issue = { path?: ReadonlyArray<PropertyKey | { key: PropertyKey }>; message: string };

/** Schema issues from a zod (or any Standard Schema) validation failure, if that is what `cause` is. */
function issuesOf(cause: unknown): Issue[] | null {
  const issues = (cause as { issues?: unknown } | undefined)?.issues;
  return Array.isArray(issues) ? (issues as Issue[]) : null;
}

/** zod's flatten shape: messages per top-level field, and messages about the input as a whole. */
function flatten(issues: Issue[]): { fieldErrors: Record<string, string[]>; formErrors: string[] } {
  const fieldErrors: Record<string, string[]> = {};
  const formErrors: string[] = [];
  for (const issue of issues) {
    const first = issue.path?.[0];
    const key = typeof first === 'object' && first !== null ? first.key : first;
    if (key === undefined) {
      formErrors.push(issue.message);
      continue;
    }
    const messages = fieldErrors[String(key)] ?? [];
    messages.push(issue.message);
    fieldErrors[String(key)] = messages;
  }
  return { fieldErrors, formErrors };
}

const t = initTRPC.context<Context>().create({
  // Never put stack traces in responses, whatever NODE_ENV says.
  isDev: false,
  errorFormatter({ shape, error }) {
    const issues = error.code === 'BAD_REQUEST' ? issuesOf(error.cause) : null;
    const reason: EdgeErrorReason | null = error instanceof EdgeError ? error.reason : null;
    const validation = issues ? flatten(issues) : null;
    // Internal errors are logged with their detail; the caller learns nothing about our insides.
    const message =
      error.code === 'INTERNAL_SERVER_ERROR' ? 'Internal server error.' : validation ? 'Invalid input.' : shape.message;
    return {
      ...shape,
      message,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        reason,
        fieldErrors: validation?.fieldErrors ?? null,
        formErrors: validation?.formErrors ?? null,
      },
    };
  },
});

export const router = t.router;
export const publicProcedure = t.procedure;

/** Requires a valid bearer access token of a live session; puts the caller in `ctx.auth`. */
export const protectedProcedure = t.procedure.use(async ({ ctx, next }) => {
  const auth = await authenticate(ctx);
  return next({ ctx: { auth } });
});

/**
 * For procedures that act on the refresh cookie (refresh, logout): the cookie is SameSite=Strict,
 * and a request that says it comes from another origin is refused as well (CSRF, defence in depth).
 */
export const cookieProcedure = t.procedure.use(({ ctx, next }) => {
  refuseCrossOrigin(ctx.request);
  return next();
});
