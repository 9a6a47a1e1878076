import dns from 'node:dns';
import { bareHost, refusal, resolveAllowed } from './webhook-address';
import { send } from './webhook-sender';

const HINT = '; WEBHOOKS_ALLOW_PRIVATE=true allows loopback and private addresses';
/** The host of a URL as written in a webhook registration. */
const hostOf = (url: string) => bareHost(new URL(url));

describe('address refusal', () => {
  it.each([
    // [address, why, even with WEBHOOKS_ALLOW_PRIVATE=true]
    ['169.254.169.254', '169.254.169.254 is a cloud metadata address'],
    ['100.100.100.200', '100.100.100.200 is a cloud metadata address'],
    ['192.0.0.192', '192.0.0.192 is a cloud metadata address'],
    ['168.63.129.16', '168.63.129.16 is a cloud metadata address'],
    ['fd00:ec2::254', 'fd00:ec2::254 is a cloud metadata address'],
    [
      '::ffff:a9fe:a9fe',
      '::ffff:a9fe:a9fe embeds 169.254.169.254, which is a cloud metadata address',
    ],
    [
      '64:ff9b::6464:64c8',
      '64:ff9b::6464:64c8 embeds 100.100.100.200, which is a cloud metadata address',
    ],
    ['169.254.10.20', '169.254.10.20 is not a public unicast address (linkLocal)'],
    ['198.18.0.1', '198.18.0.1 is not a public unicast address (reserved)'],
    ['192.0.2.1', '192.0.2.1 is not a public unicast address (reserved)'],
    ['240.0.0.1', '240.0.0.1 is not a public unicast address (reserved)'],
    ['224.0.0.1', '224.0.0.1 is not a public unicast address (multicast)'],
    ['255.255.255.255', '255.255.255.255 is not a public unicast address (broadcast)'],
    ['0.0.0.0', '0.0.0.0 is not a public unicast address (unspecified)'],
    ['::', ':: is not a public unicast address (unspecified)'],
    ['fe80::1', 'fe80::1 is not a public unicast address (linkLocal)'],
    ['ff02::1', 'ff02::1 is not a public unicast address (multicast)'],
    ['2001:db8::1', '2001:db8::1 is not a public unicast address (reserved)'],
    ['2001:2::1', '2001:2::1 is not a public unicast address (benchmarking)'],
    ['100::1', '100::1 is not a public unicast address (discard)'],
    ['64:ff9b:1::1', '64:ff9b:1::1 is not a public unicast address (rfc6052)'],
    [
      '2002:c612:1::',
      '2002:c612:1:: embeds 198.18.0.1, which is not a public unicast address (reserved)',
    ],
  ])('%s is refused even with private addresses allowed', (address, why) => {
    expect(refusal(address, false)).toBe(why);
    expect(refusal(address, true)).toBe(why);
  });

  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['::1', '::1'],
    ['10.0.0.1', '10.0.0.1'],
    ['172.20.1.1', '172.20.1.1'],
    ['192.168.0.1', '192.168.0.1'],
    ['100.64.0.1', '100.64.0.1'],
    ['fd00::1', 'fd00::1'],
    ['fec0::1', 'fec0::1'],
  ])('%s is refused only without WEBHOOKS_ALLOW_PRIVATE, naming the setting', (address, shown) => {
    expect(refusal(address, false)).toBe(`${shown} is a loopback or private address${HINT}`);
    expect(refusal(address, true)).toBeNull();
  });

  it.each([
    ['http://[::127.0.0.1]:3481/', '::7f00:1', '127.0.0.1'], // IPv4-compatible
    ['http://[::ffff:127.0.0.1]/', '::ffff:7f00:1', '127.0.0.1'], // IPv4-mapped
    ['http://[::ffff:0:10.0.0.1]/', '::ffff:0:a00:1', '10.0.0.1'], // IPv4-translated
    ['http://[64:ff9b::7f00:1]/', '64:ff9b::7f00:1', '127.0.0.1'], // NAT64
    ['http://[64:ff9b::10.0.0.1]/', '64:ff9b::a00:1', '10.0.0.1'], // NAT64
    ['http://[2002:7f00:1::]/', '2002:7f00:1::', '127.0.0.1'], // 6to4
    // Teredo: server 65.54.227.120, client 127.0.0.1 (stored inverted)
    [
      'http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/',
      '2001:0:4136:e378:8000:63bf:80ff:fffe',
      '127.0.0.1',
    ],
    // Teredo: server 10.0.0.1, client 93.184.215.14
    ['http://[2001:0:a00:1:8000:63bf:a247:28f1]/', '2001:0:a00:1:8000:63bf:a247:28f1', '10.0.0.1'],
  ])('%s is judged by the IPv4 address it carries', (url, shown, carried) => {
    expect(refusal(hostOf(url), false)).toBe(
      `${shown} embeds ${carried}, which is a loopback or private address${HINT}`,
    );
    expect(refusal(hostOf(url), true)).toBeNull();
  });

  it.each([
    '93.184.215.14',
    '2606:2800:21f:cb07:6820:80da:af6b:8b2c',
    '::ffff:93.184.215.14',
    '64:ff9b::93.184.215.14',
    '2002:5db8:d70e::1',
    '2001:0:4136:e378:8000:63bf:a247:28f1', // Teredo: server 65.54.227.120, client 93.184.215.14
  ])('lets the public unicast %s through', (address) => {
    expect(refusal(address, false)).toBeNull();
    expect(refusal(address, true)).toBeNull();
  });
});

describe('host names', () => {
  it('a name resolving to loopback is refused without its address, naming the setting', async () => {
    const refused = resolveAllowed('localhost', false);
    await expect(refused).rejects.toThrow(`localhost resolves to a refused address${HINT}`);
    await expect(resolveAllowed('localhost', true)).resolves.toEqual(
      expect.arrayContaining(['127.0.0.1']),
    );
  });
});

describe('sending', () => {
  afterEach(() => jest.restoreAllMocks());

  it('counts the DNS lookup inside the timeout', async () => {
    // A resolver that never answers.
    jest.spyOn(dns, 'lookup').mockImplementation(() => undefined);
    const started = Date.now();
    const result = await send(
      {
        url: 'http://hooks.example.com/x',
        secrets: ['whsec_AAAA'],
        messageId: 'msg_1',
        body: '{}',
      },
      { allowPrivate: false, timeoutMs: 200 },
    );
    expect(result).toEqual({
      status: null,
      error: 'no answer within 200 ms',
      errorClass: 'timeout',
      durationMs: expect.any(Number),
      response: null,
    });
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
