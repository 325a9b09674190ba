/**
 * Database connection URLs and Cloudinary URLs (utils/secrets/providers/databases.ts) at their edges: every scheme
 * and the provider it files under, the preview keeping the scheme, development hosts and placeholder passwords left
 * out, the URL's own boundaries, and where the password sits in the hit. Passwords are built here from parts.
 */
import { describe, expect, it } from 'vitest';
import { scanSecrets } from '../../../utils/secrets/index';
import { DATABASE_DETECTORS } from '../../../utils/secrets/providers/databases';

const password = ['Vq3z', 'K8pL', 'm2Xw', '9Rt4'].join('');
const url = (scheme: string, host = 'db-7f3k.prod-eu.example-cloud.io', pw = password, user = 'app') => `${scheme}://${user}:${pw}@${host}:5432/app`;
const found = (text: string) => scanSecrets(text).filter((m) => m.exposure === 'secret');

describe('connection URLs', () => {
  it.each([
    ['postgres', 'postgres-url'],
    ['postgresql', 'postgres-url'],
    ['mysql', 'mysql-url'],
    ['mariadb', 'mysql-url'],
    ['mongodb', 'mongodb-url'],
    ['mongodb+srv', 'mongodb-url'],
    ['redis', 'redis-url'],
    ['rediss', 'redis-url'],
  ])('%s:// is a %s, previewed with its scheme', (scheme, provider) => {
    const text = `DATABASE_URL=${url(scheme)}\n`;
    const [m] = found(text);
    expect(m?.provider).toBe(provider);
    expect(text.slice(m!.start, m!.end)).toBe(url(scheme).slice(0, -'/app'.length)); // the path is not the secret
    expect(m!.masked.startsWith(`${scheme}://\u2026`), m!.masked).toBe(true);
    expect(m!.reason).toBe('password for db-7f3k.prod-eu.example-cloud.io');
  });

  it('leaves out development hosts, and only whole ones', () => {
    for (const host of [
      'localhost',
      '127.0.0.1',
      '127.10.200.3',
      '0.0.0.0',
      'host.docker.internal',
      'db',
      'postgres',
      'api.local',
      'db.example.org',
      'example.com',
    ])
      expect(found(url('postgres', host)), host).toEqual([]);
    for (const host of [
      '127.0.0.1.nip-evil.io',
      'mydb.prod.io',
      'db.prod.io',
      'localhost-proxy.io',
      '127.0.io',
      'reportsdb',
      'example.com.prod-eu.io',
      'myexample.com',
    ])
      expect(
        found(url('postgres', host)).map((m) => m.provider),
        host,
      ).toEqual(['postgres-url']);
  });

  it('leaves out placeholder passwords and a password equal to the user', () => {
    for (const pw of ['password', 'changeme', '*', '****', 'x', 'xxxxxx']) expect(found(url('mysql', undefined, pw)), pw).toEqual([]);
    expect(found(url('mysql', undefined, 'appsecret1', 'appsecret1'))).toEqual([]);
    expect(found(url('mysql', undefined, 'x*x'))).toHaveLength(1);
  });

  it('needs a clean start and end', () => {
    expect(found(`my${url('postgres')}`)).toEqual([]);
    expect(found(`postgres://app:${password}@db-7f3k.prod.io:543299/app`)).toEqual([]);
    expect(found(`(${url('postgres')})`)).toHaveLength(1);
  });
});

describe('Cloudinary URLs', () => {
  it('puts the body after the API key: the secret is the part between the second colon and the @', () => {
    const text = `CLOUDINARY_URL=cloudinary://123456789012345:${'abcDEF123_-'.repeat(3)}@mycloud`;
    const at = text.indexOf('cloudinary://');
    const hit = DATABASE_DETECTORS[1]!.detect(text, at, 'cloudinary://', { host: '', field: '', searched: new Map() })!;
    expect(hit.provider).toBe('cloudinary-url');
    expect(text.slice(hit.bodyStart!, hit.end)).toBe(`${'abcDEF123_-'.repeat(3)}@mycloud`);
  });
});
