import { connect } from '@tradewind/db';
import { createTestDatabase } from '@tradewind/db/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TcpProxy } from '../test-support/tcp-proxy';
import { GroupCommit, type InFlightRange } from './group-commit';
import { fenceConnections, readCommands } from './journal-store';

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
      done.push(
        new Promise((resolve, reject) =>
          journal.append(row(seq), (o) => (o === 'durable' ? resolve() : reject(new Error(o)))),
        ),
      );
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

  it('a batch PostgreSQL refuses (rolled back) fails every queued command as not written, and refuses more until reset', async () => {
    const failures: string[] = [];
    const journal = new GroupCommit(db.sql, {
      batchMax: 2,
      queueMax: 8,
      onFailure: (e, inFlight) => failures.push(`${e.message} ${inFlight}`),
    });
    const first = new GroupCommit(db.sql, { onFailure: () => {} });
    first.reset(20n);
    await new Promise<void>((resolve) => first.append(row(21), () => resolve()));
    // seq 21 exists now: the primary key refuses the batch, as a broken database would.
    journal.reset(20n);
    const results: string[] = [];
    for (let seq = 21; seq <= 23; seq += 1) journal.append(row(seq), (o) => results.push(o));
    await new Promise<void>((resolve) => {
      const poll = () => (results.length === 3 ? resolve() : setImmediate(poll));
      poll();
    });
    expect(results).toEqual(['notWritten', 'notWritten', 'notWritten']);
    expect(failures).toEqual([expect.stringMatching(/duplicate key.* undefined$/)]);
    expect(journal.resolveInFlight(30n)).toBeUndefined();
    expect(journal.healthy).toBe(false);
    expect(journal.hasRoom).toBe(false);
    expect((await readCommands(db.sql, 20n, 100)).map((r) => r.seq)).toEqual([21n]);
  });

  it('a lost connection holds the batch in flight until resolved and fails the batches behind it as not written', async () => {
    const url = new URL(db.url);
    const proxy = new TcpProxy(url.hostname, Number(url.port || 5432));
    await proxy.open();
    url.port = String(proxy.port);
    const appName = 'tw-journal-test-lost';
    const journalDb = connect(url.toString(), { max: 1, appName });
    try {
      let inFlight: InFlightRange | undefined;
      const journal = new GroupCommit(journalDb.sql, {
        batchMax: 2,
        queueMax: 8,
        onFailure: (_e, r) => (inFlight = r),
      });
      journal.reset(40n);
      const outcomes = new Map<number, string>();
      const add = (seq: number, command = `{"n":${seq}}`) =>
        journal.append({ ...row(seq), command }, (o) => outcomes.set(seq, o));
      // Warm the connection up so that the muted chunk is the batch's.
      add(41);
      await vi.waitFor(() => expect(outcomes.get(41)).toBe('durable'));
      proxy.muteRepliesFrom('"lost-in-flight"');
      add(42, '{"n":"lost-in-flight"}');
      await new Promise((r) => setImmediate(r));
      add(43);
      add(44);
      add(45);
      await vi.waitFor(async () => expect((await readCommands(db.sql, 41n, 10)).map((r) => r.seq)).toEqual([42n]));
      await proxy.cut();
      await vi.waitFor(() => expect(inFlight).toEqual({ firstSeq: 42n, lastSeq: 42n }));
      expect([...outcomes]).toEqual([
        [41, 'durable'],
        [43, 'notWritten'],
        [44, 'notWritten'],
        [45, 'notWritten'],
      ]);
      await fenceConnections(db.sql, appName);
      const last = (await readCommands(db.sql, 41n, 10)).at(-1)?.seq;
      expect(journal.resolveInFlight(last)).toBe('durable');
      expect(outcomes.get(42)).toBe('durable');
      expect(journal.resolveInFlight(last)).toBeUndefined();
    } finally {
      await journalDb.sql.end({ timeout: 0 }).catch(() => {});
      await proxy.cut();
    }
  });

  it('a batch in flight is not written when the fenced journal does not hold it, and unknown when nobody could tell', () => {
    const outcomes: string[] = [];
    const journal = new GroupCommit(db.sql, { onFailure: () => {} });
    // The resolution only: which seq the journal ends at decides (covered → durable, short → not written).
    const held = journal as unknown as { unresolved: unknown };
    held.unresolved = {
      rows: [row(7), row(8)],
      done: [(o: string) => outcomes.push(o), (o: string) => outcomes.push(o)],
    };
    expect(journal.resolveInFlight(7n)).toBe('notWritten');
    held.unresolved = { rows: [row(9)], done: [(o: string) => outcomes.push(o)] };
    expect(journal.resolveInFlight(undefined)).toBe('unknown');
    expect(outcomes).toEqual(['notWritten', 'notWritten', 'unknown']);
  });
});
