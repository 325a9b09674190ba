/**
 * Chromium's `--host-resolver-rules` for Firefox: a local HTTP proxy that sends `host:port` to the address a rule
 * maps it to (`MAP tinypoll.test:443 127.0.0.1:8443, MAP *.supabase.co:443 127.0.0.1:9443, MAP * 127.0.0.1:1`).
 * Firefox's own host mapping (`network.dns.localDomains`) cannot change ports, and the fixture servers listen on
 * random ones. HTTPS goes through CONNECT tunnels, so the page still talks TLS to the fixture server under its
 * real name; plain HTTP is forwarded. A host no rule maps is reached directly (the headless command's other sites).
 */
import http from 'node:http';
import net from 'node:net';

export interface HostRule {
  /** Chromium's host pattern: `*` matches any run of characters. */
  host: string;
  /** Only this port (`MAP host:443 …`), else any. */
  port?: number;
  to: { host: string; port?: number };
}

/** Parses Chromium host-resolver rules; only MAP rules are supported (EXCLUDE and others are refused, not ignored). */
export function parseHostRules(rules: string): HostRule[] {
  return rules
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean)
    .map((r) => {
      const m = /^MAP\s+(\S+?)(?::(\d+))?\s+(\S+?)(?::(\d+))?$/i.exec(r);
      if (!m) throw new Error(`Unsupported host rule for Firefox: "${r}" (only "MAP host[:port] address[:port]")`);
      return {
        host: m[1]!.toLowerCase(),
        ...(m[2] ? { port: Number(m[2]) } : {}),
        to: { host: m[3]!, ...(m[4] ? { port: Number(m[4]) } : {}) },
      };
    });
}

const glob = (pattern: string) =>
  new RegExp(
    `^${pattern
      .split('*')
      .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );

/** Where `host:port` goes: the first rule that matches (Chromium's order), else the host itself. */
export function resolveHost(rules: HostRule[], host: string, port: number): { host: string; port: number } {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  const rule = rules.find((r) => (r.port === undefined || r.port === port) && glob(r.host).test(h));
  return rule ? { host: rule.to.host, port: rule.to.port ?? port } : { host: h, port };
}

export interface HostProxy {
  port: number;
  close(): Promise<void>;
}

export async function startHostProxy(rules: HostRule[]): Promise<HostProxy> {
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    // A plain-HTTP proxy request: the request line holds the absolute URL.
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end();
      return;
    }
    const to = resolveHost(rules, target.hostname, Number(target.port || 80));
    const upstream = http.request(
      { host: to.host, port: to.port, method: req.method, path: `${target.pathname}${target.search}`, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.rawHeaders as unknown as http.OutgoingHttpHeaders);
        up.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const m = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(req.url ?? '');
    if (!m) {
      client.end('HTTP/1.1 400 Bad Request\r\n\r\n');
      return;
    }
    const to = resolveHost(rules, m[1]!, Number(m[2]));
    const upstream = net.connect(to.port, to.host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    }
    upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n'));
    client.on('error', () => upstream.destroy());
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
