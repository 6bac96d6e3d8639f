/**
 * The auth contract with edge, as the PWA uses it. Kept as plain types so the session
 * store can be driven by any implementation (the tRPC one in the app, a fake edge in tests).
 */
export type AuthUser = { readonly id: string; readonly email: string; readonly displayName: string | null };

/** What register, login and refresh answer; the refresh token travels as an HttpOnly cookie. */
export type AuthGrant = {
  readonly accessToken: string;
  /** Server clock, ms since the epoch. */
  readonly accessTokenExpiresAt: number;
  readonly user: AuthUser;
};

export type RegisterInput = { email: string; password: string; displayName?: string };
export type LoginInput = { email: string; password: string };

export type AuthApi = {
  register(input: RegisterInput): Promise<AuthGrant>;
  login(input: LoginInput): Promise<AuthGrant>;
  refresh(): Promise<AuthGrant>;
  logout(): Promise<void>;
};
