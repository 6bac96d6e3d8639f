export { accounts } from './accounts';
export { instruments } from './instruments';
export { loginFailures } from './login-failures';
export { refreshTokens, sessions } from './sessions';
export { signingKeys } from './signing-keys';
export { users } from './users';
