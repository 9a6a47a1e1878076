import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/** Never reachable, whatever WEBHOOKS_ALLOW_PRIVATE says: link-local, metadata, "this network", multicast, broadcast. */
const FORBIDDEN = new BlockList();
FORBIDDEN.addSubnet('0.0.0.0', 8, 'ipv4');
FORBIDDEN.addSubnet('169.254.0.0', 16, 'ipv4'); // link-local, 169.254.169.254 (cloud metadata)
FORBIDDEN.addSubnet('224.0.0.0', 4, 'ipv4'); // multicast
FORBIDDEN.addAddress('255.255.255.255', 'ipv4');
FORBIDDEN.addAddress('::', 'ipv6');
FORBIDDEN.addSubnet('fe80::', 10, 'ipv6');
FORBIDDEN.addSubnet('ff00::', 8, 'ipv6');
FORBIDDEN.addAddress('fd00:ec2::254', 'ipv6'); // AWS's IPv6 metadata address

/** Reachable only with WEBHOOKS_ALLOW_PRIVATE=true: loopback and private networks. */
const PRIVATE = new BlockList();
PRIVATE.addSubnet('127.0.0.0', 8, 'ipv4');
PRIVATE.addSubnet('10.0.0.0', 8, 'ipv4');
PRIVATE.addSubnet('172.16.0.0', 12, 'ipv4');
PRIVATE.addSubnet('192.168.0.0', 16, 'ipv4');
PRIVATE.addSubnet('100.64.0.0', 10, 'ipv4'); // carrier-grade NAT
PRIVATE.addAddress('::1', 'ipv6');
PRIVATE.addSubnet('fc00::', 7, 'ipv6');

/** Why an address is refused, or null when it may be reached. */
export function refusal(address: string, allowPrivate: boolean): string | null {
  const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
  if (FORBIDDEN.check(address, family))
    return `${address} is a link-local, multicast, broadcast or unspecified address`;
  if (!allowPrivate && PRIVATE.check(address, family))
    return `${address} is a loopback or private address`;
  return null;
}

export class RefusedAddressError extends Error {}

/** The host of a URL as net wants it (IPv6 literals without brackets). */
export const bareHost = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1');

/** Every address `host` resolves to, each checked; throws RefusedAddressError. */
export async function resolveAllowed(host: string, allowPrivate: boolean): Promise<string[]> {
  const addresses = isIP(host)
    ? [host]
    : await new Promise<string[]>((resolve, reject) =>
        dnsLookup(host, { all: true }, (error, found: LookupAddress[]) =>
          error
            ? reject(new RefusedAddressError(`${host} does not resolve`))
            : resolve(found.map((entry) => entry.address)),
        ),
      );
  for (const address of addresses) {
    const why = refusal(address, allowPrivate);
    if (why) throw new RefusedAddressError(why);
  }
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
