/** Literals only: nothing here connects anywhere. */
import { describe, expect, it } from 'vitest';
import { isInternalHost, mayFetch } from '@/utils/http/internal-host';

const host = (u: string) => new URL(u).hostname;

describe('isInternalHost', () => {
  it.each([
    'http://10.0.0.1/',
    'http://10.255.255.255/',
    'http://172.16.0.1/',
    'http://172.31.255.255/',
    'http://192.168.1.1/',
    'http://127.0.0.1/',
    'http://127.1/',
    'http://0x7f.1/',
    'http://2130706433/',
    'http://0.0.0.0/',
    'http://169.254.169.254/latest/meta-data/',
    'http://100.100.100.200/',
    'http://192.0.0.192/',
    'http://100.64.0.1/',
    'http://[::1]/',
    'http://[::]/',
    'http://[fd00::1]/',
    'http://[fd00:ec2::254]/',
    'http://[fe80::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:a9fe:a9fe]/',
    'http://[64:ff9b::a9fe:a9fe]/',
    'http://[ff02::1]/',
    'http://localhost:3000/',
    'http://api.localhost/',
    'http://LOCALHOST./',
    'http://metadata.google.internal/',
    'http://224.0.0.1/',
    'http://255.255.255.255/',
  ])('%s is internal', (u) => expect(isInternalHost(host(u))).toBe(true));

  it.each([
    'https://app.example.com/',
    'http://8.8.8.8/',
    'http://172.32.0.1/',
    'http://192.169.0.1/',
    'http://[2606:4700::1111]/',
    'https://tinypoll.test/',
    'https://localhost.example.com/',
  ])('%s is not (a name mapped to a local server by --host-rules is a name)', (u) => expect(isInternalHost(host(u))).toBe(false));
});

describe('mayFetch', () => {
  it('refuses internal literals unless they are the audited page’s own host', () => {
    expect(mayFetch('http://169.254.169.254/latest/meta-data/', 'https://app.example.com/')).toBe(false);
    expect(mayFetch('http://127.0.0.1:8080/admin/config.js', 'https://app.example.com/')).toBe(false);
    expect(mayFetch('http://[fd00::1]/x.js', 'https://app.example.com/')).toBe(false);
    expect(mayFetch('http://192.168.1.5:3000/main.js', 'http://192.168.1.5:3000/')).toBe(true);
    expect(mayFetch('http://192.168.1.6/main.js', 'http://192.168.1.5:3000/')).toBe(false);
    expect(mayFetch('https://cdn.example.net/x.js', 'https://app.example.com/')).toBe(true);
  });
  it('refuses non-http schemes and garbage', () => {
    expect(mayFetch('file:///etc/passwd', 'https://app.example.com/')).toBe(false);
    expect(mayFetch('not a url', 'https://app.example.com/')).toBe(false);
  });
});

// Cases from mutation testing (docs/mutation.md, "Parsers target"): the first and last address of every refused
// IPv4 range and the public neighbours on either side (IANA IPv4 Special-Purpose Address Registry, RFC 1918, 6598,
// 3927), the IPv6 prefixes bit by bit, and names that only look local.
describe('isInternalHost: IPv4 range bounds', () => {
  it.each([
    ['0.0.0.0/8', '0.255.255.255', '1.0.0.0', undefined],
    ['10.0.0.0/8', '10.0.0.0', '9.255.255.255', '11.0.0.0'],
    ['100.64.0.0/10', '100.127.255.255', '100.63.255.255', '100.128.0.0'],
    ['127.0.0.0/8', '127.255.255.255', '126.255.255.255', '128.0.0.0'],
    ['169.254.0.0/16', '169.254.0.0', '169.253.255.255', '169.255.0.0'],
    ['172.16.0.0/12', '172.16.0.0', '172.15.255.255', '172.32.0.0'],
    ['192.0.0.0/24', '192.0.0.255', '191.255.255.255', '192.0.1.0'],
    ['192.168.0.0/16', '192.168.255.255', '192.167.255.255', '192.169.0.0'],
    ['198.18.0.0/15', '198.19.255.255', '198.17.255.255', '198.20.0.0'],
    ['224.0.0.0/4', '239.255.255.255', '223.255.255.255', undefined],
    ['240.0.0.0/4', '240.0.0.0', undefined, undefined],
  ])('%s: %s is internal, %s and %s are not', (_range, inside, below, above) => {
    expect(isInternalHost(inside)).toBe(true);
    if (below) expect(isInternalHost(below), below).toBe(false);
    if (above) expect(isInternalHost(above), above).toBe(false);
  });
  it('198.18.0.0 and 100.64.0.0, the first of their ranges, are internal', () => {
    expect(isInternalHost('198.18.0.0')).toBe(true);
    expect(isInternalHost('100.64.0.0')).toBe(true);
  });
  it('a dotted name that is not an address is a name', () => {
    expect(isInternalHost('256.1.1.1')).toBe(false);
    expect(isInternalHost('10.0.0.1.example.com')).toBe(false);
    expect(isInternalHost('1.10.0.0.1')).toBe(false);
    expect(isInternalHost('1000.0.0.1')).toBe(false);
  });
  it('one bracket alone does not make an address literal', () => {
    expect(isInternalHost('[127.0.0.1x')).toBe(false);
    expect(isInternalHost('x127.0.0.1]')).toBe(false);
  });
  it('an address in brackets or with a trailing dot is still an address', () => {
    expect(isInternalHost('[127.0.0.1]')).toBe(true);
    expect(isInternalHost('10.0.0.1.')).toBe(true);
  });
});

describe('isInternalHost: IPv6', () => {
  it.each([
    ['::', true],
    ['::1', true],
    ['::2', true], // ::0.0.0.2, an IPv4-compatible address in 0.0.0.0/8
    ['::ffff:10.0.0.1', true],
    ['::ffff:8.8.8.8', false],
    ['::ffff:808:808', false],
    ['::10.0.0.1', true],
    ['::8.8.8.8', false],
    ['64:ff9b::10.0.0.1', true],
    ['64:ff9b::8.8.8.8', false],
    ['64:ff9b:1::a00:1', false], // the local-use NAT64 prefix is not the well-known one
    ['fc00::1', true],
    ['fdff:ffff::1', true],
    ['fbff::1', false],
    ['fe00::1', false],
    ['fe7f::1', false],
    ['fe80::', true],
    ['febf::1', true],
    ['fec0::1', true],
    ['feff::1', true],
    ['ff00::1', true],
    ['ff02::1', true],
    ['2001:4860:4860::8888', false],
    ['1:2:3:4:5:6:7:8', false],
    ['1::8', false],
    ['2606:4700::', false],
    // Dotted quads of 2 and 3 digits in each place (direct input: the URL parser writes IPv6 in hex).
    ['::ffff:123.1.1.1', false],
    ['::ffff:1.123.1.1', false],
    ['::ffff:1.1.123.1', false],
    ['::ffff:1.1.1.123', false],
    // NAT64 is 64:ff9b::/96 exactly: neither half alone.
    ['64:1::a00:1', false],
    ['65:ff9b::a00:1', false],
    ['0:0:0:0:0:0:0:1', true],
    ['0:0:0:0:0:1:0:1', false],
    ['::1:0:0:0:0:0:1', false],
  ])('%s → %s', (h, expected) => {
    expect(isInternalHost(h)).toBe(expected);
    expect(isInternalHost(`[${h.toUpperCase()}]`)).toBe(expected);
  });
  it.each([['1:2:3:4:5:6:999.1.1.1'], ['1::2::3'], ['gggg::1'], ['1:2:3:4:5:6:7'], ['1:2:3:4:5:6:7:8:9'], ['12345::1'], ['::ffff:999.1.1.1'], [':']])(
    'an IPv6 literal it cannot read (%s) is refused',
    (h) => expect(isInternalHost(h)).toBe(true),
  );
  it('the URL parser’s form of a mapped address is read', () => {
    expect(isInternalHost(host('http://[::ffff:192.168.0.1]/'))).toBe(true);
    expect(isInternalHost(host('http://[::ffff:1.1.1.1]/'))).toBe(false);
  });
});

describe('isInternalHost: names', () => {
  it.each([
    ['localhost', true],
    ['LocalHost', true],
    ['a.b.localhost', true],
    ['metadata', true],
    ['metadata.google.internal.', true],
    ['notlocalhost', false],
    ['localhost.com', false],
    ['metadata.example.com', false],
    ['google.internal', false],
    ['', false],
  ])('%j → %s', (h, expected) => expect(isInternalHost(h)).toBe(expected));
});

describe('mayFetch: more', () => {
  it('fetches public http and https addresses, nothing else', () => {
    expect(mayFetch('http://cdn.example.net/x.js', 'https://app.example.com/')).toBe(true);
    expect(mayFetch('ftp://cdn.example.net/x.js', 'https://app.example.com/')).toBe(false);
    expect(mayFetch('data:text/javascript,1', 'https://app.example.com/')).toBe(false);
    expect(mayFetch('ws://cdn.example.net/', 'https://app.example.com/')).toBe(false);
  });
  it('refuses everything when the page URL does not parse', () => {
    expect(mayFetch('https://cdn.example.net/x.js', 'not a url')).toBe(false);
  });
  it('the page’s own host is its host name, whatever the port or scheme', () => {
    expect(mayFetch('https://localhost:8443/x.js', 'http://localhost:3000/')).toBe(true);
    expect(mayFetch('http://127.0.0.1/x.js', 'http://localhost/')).toBe(false);
  });
});
