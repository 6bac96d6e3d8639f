import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/** URLs users give us (webhooks) and browsers give us (push endpoints) are at most this long. */
export const TARGET_URL_CHARS_MAX = 2048;

/**
 * Addresses edge never sends a user-given request to: loopback, private (RFC 1918, ULA),
 * link-local (cloud metadata at 169.254.169.254), carrier-grade NAT, "this network",
 * benchmarking, multicast and reserved ranges, and IPv4-mapped / NAT64 IPv6 forms (which
 * would reach IPv4 addresses through the back door).
 */
// Two lists: node's BlockList matches an IPv4 address against IPv6 rules as ::ffff:a.b.c.d,
// so one list with ::ffff:0:0/96 would call every IPv4 address private.
const PRIVATE_V4 = new BlockList();
const PRIVATE_V6 = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3], // multicast 224/4 and reserved 240/4 (with the broadcast address)
] as const) {
  PRIVATE_V4.addSubnet(net, bits, 'ipv4');
}
for (const [net, bits] of [
  ['::', 127], // :: and ::1
  ['::ffff:0:0', 96],
  ['64:ff9b::', 96],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  PRIVATE_V6.addSubnet(net, bits, 'ipv6');
}

/** True for an IP address literal in a range above, and for anything that is not an address. */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').toLowerCase();
  const family = isIP(bare);
  if (family === 0) return true;
  return family === 4 ? PRIVATE_V4.check(bare, 'ipv4') : PRIVATE_V6.check(bare, 'ipv6');
}

function isPrivateHostLiteral(host: string): boolean {
  // `localhost.` is `localhost`: the root's dot does not make another name.
  const bare = host
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
  if (bare === 'localhost' || bare.endsWith('.localhost') || bare.endsWith('.internal')) return true;
  return isIP(bare) !== 0 && isPrivateAddress(bare);
}

/**
 * Whether edge may POST to this URL, checked when it is given: https only, and not a loopback
 * or private address literal (SSRF), unless `allowPrivate` (NOTIFY_ALLOW_PRIVATE_TARGETS: tests
 * and local development). Host NAMES are checked when connecting (`guardedLookup`): a name can
 * resolve differently by then.
 */
export function checkTargetUrl(
  raw: string,
  allowPrivate: boolean,
): { ok: true; url: URL } | { ok: false; error: string } {
  if (raw.length > TARGET_URL_CHARS_MAX) return { ok: false, error: `longer than ${TARGET_URL_CHARS_MAX} characters` };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, error: 'not a URL' };
  }
  if (url.protocol !== 'https:' && !(allowPrivate && url.protocol === 'http:'))
    return { ok: false, error: 'must be https://' };
  if (!allowPrivate && isPrivateHostLiteral(url.hostname))
    return { ok: false, error: 'private and loopback addresses are not allowed' };
  return { ok: true, url };
}

/** Resolves a host name to all its addresses (dns.lookup, as the OS does); tests inject their own. */
export type Resolver = (host: string) => Promise<LookupAddress[]>;

export const systemResolver: Resolver = (host) =>
  new Promise((resolve, reject) =>
    dnsLookup(host, { all: true, verbatim: true }, (err, addresses) => (err ? reject(err) : resolve(addresses))),
  );

/** The error a refused name fails the request with (its message reaches the dead letters). */
export class PrivateTargetError extends Error {
  readonly code = 'ERR_PRIVATE_TARGET';
  constructor(host: string, address: string) {
    super(`${host} resolves to ${address}, a private or loopback address`);
    this.name = 'PrivateTargetError';
  }
}

type LookupCallback = (err: Error | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for node:net sockets (set on the http agents of outgoing user-given requests).
 * It resolves the name once, refuses it when ANY of its addresses is private (an attacker's
 * name may return a public and a private one), and hands the socket exactly the addresses it
 * checked: the connection goes to a checked address, so a second, different answer to the
 * same name (DNS rebinding) is never asked for.
 */
export function guardedLookup(allowPrivate: boolean, resolve: Resolver = systemResolver) {
  return (host: string, options: { all?: boolean; family?: number | string }, callback: LookupCallback): void => {
    resolve(host).then(
      (found) => {
        const family = options.family === 6 || options.family === 'IPv6' ? 6 : options.family === 4 ? 4 : 0;
        const addresses = family === 0 ? found : found.filter((a) => a.family === family);
        const bad = allowPrivate ? undefined : found.find((a) => isPrivateAddress(a.address));
        if (bad !== undefined) return callback(new PrivateTargetError(host, bad.address), []);
        const first = addresses[0];
        if (first === undefined)
          return callback(Object.assign(new Error(`no address for ${host}`), { code: 'ENOTFOUND' }), []);
        if (options.all) return callback(null, addresses);
        return callback(null, first.address, first.family);
      },
      (err: unknown) => callback(err instanceof Error ? err : new Error(String(err)), []),
    );
  };
}

/**
 * When a URL is given (a webhook, a push endpoint): the private address its host name resolves
 * to, if any, so the user hears at once why it will not be used. Null for a public name, an IP
 * literal (checkTargetUrl's job), and a name that does not resolve now (it is checked again,
 * and connected to, at every send by guardedLookup).
 */
export async function privateAddressOf(url: URL, resolve: Resolver = systemResolver): Promise<string | null> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) !== 0) return null;
  let timer: NodeJS.Timeout | undefined;
  // A resolver that hangs must not hold the request: past this, the send-time check decides.
  const late = new Promise<LookupAddress[]>((done) => {
    timer = setTimeout(() => done([]), RESOLVE_ON_INPUT_MS);
  });
  const found = await Promise.race([resolve(host).catch((): LookupAddress[] => []), late]);
  clearTimeout(timer);
  return found.find((a) => isPrivateAddress(a.address))?.address ?? null;
}

/** How long a URL's name may take to resolve when it is given. */
export const RESOLVE_ON_INPUT_MS = 2_000;
