import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Cloud metadata services, refused whatever WEBHOOKS_ALLOW_PRIVATE says: some sit in ranges the
 * setting opens (Alibaba's in carrier-grade NAT, AWS's and Google's IPv6 ones in fc00::/7) or in
 * public space (Azure's WireServer).
 */
const METADATA = new Set(
  [
    '169.254.169.254', // AWS, Google, Azure, DigitalOcean, OpenStack, Oracle…
    '169.254.170.2', // AWS ECS task metadata
    '100.100.100.200', // Alibaba Cloud
    '192.0.0.192', // Oracle Cloud
    '168.63.129.16', // Azure WireServer
    'fd00:ec2::254', // AWS (IPv6)
    'fd20:ce::254', // Google (IPv6)
  ].map((address) => ipaddr.parse(address).toNormalizedString()),
);

/** ipaddr.js's ranges reachable only with WEBHOOKS_ALLOW_PRIVATE=true; `unicast` always is. */
const PRIVATE_RANGES = new Set([
  'loopback',
  'private',
  'carrierGradeNat',
  'uniqueLocal',
  'deprecatedSiteLocal',
]);

/**
 * RFC 6052's well-known NAT64 prefix. Its local-use sibling (64:ff9b:1::/48) places the IPv4
 * address by a prefix length only the network knows: refused, as a range that is not unicast.
 */
const WELL_KNOWN_NAT64 = ipaddr.IPv6.parseCIDR('64:ff9b::/96');

const PRIVATE_HINT = 'WEBHOOKS_ALLOW_PRIVATE=true allows loopback and private addresses';

/** A refused address (the one judged: an embedded IPv4 address stands for its IPv6 form). */
interface Refused {
  kind: 'private' | 'metadata' | 'special';
  address: string;
  what: string;
}

const ipv4 = (high: number, low: number) =>
  new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);

/**
 * The IPv4 addresses an IPv6 form carries (its traffic ends up there), or null for a form that
 * carries none. Teredo carries two: its server's, and its client's inverted.
 */
function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4[] | null {
  const p = address.parts;
  switch (address.range() as string) {
    case 'ipv4Mapped': // ::ffff:a.b.c.d
    case 'rfc6145': // ::ffff:0:a.b.c.d
      return [ipv4(p[6], p[7])];
    case 'rfc6052':
      return address.match(WELL_KNOWN_NAT64) ? [ipv4(p[6], p[7])] : null;
    case '6to4': // 2002:aabb:ccdd::
      return [ipv4(p[1], p[2])];
    case 'teredo':
      return [ipv4(p[2], p[3]), ipv4(~p[6] & 0xffff, ~p[7] & 0xffff)];
    case 'unicast': // the deprecated IPv4-compatible ::a.b.c.d, which ipaddr.js does not name
      return p.slice(0, 6).every((part) => part === 0) ? [ipv4(p[6], p[7])] : null;
    default:
      return null;
  }
}

/** Null when `address` may be reached: public unicast, or private with the setting. */
function judge(address: ipaddr.IPv4 | ipaddr.IPv6, allowPrivate: boolean): Refused | null {
  const shown = address.toString();
  if (METADATA.has(address.toNormalizedString())) {
    return { kind: 'metadata', address: shown, what: 'a cloud metadata address' };
  }
  const range = address.range() as string;
  const carried = address.kind() === 'ipv6' ? embeddedIPv4(address as ipaddr.IPv6) : null;
  if (carried) {
    for (const inner of carried) {
      const refused = judge(inner, allowPrivate);
      if (refused) return refused;
    }
    return null;
  }
  if (range === 'unicast') return null;
  if (PRIVATE_RANGES.has(range)) {
    if (allowPrivate) return null;
    return { kind: 'private', address: shown, what: 'a loopback or private address' };
  }
  // Everything else ipaddr.js names (link-local, multicast, reserved, benchmarking, the
  // local-use NAT64 prefix…) is refused whatever the setting says.
  return { kind: 'special', address: shown, what: `not a public unicast address (${range})` };
}

const hint = (refused: Refused) => (refused.kind === 'private' ? `; ${PRIVATE_HINT}` : '');

/** Why an address (an IP literal) is refused, or null when it may be reached. */
export function refusal(literal: string, allowPrivate: boolean): string | null {
  const address = ipaddr.parse(literal);
  const refused = judge(address, allowPrivate);
  if (!refused) return null;
  const shown = address.toString();
  const why =
    refused.address === shown
      ? `${shown} is ${refused.what}`
      : `${shown} embeds ${refused.address}, which is ${refused.what}`;
  return why + hint(refused);
}

export class RefusedAddressError extends Error {}

/** The host of a URL as net wants it (IPv6 literals without brackets). */
export const bareHost = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1');

/**
 * Why a host name is refused, given what it resolves to. Never the addresses: the answer goes to
 * whoever registered the URL, and must not map the internal network's names to addresses.
 */
function nameRefusal(host: string, addresses: string[], allowPrivate: boolean): string | null {
  const refused = addresses.flatMap((address) => judge(ipaddr.parse(address), allowPrivate) ?? []);
  if (refused.length === 0) return null;
  const onlyPrivate = refused.every((r) => r.kind === 'private');
  return `${host} resolves to a refused address${onlyPrivate ? `; ${PRIVATE_HINT}` : ''}`;
}

/** Every address `host` (an IP literal or a name) stands for, each checked; throws RefusedAddressError. */
export async function resolveAllowed(host: string, allowPrivate: boolean): Promise<string[]> {
  if (isIP(host)) {
    const why = refusal(host, allowPrivate);
    if (why) throw new RefusedAddressError(why);
    return [host];
  }
  const addresses = await new Promise<string[]>((resolve, reject) =>
    dnsLookup(host, { all: true }, (error, found: LookupAddress[]) =>
      error
        ? reject(new RefusedAddressError(`${host} does not resolve`))
        : resolve(found.map((entry) => entry.address)),
    ),
  );
  const why = nameRefusal(host, addresses, allowPrivate);
  if (why) throw new RefusedAddressError(why);
  return addresses;
}

/**
 * A `lookup` for http.request that checks what it resolves: the connection goes to the very
 * address checked (no second resolution a DNS rebinding could answer differently).
 */
export function checkedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    resolveAllowed(hostname, allowPrivate).then(
      (addresses) => {
        const address = addresses[0];
        const family = isIP(address);
        if (options.all)
          callback(
            null,
            addresses.map((a) => ({ address: a, family: isIP(a) })),
          );
        else callback(null, address, family);
      },
      (error: Error) => callback(error as NodeJS.ErrnoException, '', 0),
    );
  };
}
