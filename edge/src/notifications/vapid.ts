import type { Sql } from '@tradewind/db';
import webpush from 'web-push';

export type VapidKeys = {
  readonly id: number;
  readonly publicKey: string;
  readonly privateKey: string;
  readonly subject: string;
};

/** How long an edge process trusts its copy of the keys: a rotation reaches every instance within this. */
export const VAPID_REFRESH_MS = 60_000;

type KeyRow = { id: number; public_key: string; private_key: string; retired: boolean };

/**
 * Creates the first key pair when there is no current key. Concurrent first starts race on the
 * same next id; the first insert wins and the others read it.
 */
async function ensureCurrentKey(sql: Sql): Promise<void> {
  const fresh = webpush.generateVAPIDKeys();
  await sql`
    insert into notify_vapid_keys (id, public_key, private_key)
    select coalesce(max(id), 0) + 1, ${fresh.publicKey}, ${fresh.privateKey} from notify_vapid_keys
    having count(*) filter (where retired_at is null) = 0
    on conflict (id) do nothing`;
}

/** Every stored key, the current (newest not retired) one first. */
async function readKeys(sql: Sql): Promise<KeyRow[]> {
  return sql<KeyRow[]>`
    select id::int, public_key, private_key, retired_at is not null as retired from notify_vapid_keys
    order by (retired_at is null) desc, id desc`;
}

/**
 * The server's VAPID key pairs: generated on the first start and stored in the database, so
 * every edge instance signs with the same keys and browsers' subscriptions stay valid across
 * restarts. `current()` is what new subscriptions use; `byId()` signs a push with the key its
 * subscription was made with (a retired key until the browser re-subscribes, or it is dropped).
 * The copy in memory is re-read after VAPID_REFRESH_MS, and at once for an id it does not know.
 */
export function vapidKeyring(sql: Sql, subject: string, nowMs: () => number) {
  type Loaded = { atMs: number; keys: Map<number, VapidKeys>; current: VapidKeys };
  let loaded: Loaded | null = null;
  let loading: Promise<Loaded> | null = null;
  const load = (): Promise<Loaded> => {
    loading ??= (async () => {
      await ensureCurrentKey(sql);
      const rows = await readKeys(sql);
      const keys = new Map(
        rows.map((r) => [r.id, { id: r.id, publicKey: r.public_key, privateKey: r.private_key, subject }]),
      );
      const first = rows[0];
      if (first === undefined || first.retired) throw new Error('no current VAPID key after creating one');
      const next: Loaded = { atMs: nowMs(), keys, current: keys.get(first.id) as VapidKeys };
      loaded = next;
      return next;
    })().finally(() => {
      loading = null;
    });
    return loading;
  };
  const fresh = async (): Promise<Loaded> =>
    loaded !== null && nowMs() - loaded.atMs < VAPID_REFRESH_MS ? loaded : load();
  return {
    current: async (): Promise<VapidKeys> => (await fresh()).current,
    /** The key `id`; undefined when it was dropped (its subscriptions are gone with it). */
    async byId(id: number): Promise<VapidKeys | undefined> {
      const known = (await fresh()).keys.get(id);
      return known ?? (await load()).keys.get(id);
    },
    /**
     * The id of a key by its public key (what a browser subscribed with); undefined when unknown or
     * dropped. Read from the database, not the copy: a subscription must never name a dropped key.
     */
    async idOf(publicKey: string): Promise<number | undefined> {
      const [row] = await sql<{ id: number }[]>`select id::int from notify_vapid_keys where public_key = ${publicKey}`;
      return row?.id;
    },
    /** Forgets the copy in memory (after a rotation in this process). */
    invalidate(): void {
      loaded = null;
    },
  };
}

export type VapidKeyring = ReturnType<typeof vapidKeyring>;

/**
 * Rotation: a new current key; the old current key is retired (it keeps signing pushes to the
 * subscriptions made with it, so nobody misses a message while their browsers re-subscribe).
 * `dropRetired` (e.g. the old private key leaked) deletes every retired key at once, and with
 * them their subscriptions (foreign key, on delete cascade): those browsers re-subscribe with
 * the new key the next time the app opens. Returns the new public key and what was dropped.
 */
export async function rotateVapidKeys(
  sql: Sql,
  options: { dropRetired: boolean },
): Promise<{ id: number; publicKey: string; droppedKeys: number; droppedSubscriptions: number }> {
  const fresh = webpush.generateVAPIDKeys();
  return sql.begin(async (tx) => {
    await tx`lock table notify_vapid_keys in exclusive mode`;
    await tx`update notify_vapid_keys set retired_at = now() where retired_at is null`;
    const [row] = await tx<{ id: number }[]>`
      insert into notify_vapid_keys (id, public_key, private_key)
      select coalesce(max(id), 0) + 1, ${fresh.publicKey}, ${fresh.privateKey} from notify_vapid_keys
      returning id::int`;
    const dropped = options.dropRetired ? await dropRetiredKeys(tx as unknown as Sql) : { keys: 0, subscriptions: 0 };
    return {
      id: row?.id ?? 0,
      publicKey: fresh.publicKey,
      droppedKeys: dropped.keys,
      droppedSubscriptions: dropped.subscriptions,
    };
  });
}

/** Deletes the retired keys and the subscriptions still on them; the current key stays. */
export async function dropRetiredKeys(sql: Sql): Promise<{ keys: number; subscriptions: number }> {
  const [subs] = await sql<{ n: number }[]>`
    select count(*)::int as n from push_subscriptions s join notify_vapid_keys k on k.id = s.vapid_key_id
    where k.retired_at is not null`;
  const keys = await sql`delete from notify_vapid_keys where retired_at is not null returning id`;
  return { keys: keys.length, subscriptions: subs?.n ?? 0 };
}
