import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from './app-router';

/**
 * The auth contract with edge, derived from edge's router type so a change there fails
 * the PWA's typecheck. The session store depends only on AuthApi, so tests can drive it
 * with any implementation.
 */
type Outputs = inferRouterOutputs<AppRouter>;
type Inputs = inferRouterInputs<AppRouter>;

/** What register, login and refresh answer; the refresh token travels as an HttpOnly cookie. */
export type AuthGrant = Outputs['auth']['login'];
export type AuthUser = AuthGrant['user'];
export type RegisterInput = Inputs['auth']['register'];
export type LoginInput = Inputs['auth']['login'];
export type ChangePasswordInput = Inputs['auth']['changePassword'];
/** `auth.me`: the user and their accounts (cash as an exact decimal string). */
export type Me = Outputs['auth']['me'];
export type AccountSummary = Me['accounts'][number];

export type AuthApi = {
  register(input: RegisterInput): Promise<AuthGrant>;
  login(input: LoginInput): Promise<AuthGrant>;
  refresh(): Promise<AuthGrant>;
  logout(): Promise<void>;
  /** Answers with the grant of a new session for this device: every earlier one was revoked. */
  changePassword(input: ChangePasswordInput): Promise<AuthGrant>;
};
