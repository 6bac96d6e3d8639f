export {
  ACCESS_TOKEN_ALG,
  ACCESS_TOKEN_AUDIENCE,
  ACCESS_TOKEN_ISSUER,
  ACCESS_TOKEN_SKEW_S,
  ACCESS_TOKEN_TTL_S,
  ACCESS_TOKEN_TYP,
  type AccessClaims,
  importVerificationKey,
  signAccessToken,
  type VerificationKey,
  type VerifyResult,
  verifyAccessToken,
} from './access-token';
export {
  type ChangePasswordInput,
  changePasswordInput,
  PASSWORD_LENGTH_MAX,
  PASSWORD_LENGTH_MIN,
  passwordSchema,
} from './credentials';
