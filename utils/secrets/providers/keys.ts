/** Private key blocks (PEM, OpenSSH, PGP), and Google service-account JSON files that embed one. */
import { rotateThen } from '../advice';
import { BASE64, charClass, inClass, nearby } from '../context';
import { defineProviders, type IdOf, sticky } from '../define';
import type { Detector } from '../types';

export const KEY_PROVIDERS = defineProviders([
  {
    id: 'private-key',
    name: 'Private key',
    category: 'keys',
    exposure: 'secret',
    format: 'PEM/OpenSSH/PGP private key block',
    rotateUrl: 'https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html',
    advice: rotateThen('Replace the key pair wherever the public key is trusted.'),
    docs: 'https://datatracker.ietf.org/doc/html/rfc7468',
  },
  {
    id: 'gcp-service-account',
    name: 'Google Cloud service account key (JSON)',
    category: 'google',
    exposure: 'secret',
    format: 'JSON with `"type": "service_account"` and a `"private_key"` block',
    rotateUrl: 'https://console.cloud.google.com/iam-admin/serviceaccounts',
    advice: rotateThen('Delete the key in IAM; call Google APIs from the server, with workload identity where possible.'),
    docs: 'https://cloud.google.com/iam/docs/keys-create-delete',
  },
]);

type Id = IdOf<typeof KEY_PROVIDERS>;

const HEADER = sticky(/-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----/);
/** Base64, whitespace, `\n` escapes of JSON and JS strings, and the `Proc-Type:`/`DEK-Info:` lines of old PEM. */
const BODY = charClass('A-Za-z0-9+/= \t\r\n\\:,-');
const MAX_BODY = 16_384;
const MIN_BASE64 = 40;
const FOOTER = /-----END [A-Z ]{0,40}-----/y;
const SERVICE_ACCOUNT = /service_account|iam\.gserviceaccount\.com|"client_email"/i;

/** The letter of a `\n`, `\r` or `\t` escape is not key material. */
const isEscapeLetter = (c: number): boolean => c === 110 /* n */ || c === 114 /* r */ || c === 116; /* t */

const privateKey: Detector<Id> = {
  anchors: ['-----BEGIN '],
  detect(text, at, _anchor, ctx) {
    HEADER.lastIndex = at;
    const header = HEADER.exec(text);
    if (!header) return null;
    const bodyStart = at + header[0].length;
    const limit = Math.min(text.length, bodyStart + MAX_BODY);
    let bodyEnd = bodyStart;
    let base64 = 0;
    let previous = text.charCodeAt(bodyStart - 1);
    while (bodyEnd < limit) {
      const c = text.charCodeAt(bodyEnd);
      if (!inClass(BODY, c) || (c === 45 /* - */ && text.startsWith('-----', bodyEnd))) break;
      if (inClass(BASE64, c) && !(previous === 92 /* \ */ && isEscapeLetter(c))) base64++;
      previous = c;
      bodyEnd++;
    }
    if (base64 < MIN_BASE64) return null;
    FOOTER.lastIndex = bodyEnd;
    const end = FOOTER.test(text) ? FOOTER.lastIndex : bodyEnd;
    const label = header[1]!;
    const hit = { start: at, end, bodyStart, bodyEnd };
    if (nearby(text, at, end, 2000, ctx, SERVICE_ACCOUNT)) {
      return { ...hit, provider: 'gcp-service-account', confidence: 'high', reason: 'private key of a service-account JSON' };
    }
    const encrypted = label.startsWith('ENCRYPTED') || text.slice(bodyStart, bodyStart + 80).includes('ENCRYPTED');
    return {
      ...hit,
      provider: 'private-key',
      confidence: encrypted ? 'medium' : 'high',
      reason: encrypted ? `${label} (encrypted: needs its passphrase)` : label,
    };
  },
};

export const KEY_DETECTORS: readonly Detector<Id>[] = [privateKey];
