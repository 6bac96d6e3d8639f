import type { AuthApi } from './auth-types';
import type { ApiClient } from './trpc-client';

/** The session's view of edge's `auth` router. */
export function authApiOf(client: ApiClient): AuthApi {
  return {
    register: (input) => client.auth.register.mutate(input),
    login: (input) => client.auth.login.mutate(input),
    refresh: () => client.auth.refresh.mutate(),
    logout: async () => {
      await client.auth.logout.mutate();
    },
    changePassword: (input) => client.auth.changePassword.mutate(input),
  };
}
