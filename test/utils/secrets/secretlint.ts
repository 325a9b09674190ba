/**
 * secretlint's own labelled test snapshots (MIT License, Copyright (c) 2020 azu), read from the committed,
 * gzip-compressed fixture test/fixtures/secretlint-cases.json.gz; its `source` field says where each case comes
 * from (repository, path, commit). Shared by the independent-recall test and the benchmark.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

export interface SecretlintCase {
  /** secretlint rule (without `@secretlint/secretlint-rule-`) and snapshot folder (`ng.*` flagged, `ok.*` clean). */
  rule: string;
  case: string;
  commit: string;
  path: string;
  input: string;
  /** The spans secretlint reports, with the value it reports. */
  expected: { start: number; end: number; value: string }[];
}

const here = typeof __dirname === 'string' ? __dirname : path.dirname(fileURLToPath(import.meta.url));
const FIXTURE = path.join(here, '../../fixtures/secretlint-cases.json.gz');

export function secretlintCases(): SecretlintCase[] {
  return (JSON.parse(gunzipSync(readFileSync(FIXTURE)).toString('utf8')) as { cases: SecretlintCase[] }).cases;
}
