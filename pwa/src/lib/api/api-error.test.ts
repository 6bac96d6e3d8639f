import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { OFFLINE_MESSAGE, toApiError } from './api-error';
import { authApiOf } from './auth-api';
import { fakeEdgeFetch, newFakeEdgeState } from './edge-contract.fake';
import { createApiClient } from './trpc-client';

const badRequest = (data: Record<string, unknown>, message = 'bad') =>
  new TRPCClientError(message, {
    result: { error: { message, code: -32600, data: { code: 'BAD_REQUEST', ...data } } },
  });

describe('toApiError', () => {
  it('reads field errors from a real tRPC BAD_REQUEST (zod issues in the message)', async () => {
    const client = createApiClient({
      url: 'http://edge.test/trpc',
      fetch: fakeEdgeFetch(newFakeEdgeState()),
      accessToken: () => Promise.resolve(null),
      refreshAfterUnauthorized: () => Promise.resolve(false),
    });
    const error = await authApiOf(client)
      .register({ email: 'nope', password: '123', displayName: 'Ada' })
      .then(() => undefined, toApiError);
    expect(error).toMatchObject({ kind: 'invalid', message: 'Please correct the marked fields.' });
    expect(error?.kind === 'invalid' && Object.keys(error.fields).sort()).toEqual(['email', 'password']);
    expect(error?.kind === 'invalid' && error.fields.password).toMatch(/10/);
  });

  it("reads the field errors of edge's error formatter (data.fieldErrors / formErrors)", () => {
    const fields = toApiError(
      badRequest(
        {
          fieldErrors: { email: ['Enter a valid e-mail address.'], password: ['Use at least 10 characters.', 'x'] },
          formErrors: [],
        },
        'Invalid input.',
      ),
    );
    expect(fields).toEqual({
      kind: 'invalid',
      message: 'Please correct the marked fields.',
      fields: { email: 'Enter a valid e-mail address.', password: 'Use at least 10 characters.' },
    });
    const form = toApiError(badRequest({ fieldErrors: {}, formErrors: ['Send an object.'] }, 'Invalid input.'));
    expect(form).toEqual({ kind: 'invalid', message: 'Send an object.', fields: {} });
  });

  it('reads zod flattened and tree-shaped field errors from an error formatter', () => {
    const flat = toApiError(badRequest({ zodError: { formErrors: [], fieldErrors: { email: ['Invalid email'] } } }));
    expect(flat).toEqual({
      kind: 'invalid',
      message: 'Please correct the marked fields.',
      fields: { email: 'Invalid email' },
    });
    const tree = toApiError(
      badRequest({ zodError: { errors: [], properties: { password: { errors: ['Too short'] } } } }),
    );
    expect(tree).toMatchObject({ fields: { password: 'Too short' } });
  });

  it('keeps the message of a BAD_REQUEST without field errors', () => {
    expect(toApiError(badRequest({}, 'Body is not JSON'))).toEqual({
      kind: 'invalid',
      message: 'Body is not JSON',
      fields: {},
    });
  });

  it('maps CONFLICT, UNAUTHORIZED, TOO_MANY_REQUESTS and server errors to kinds', () => {
    const e = (code: string, message = 'm') =>
      new TRPCClientError(message, { result: { error: { message, code: -1, data: { code } } } });
    expect(toApiError(e('CONFLICT', 'Email already registered'))).toEqual({
      kind: 'conflict',
      message: 'Email already registered',
    });
    expect(toApiError(e('UNAUTHORIZED')).kind).toBe('unauthorized');
    expect(toApiError(e('TOO_MANY_REQUESTS')).kind).toBe('rate-limited');
    expect(toApiError(e('INTERNAL_SERVER_ERROR', 'stack trace here'))).toEqual({
      kind: 'failed',
      message: 'Something went wrong on our side. Please try again.',
    });
  });

  it("shows a refusal's own message (edge words them for users) and says when a service is down", () => {
    const e = (code: string, message = '') =>
      new TRPCClientError(message, { result: { error: { message, code: -1, data: { code } } } });
    expect(toApiError(e('NOT_FOUND', 'No such alert.'))).toEqual({ kind: 'refused', message: 'No such alert.' });
    expect(toApiError(e('FORBIDDEN', 'Importing market data needs an administrator.'))).toEqual({
      kind: 'refused',
      message: 'Importing market data needs an administrator.',
    });
    expect(toApiError(e('PAYLOAD_TOO_LARGE')).message).toBe('That cannot be done.');
    expect(toApiError(e('SERVICE_UNAVAILABLE', 'Trading is unavailable right now. Try again shortly.'))).toEqual({
      kind: 'unavailable',
      message: 'Trading is unavailable right now. Try again shortly.',
    });
    expect(toApiError(e('SERVICE_UNAVAILABLE')).kind).toBe('unavailable');
  });

  it('treats a request that got no answer as offline, and never throws on odd input', () => {
    const network = TRPCClientError.from(new TypeError('Failed to fetch'));
    expect(toApiError(network)).toEqual({ kind: 'offline', message: OFFLINE_MESSAGE });
    for (const odd of [null, undefined, 42, 'string', { data: 'x' }, { data: { code: 7 } }]) {
      expect(() => toApiError(odd)).not.toThrow();
    }
  });
});
