export { createTestDatabase, withDatabase } from './test-database';
