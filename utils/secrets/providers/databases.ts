/** Connection URLs with a password: direct access to the database, past every API rule. */
import { rotateThen } from '../advice';
import { charClass, startsClean, endsClean } from '../context';
import { defineProviders, type IdOf, prefixed, sticky } from '../define';
import type { Detector } from '../types';

const CHANGE_PASSWORD = 'Change the database password and reach the database only from a server or Edge Function.';

export const DATABASE_PROVIDERS = defineProviders([
  {
    id: 'postgres-url',
    name: 'PostgreSQL connection URL with password',
    category: 'database',
    exposure: 'secret',
    format: '`postgres://user:password@host`',
    prefixes: ['postgresql://', 'postgres://'],
    rotateUrl: 'https://www.postgresql.org/docs/current/sql-alterrole.html',
    advice: rotateThen(CHANGE_PASSWORD),
    docs: 'https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-URIS',
  },
  {
    id: 'mysql-url',
    name: 'MySQL connection URL with password',
    category: 'database',
    exposure: 'secret',
    format: '`mysql://user:password@host`',
    prefixes: ['mysql://', 'mariadb://'],
    rotateUrl: 'https://dev.mysql.com/doc/refman/8.4/en/alter-user.html',
    advice: rotateThen(CHANGE_PASSWORD),
    docs: 'https://dev.mysql.com/doc/refman/8.4/en/connecting-using-uri-or-key-value-pairs.html',
  },
  {
    id: 'mongodb-url',
    name: 'MongoDB connection URL with password',
    category: 'database',
    exposure: 'secret',
    format: '`mongodb(+srv)://user:password@host`',
    prefixes: ['mongodb+srv://', 'mongodb://'],
    rotateUrl: 'https://www.mongodb.com/docs/atlas/security-add-mongodb-users/',
    advice: rotateThen(CHANGE_PASSWORD),
    docs: 'https://www.mongodb.com/docs/manual/reference/connection-string/',
  },
  {
    id: 'redis-url',
    name: 'Redis connection URL with password',
    category: 'database',
    exposure: 'secret',
    format: '`redis(s)://user:password@host`',
    prefixes: ['rediss://', 'redis://'],
    rotateUrl: 'https://redis.io/docs/latest/operate/oss_and_stack/management/security/acl/',
    advice: rotateThen(CHANGE_PASSWORD),
    docs: 'https://www.iana.org/assignments/uri-schemes/prov/redis',
  },
  {
    id: 'cloudinary-url',
    name: 'Cloudinary API environment URL',
    category: 'database',
    exposure: 'secret',
    format: '`cloudinary://<key>:<secret>@<cloud>`',
    prefixes: ['cloudinary://'],
    rotateUrl: 'https://console.cloudinary.com/settings/api-keys',
    advice: rotateThen('Browser uploads use unsigned upload presets or signatures made on the server.'),
    docs: 'https://cloudinary.com/documentation/how_to_integrate_cloudinary#account_details',
  },
]);

type Id = IdOf<typeof DATABASE_PROVIDERS>;

const URL = sticky(
  /(postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?):\/\/([^\s:@/"'`<>]{0,128}):([^\s@/"'`<>]{1,256})@([A-Za-z0-9.-]{1,253})(?::[0-9]{1,5})?/,
);
const AFTER_HOST = charClass('A-Za-z0-9.-');
const PROVIDER_BY_SCHEME: Record<string, Id> = {
  postgres: 'postgres-url',
  postgresql: 'postgres-url',
  mysql: 'mysql-url',
  mariadb: 'mysql-url',
  mongodb: 'mongodb-url',
  'mongodb+srv': 'mongodb-url',
  redis: 'redis-url',
  rediss: 'redis-url',
};
/** Development hosts: a URL pointing there gives nobody else access. */
const LOCAL_HOST =
  /^(?:localhost|127(?:\.[0-9]{1,3}){3}|0\.0\.0\.0|host\.docker\.internal|db|database|host|postgres|mysql|mongo|mongodb|redis)$|\.(?:local|localhost|example|test)$|(?:^|\.)example\.(?:com|org|net)$/i;
const PASSWORD_PLACEHOLDER = /^(?:password|pass|passwd|pwd|secret|changeme|root|admin|user|username|test|\*+|x+)$/i;

const connectionUrl: Detector<Id> = {
  anchors: Object.keys(PROVIDER_BY_SCHEME).map((scheme) => `${scheme}://`),
  detect(text, at) {
    if (!startsClean(text, at)) return null;
    URL.lastIndex = at;
    const m = URL.exec(text);
    if (!m) return null;
    const end = at + m[0].length;
    if (!endsClean(text, end, AFTER_HOST)) return null;
    const [, scheme, user, password, host] = m as unknown as [string, string, string, string, string];
    // Default and documentation passwords (`postgres:postgres`, `user:password`) are not findings.
    if (LOCAL_HOST.test(host) || PASSWORD_PLACEHOLDER.test(password) || password === user) return null;
    const passwordStart = at + scheme.length + 3 + user.length + 1;
    return {
      provider: PROVIDER_BY_SCHEME[scheme]!,
      start: at,
      end,
      bodyStart: passwordStart,
      bodyEnd: passwordStart + password.length,
      confidence: 'high',
      reason: `password for ${host}`,
    };
  },
};

export const DATABASE_DETECTORS: readonly Detector<Id>[] = [
  connectionUrl,
  prefixed({
    provider: 'cloudinary-url',
    prefixes: ['cloudinary://'],
    pattern: /cloudinary:\/\/[0-9]{10,20}:[A-Za-z0-9_-]{20,40}@[A-Za-z0-9_-]{1,64}/,
    bodyOffset: (v) => v.indexOf(':', 'cloudinary://'.length) + 1,
  }),
];
