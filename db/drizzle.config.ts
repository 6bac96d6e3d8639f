import { defineConfig } from 'drizzle-kit';

// `npm run generate -w db` writes SQL migrations into db/migrations; they are committed and
// reviewed like code, and applied at start by src/migrate.ts.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema/index.ts',
  out: './migrations',
});
