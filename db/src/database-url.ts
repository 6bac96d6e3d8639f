import { resolve } from 'node:path';
import { type EmbeddedDatabase, startEmbeddedPostgres } from './embedded';

export type DatabaseSource = { url: string; embedded?: EmbeddedDatabase };

/**
 * DATABASE_URL when it is set; otherwise real PostgreSQL started from node_modules with its
 * data in `<repo>/.data/` (so that a fresh clone needs nothing installed).
 */
export async function resolveDatabase(options: {
  databaseUrl?: string | undefined;
  dataDir?: string;
  log?: (line: string) => void;
}): Promise<DatabaseSource> {
  if (options.databaseUrl) return { url: options.databaseUrl };
  const dataDir = options.dataDir ?? resolve(import.meta.dirname, '../../.data');
  const embedded = await startEmbeddedPostgres({ dataDir, ...(options.log ? { log: options.log } : {}) });
  return { url: embedded.url, embedded };
}
