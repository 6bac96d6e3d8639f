/**
 * `npm run vapid -w edge -- <show | rotate [--drop-retired] | drop-retired>`: the server's VAPID
 * keys (web push). Uses DATABASE_URL, else the embedded PostgreSQL in `.data/` (stop `npm start`
 * first: one server per data directory).
 *
 * - `rotate`: a new key for new subscriptions; the old one is retired but still signs pushes to
 *   the browsers subscribed with it until they re-subscribe (the PWA does so when it next opens
 *   and sees the server's key changed). Running edges pick the new key up within a minute.
 * - `rotate --drop-retired`: the same, and the old keys and their subscriptions are deleted at
 *   once (a leaked private key): those devices get nothing until the app re-subscribes them.
 * - `drop-retired`: deletes retired keys and the subscriptions still on them.
 */
import { connect, resolveDatabase } from '@tradewind/db';
import { dropRetiredKeys, rotateVapidKeys } from '../vapid';

const USAGE = 'usage: vapid <show | rotate [--drop-retired] | drop-retired>\n';

async function run(sql: ReturnType<typeof connect>['sql'], command: string, flags: string[]): Promise<string> {
  switch (command) {
    case 'show': {
      const rows = await sql<{ id: number; public_key: string; retired: boolean; subscriptions: number }[]>`
        select k.id::int, k.public_key, k.retired_at is not null as retired,
          (select count(*)::int from push_subscriptions s where s.vapid_key_id = k.id) as subscriptions
        from notify_vapid_keys k order by k.id`;
      if (rows.length === 0) return 'no keys yet: edge makes the first on its first start';
      return rows
        .map((r) => `${r.id}\t${r.retired ? 'retired' : 'current'}\t${r.subscriptions} subscriptions\t${r.public_key}`)
        .join('\n');
    }
    case 'rotate': {
      const r = await rotateVapidKeys(sql, { dropRetired: flags.includes('--drop-retired') });
      return `new key ${r.id}: ${r.publicKey}; dropped ${r.droppedKeys} retired keys and ${r.droppedSubscriptions} subscriptions`;
    }
    case 'drop-retired': {
      const r = await dropRetiredKeys(sql);
      return `dropped ${r.keys} retired keys and ${r.subscriptions} subscriptions`;
    }
    default:
      throw new Error(USAGE);
  }
}

async function main(argv: string[]): Promise<number> {
  const [command = '', ...flags] = argv;
  if (!['show', 'rotate', 'drop-retired'].includes(command) || flags.some((f) => f !== '--drop-retired')) {
    process.stderr.write(USAGE);
    return 2;
  }
  const database = await resolveDatabase({ databaseUrl: process.env.DATABASE_URL });
  const handle = connect(database.url, { max: 1, appName: 'tradewind-vapid' });
  try {
    process.stdout.write(`${await run(handle.sql, command, flags)}\n`);
    return 0;
  } finally {
    await handle.close();
    await database.embedded?.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`vapid: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
