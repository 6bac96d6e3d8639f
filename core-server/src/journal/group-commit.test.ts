import { createTestDatabase } from '@tradewind/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit';
import { readCommands } from './journal-store';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

const row = (seq: number) => ({ seq: BigInt(seq), timeMs: 1_700_000_000_000 + seq, command: `{"n":${seq}}` });

describe('group commit', () => {
  it('commands appended in one turn share a transaction up to batchMax; the next one starts a new batch', async () => {
    const sizes: number[] = [];
    const journal = new GroupCommit(db.sql, {
      batchMax: 3,
      queueMax: 6,
      onFailure: () => {},
      onCommit: (rows) => sizes.push(rows),
    });
    const done: Promise<void>[] = [];
    for (let seq = 1; seq <= 4; seq += 1) {
      done.push(new Promise((resolve, reject) => journal.append(row(seq), (e) => (e ? reject(e) : resolve()))));
    }
    expect(journal.queued).toBe(4);
    await Promise.all(done);
    expect(sizes).toEqual([3, 1]);
    expect(journal.queued).toBe(0);
    expect((await readCommands(db.sql, 0n, 10)).map((r) => r.seq)).toEqual([1n, 2n, 3n, 4n]);
  });

  it('the queue holds queueMax commands and has no room for one more', async () => {
    const journal = new GroupCommit(db.sql, { batchMax: 2, queueMax: 4, onFailure: () => {} });
    journal.reset(10n);
    const done: Promise<void>[] = [];
    for (let seq = 11; seq <= 14; seq += 1) {
      expect(journal.hasRoom).toBe(true);
      done.push(new Promise((resolve) => journal.append(row(seq), () => resolve())));
    }
    expect(journal.hasRoom).toBe(false);
    expect(() => journal.append(row(15), () => {})).toThrow(/overflow/);
    await Promise.all(done);
    expect(journal.hasRoom).toBe(true);
  });

  it('a failed batch fails every queued command, in order, and refuses more until reset', async () => {
    const failures: string[] = [];
    const journal = new GroupCommit(db.sql, { batchMax: 2, queueMax: 8, onFailure: (e) => failures.push(e.message) });
    const first = new GroupCommit(db.sql, { onFailure: () => {} });
    first.reset(20n);
    await new Promise<void>((resolve) => first.append(row(21), () => resolve()));
    // seq 21 exists now: the primary key refuses the batch, as a broken database would.
    journal.reset(20n);
    const results: (string | undefined)[] = [];
    for (let seq = 21; seq <= 23; seq += 1) journal.append(row(seq), (e) => results.push(e?.message));
    await new Promise<void>((resolve) => {
      const poll = () => (results.length === 3 ? resolve() : setImmediate(poll));
      poll();
    });
    expect(results.every((m) => m !== undefined)).toBe(true);
    expect(failures).toHaveLength(1);
    expect(journal.healthy).toBe(false);
    expect(journal.hasRoom).toBe(false);
    expect((await readCommands(db.sql, 20n, 100)).map((r) => r.seq)).toEqual([21n]);
  });
});
