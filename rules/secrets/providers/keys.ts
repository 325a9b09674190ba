/** Private key blocks (PEM, OpenSSH, PGP), and Google service-account JSON files that embed one. */
import { rotateThen } from '../advice';
import { BASE64, around, charClass, inClass } from '../context';
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
const SERVICE_ACCOUNT = /service_account|iam\.gserviceaccount\.com|"client_email"/;

/** The `n` of a `\n` escape (and `r`, `t`) is not key material. */
const isEscape = (text: string, at: number): boolean =>
  text.charCodeAt(at - 1) === 92 /* \ */ && 'nrt'.includes(text[at]!);

const privateKey: Detector<Id> = {
  anchors: ['-----BEGIN '],
  detect(text, at, _anchor, ctx) {
    HEADER.lastIndex = at;
    const header = HEADER.exec(text);
    if (!header) return null;
    const bodyStart = at + header[0].length;
    let bodyEnd = bodyStart;
    let base64 = 0;
    while (bodyEnd < text.length && bodyEnd - bodyStart < MAX_BODY && !text.startsWith('-----', bodyEnd)) {
      const c = text.charCodeAt(bodyEnd);
      if (!inClass(BODY, c)) break;
      if (inClass(BASE64, c) && !isEscape(text, bodyEnd)) base64++;
      bodyEnd++;
    }
    if (base64 < MIN_BASE64) return null;
    FOOTER.lastIndex = bodyEnd;
    const end = FOOTER.test(text) ? FOOTER.lastIndex : bodyEnd;
    const label = header[1]!;
    const hit = { start: at, end, bodyStart, bodyEnd };
    if (SERVICE_ACCOUNT.test(around(text, at, end, 2000, ctx))) {
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
