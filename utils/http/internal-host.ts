/**
 * Addresses the auditor never fetches unless they are the audited page's own host: loopback, private, link-local,
 * shared (CGNAT), cloud-metadata and other non-public address literals, and `localhost`. A page under audit is the
 * attacker's ground; where the command line runs (CI) internal addresses are reachable, so a page listing
 * `<script src="http://169.254.169.254/…">` must not make us fetch it. Names are names: a host mapped to a local
 * server with --host-resolver-rules stays usable (only literals and the names below are refused). Pure.
 *
 * Ranges: IANA IPv4/IPv6 Special-Purpose Address Registries (RFC 6890), RFC 1918, RFC 6598, RFC 3927, RFC 4193,
 * RFC 4291; metadata names are GCP's `metadata.google.internal` (AWS/Azure/Oracle/Alibaba use link-local or
 * CGNAT literals, covered by the ranges).
 */

/** IPv4 ranges as [first octets as a 32-bit number, prefix length]. */
const V4_BLOCKED: [string, number][] = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // shared address space (CGNAT; Alibaba metadata 100.100.100.200)
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (AWS/Azure/GCP metadata 169.254.169.254)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments (Oracle metadata 192.0.0.192)
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
];

function v4Number(host: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
}

function v4Blocked(n: number): boolean {
  return V4_BLOCKED.some(([base, bits]) => {
    const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
    return (n & mask) >>> 0 === (v4Number(base)! & mask) >>> 0;
  });
}

/** Eight 16-bit groups of an IPv6 literal (already normalised by the URL parser, brackets removed), or undefined. */
function v6Groups(host: string): number[] | undefined {
  let h = host.toLowerCase();
  const v4 = /(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})$/.exec(h)?.[1];
  if (v4) {
    const n = v4Number(v4);
    if (n === undefined) return undefined;
    h = `${h.slice(0, -v4.length)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head, tail, ...rest] = h.split('::');
  if (rest.length) return undefined;
  const a = head ? head.split(':') : [];
  const b = tail !== undefined ? (tail ? tail.split(':') : []) : undefined;
  const groups = b === undefined ? a : [...a, ...Array(8 - a.length - b.length).fill('0'), ...b];
  if (groups.length !== 8 || groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return undefined;
  return groups.map((g) => Number.parseInt(g, 16));
}

function v6Blocked(g: number[]): boolean {
  const zeroUntil = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroUntil(8)) return true; // ::
  if (zeroUntil(7) && g[7] === 1) return true; // ::1 loopback
  const embedded = ((g[6]! << 16) | g[7]!) >>> 0;
  if (zeroUntil(5) && g[5] === 0xffff) return v4Blocked(embedded); // ::ffff:a.b.c.d mapped
  if (zeroUntil(6)) return v4Blocked(embedded); // ::a.b.c.d (deprecated compatible)
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return v4Blocked(embedded); // NAT64
  const first = g[0]!;
  if ((first & 0xfe00) === 0xfc00) return true; // fc00::/7 unique local (AWS IPv6 metadata fd00:ec2::254)
  if ((first & 0xffc0) === 0xfe80 || (first & 0xffc0) === 0xfec0) return true; // link-local, site-local
  if ((first & 0xff00) === 0xff00) return true; // multicast
  return false;
}

/** A hostname (as `new URL(u).hostname` gives it) that names this machine, a private network or a metadata service. */
export function isInternalHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  if (h === 'localhost' || h.endsWith('.localhost') || h === 'metadata.google.internal' || h === 'metadata') return true;
  const bare = h.startsWith('[') && h.endsWith(']') ? h.slice(1, -1) : h;
  const v4 = v4Number(bare);
  if (v4 !== undefined) return v4Blocked(v4);
  if (bare.includes(':')) {
    const g = v6Groups(bare);
    return g === undefined ? true : v6Blocked(g); // an IPv6 literal we cannot read is refused
  }
  return false;
}

/**
 * May the auditor fetch `url` while auditing `pageUrl`? Only http(s); never an internal address unless it is the
 * audited page's own host (auditing http://192.168.1.5/ reads that host's scripts, not its neighbours').
 */
export function mayFetch(url: string, pageUrl: string): boolean {
  let u: URL;
  let page: URL;
  try {
    u = new URL(url);
    page = new URL(pageUrl);
  } catch {
    return false;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return false;
  return !isInternalHost(u.hostname) || u.hostname === page.hostname;
}
