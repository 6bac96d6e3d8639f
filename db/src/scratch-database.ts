import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { startEmbeddedPostgres } from './embedded';

/**
 * Runs `run` against an empty database of its own and removes it afterwards: a new database
 * on DATABASE_URL's server when that is set, else an ephemeral embedded PostgreSQL. For
 * benchmarks and tools that must never touch a user's data (tests use createTestDatabase).
 */
export async function withScratchDatabase(prefix: string, run: (url: string) => Promise<void>): Promise<void> {
  const base = process.env.DATABASE_URL;
  if (base === undefined || base === '') {
    const dir = await mkdtemp(join(tmpdir(), `tw-${prefix}-`));
    process.stderr.write(`starting embedded PostgreSQL in ${dir}\n`);
    const pg = await startEmbeddedPostgres({ dataDir: dir, ephemeral: true });
    try {
      await run(pg.url);
    } finally {
      await pg.stop();
      await rm(dir, { recursive: true, force: true });
    }
    return;
  }
  const name = `tw_scratch_${prefix.replace(/\W/g, '_')}_${process.pid}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  try {
    await run(url.toString());
  } finally {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
