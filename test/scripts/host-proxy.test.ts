/** Chromium's host-resolver rules as a proxy for Firefox (scripts/lib/host-proxy.ts), through a real proxy request. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHostRules, resolveHost, startHostProxy, type HostProxy } from '../../scripts/lib/host-proxy';

describe('parseHostRules / resolveHost', () => {
  const rules = parseHostRules('MAP tinypoll.test:443 127.0.0.1:8443, MAP tinypoll.test:80 127.0.0.1:8080, MAP *.supabase.co 127.0.0.1, MAP *:443 127.0.0.1:9');
  it('maps a host and port to the rule’s address, in the rules’ order', () => {
    expect(resolveHost(rules, 'tinypoll.test', 443)).toEqual({ host: '127.0.0.1', port: 8443 });
    expect(resolveHost(rules, 'TinyPoll.test', 80)).toEqual({ host: '127.0.0.1', port: 8080 });
    expect(resolveHost(rules, 'abc.supabase.co', 443)).toEqual({ host: '127.0.0.1', port: 443 }); // no port: keeps it
    expect(resolveHost(rules, 'other.example', 443)).toEqual({ host: '127.0.0.1', port: 9 }); // the wildcard catches the rest
  });
  it('leaves an unmapped host:port alone, and a dot in a pattern is literal', () => {
    expect(resolveHost(rules, 'other.example', 80)).toEqual({ host: 'other.example', port: 80 });
    expect(resolveHost(parseHostRules('MAP a.test 127.0.0.1:1'), 'axtest', 80)).toEqual({ host: 'axtest', port: 80 });
  });
  it('refuses rules it cannot honour instead of ignoring them', () => {
    expect(() => parseHostRules('EXCLUDE a.test')).toThrow(/Unsupported host rule/);
  });
});

describe('startHostProxy', () => {
  let target: http.Server;
  let proxy: HostProxy;
  beforeAll(async () => {
    target = http.createServer((req, res) => res.end(`${req.headers.host} ${req.url}`));
    await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
    proxy = await startHostProxy(parseHostRules(`MAP app.test:80 127.0.0.1:${(target.address() as AddressInfo).port}`));
  });
  afterAll(async () => {
    await proxy.close();
    await new Promise((r) => target.close(r));
  });
  it('forwards a plain-HTTP proxy request to the mapped server, Host header and path intact', async () => {
    const body = await new Promise<string>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port: proxy.port, path: 'http://app.test/a?b=1', headers: { host: 'app.test' } }, (res) => {
          let s = '';
          res.on('data', (c) => (s += c));
          res.on('end', () => resolve(s));
        })
        .on('error', reject);
    });
    expect(body).toBe('app.test /a?b=1');
  });
  it('tunnels CONNECT to the mapped address', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: proxy.port, method: 'CONNECT', path: 'app.test:80' });
      req.on('connect', (res, socket) => {
        socket.destroy();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(200);
  });
});
