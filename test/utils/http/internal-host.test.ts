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
