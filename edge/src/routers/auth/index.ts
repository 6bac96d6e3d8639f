import { router } from '../../trpc';
import { changePassword } from './change-password';
import { login } from './login';
import { logout } from './logout';
import { me } from './me';
import { refresh } from './refresh';
import { register } from './register';

/** Users and sessions: sign-up, sign-in, token refresh, sign-out, who am I, and a new password. */
export const authRouter = router({ register, login, refresh, logout, me, changePassword });
