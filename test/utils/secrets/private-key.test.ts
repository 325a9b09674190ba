/**
 * The private-key detector (utils/secrets/providers/keys.ts) at its edges: what counts as key material (base64
 * chars, not the letters of `\n` escapes), the 40-char floor, old PEM's `Proc-Type:` / `DEK-Info:` lines, the 16 KB
 * bound, the footer, encrypted keys and service-account JSON. Key bodies here are made up of repeated letters: the
 * detector reads the block's shape, not the key.
 */
import { describe, expect, it } from 'vitest';
import { KEY_DETECTORS } from '../../../utils/secrets/providers/keys';
import type { ScanContext } from '../../../utils/secrets/types';

const dashes = '-'.repeat(5);
const begin = (label = 'PRIVATE KEY') => `${dashes}BEGIN ${label}${dashes}`;
const end = (label = 'PRIVATE KEY') => `${dashes}END ${label}${dashes}`;
const ctx = (): ScanContext => ({ host: '', field: '', searched: new Map() });
const detect = (text: string, at = text.indexOf(`${dashes}BEGIN `)) => KEY_DETECTORS[0]!.detect(text, at, `${dashes}BEGIN `, ctx());

describe('private key blocks', () => {
  it('needs 40 base64 chars of body: 40 is a key, 39 is not', () => {
    expect(detect(`${begin()}\n${'A'.repeat(40)}\n${end()}`)).not.toBeNull();
    expect(detect(`${begin()}\n${'A'.repeat(39)}\n${end()}`)).toBeNull();
  });

  it('reports the block from its header to its footer, the body between', () => {
    const text = `x = "${begin('RSA PRIVATE KEY')}\n${'B'.repeat(64)}\n${end('RSA PRIVATE KEY')}";`;
    const header = begin('RSA PRIVATE KEY');
    const hit = detect(text)!;
    expect(hit).toMatchObject({ provider: 'private-key', confidence: 'high', reason: 'RSA PRIVATE KEY', start: 5 });
    expect(hit.bodyStart).toBe(5 + header.length);
    expect(text.slice(hit.bodyStart!, hit.bodyEnd)).toBe(`\n${'B'.repeat(64)}\n`);
    expect(text.slice(hit.start, hit.end)).toBe(`${header}\n${'B'.repeat(64)}\n${end('RSA PRIVATE KEY')}`);
  });

  it('does not count the letters of \\n, \\r and \\t escapes as key material', () => {
    // 39 base64 chars, split by escapes of each kind: still under the floor.
    for (const esc of ['\\n', '\\r', '\\t']) {
      const body = `${'A'.repeat(13)}${esc}${'A'.repeat(13)}${esc}${'A'.repeat(13)}${esc}`;
      expect(detect(`${begin()}${esc}${body}${end()}`), esc).toBeNull();
      expect(detect(`${begin()}${esc}${body}A${end()}`), esc).not.toBeNull();
    }
  });

  it('counts an escaped slash (`\\/`, as JSON encoders write it) as key material', () => {
    expect(detect(`${begin()}\\n${'A'.repeat(39)}\\/${end()}`)).not.toBeNull();
    expect(detect(`${begin()}\\n${'A'.repeat(38)}\\/${end()}`)).toBeNull();
  });

  it('counts n, r and t that are not escapes, and a body that starts with one', () => {
    expect(detect(`${begin()}\n${'nrt'.repeat(13)}n\n${end()}`)).not.toBeNull();
    // The char before the body is the header's dash: a first `n` is key material, the `n` of the `\n` after it is not.
    expect(detect(`${begin()}n\\n${'A'.repeat(39)}${end()}`)).not.toBeNull();
    expect(detect(`${begin()}\\n${'A'.repeat(39)}${end()}`)).toBeNull();
  });

  it("reads through old PEM's Proc-Type and DEK-Info lines (dashes inside), and stops at the footer's five", () => {
    // Far enough into the text that the look at the body's first 80 chars cannot wrap around to the text's end.
    const preamble = `// ${'key for the staging server, rotated monthly; '.repeat(3)}\nconst pem = \``;
    const text = `${preamble}${begin('RSA PRIVATE KEY')}\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0A1B2C3D4E5F\n\n${'C'.repeat(64)}\n${end('RSA PRIVATE KEY')}\`;`;
    const hit = detect(text)!;
    expect(hit).toMatchObject({ provider: 'private-key', confidence: 'medium', reason: 'RSA PRIVATE KEY (encrypted: needs its passphrase)' });
    expect(text.slice(hit.bodyEnd!, hit.end)).toBe(end('RSA PRIVATE KEY'));
  });

  it('calls a key encrypted from its label or the start of its body only', () => {
    expect(detect(`${begin('ENCRYPTED PRIVATE KEY')}\n${'D'.repeat(64)}\n${end('ENCRYPTED PRIVATE KEY')}`)).toMatchObject({
      confidence: 'medium',
      reason: 'ENCRYPTED PRIVATE KEY (encrypted: needs its passphrase)',
    });
    // The word far after the block (a comment further down) does not make it encrypted.
    const later = `${begin()}\n${'E'.repeat(100)}\n${end()}\n// ENCRYPTED backups live elsewhere`;
    expect(detect(later)).toMatchObject({ confidence: 'high', reason: 'PRIVATE KEY' });
  });

  it('reads at most 16,384 chars of body, and ends the hit there without a footer', () => {
    const text = `${begin()}\n${'F'.repeat(20_000)}`;
    const hit = detect(text)!;
    expect(hit.bodyEnd! - hit.bodyStart!).toBe(16_384);
    expect(hit.end).toBe(hit.bodyEnd);
  });

  it('is a service-account key inside service-account JSON', () => {
    const json = `{"type":"service_account","private_key":"${begin()}\\n${'G'.repeat(64)}\\n${end()}\\n"}`;
    expect(detect(json)).toMatchObject({ provider: 'gcp-service-account', confidence: 'high', reason: 'private key of a service-account JSON' });
  });

  it('needs the header right at the anchor', () => {
    expect(detect(`${dashes}BEGIN PUBLIC KEY${dashes}\n${'H'.repeat(64)}\n${end('PUBLIC KEY')}`)).toBeNull();
  });
});
