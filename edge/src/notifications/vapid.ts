import type { Sql } from '@tradewind/db';
import webpush from 'web-push';

export type VapidKeys = { readonly publicKey: string; readonly privateKey: string; readonly subject: string };

/**
 * The server's VAPID key pair: generated on the first start and stored in the database, so
 * every edge instance signs with the same key and browsers' subscriptions stay valid across
 * restarts. Concurrent first starts race on the single row; the first insert wins.
 */
export async function loadOrCreateVapidKeys(sql: Sql, subject: string): Promise<VapidKeys> {
  const fresh = webpush.generateVAPIDKeys();
  await sql`
    insert into notify_vapid_keys (id, public_key, private_key) values (1, ${fresh.publicKey}, ${fresh.privateKey})
    on conflict (id) do nothing`;
  const [row] = await sql<{ public_key: string; private_key: string }[]>`
    select public_key, private_key from notify_vapid_keys where id = 1`;
  if (!row) throw new Error('VAPID keys missing after insert');
  return { publicKey: row.public_key, privateKey: row.private_key, subject };
}
