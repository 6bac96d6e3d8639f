export {
  API_KEY_SECRET_BYTES,
  type ApiKeyRecord,
  findApiKey,
  generateApiKey,
  hashApiKeySecret,
  type PresentedApiKey,
  parseApiKey,
  touchApiKey,
} from './api-keys';
export { prepareDatabase, seedInstruments } from './bootstrap';
export { connect, type Database, type DbHandle, POOL_CONNECTIONS_MAX, type Sql } from './client';
export { type DatabaseSource, resolveDatabase } from './database-url';
export { type EmbeddedDatabase, freePort, startEmbeddedPostgres } from './embedded';
export { MIGRATIONS_DIR, runMigrations } from './migrate';
export { PACKED_NULL, PACKED_SEPARATOR, type PackedValue, packColumn, packColumnOf } from './packed-column';
export * as schema from './schema/index';
export { withScratchDatabase } from './scratch-database';
export {
  currentSigningKey,
  ensureSigningKey,
  listPublicSigningKeys,
  type PrivateSigningKey,
  type PublicSigningKey,
} from './signing-keys';
export {
  decodeTokenRevocation,
  readTokenStanding,
  TOKEN_REVOKED_CHANNEL,
  type TokenRevocation,
  type TokenStanding,
} from './token-standing';
