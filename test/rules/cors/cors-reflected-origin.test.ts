import { expect } from 'vitest';
import rule from '@/rules/cors/cors-reflected-origin';
import type { z } from 'zod';
import type { HttpResponseSchema } from '@/utils/evidence/evidence';
import { evidence } from '../../helpers/evidence';
import { describeRule } from '../../helpers/rule-cases';

type Response = z.input<typeof HttpResponseSchema>;
const API = 'https://api.example.com/v1/me';
const EVIL = 'https://evil.example.net';
const ACAO = 'Access-Control-Allow-Origin';
const ACAC = 'Access-Control-Allow-Credentials';
const probe = (headers: [string, string][], requestOrigin?: string, url = API): Response => ({
  url,
  status: 200,
  type: 'other',
  headers,
  source: 'probe',
  ...(requestOrigin ? { requestOrigin } : {}),
});

describeRule(rule, {
  flagged: [
    {
      name: 'a foreign origin is echoed with credentials',
      evidence: evidence({
        responses: [
          probe(
            [
              [ACAO, EVIL],
              [ACAC, 'true'],
            ],
            EVIL,
          ),
        ],
      }),
      messages: ['reflected'],
      severity: 'high',
      check: ([f]) => {
        expect(f!.message).toContain(`"${EVIL}"`);
        expect(f!.evidence).toBe(`Origin: ${EVIL}\nAccess-Control-Allow-Origin: ${EVIL}\nAccess-Control-Allow-Credentials: true`);
        expect(f!.location).toEqual({ kind: 'request', url: API, name: ACAO });
      },
    },
    {
      name: 'origin "null" allowed with credentials',
      evidence: evidence({
        responses: [
          probe([
            [ACAO, 'null'],
            [ACAC, 'true'],
          ]),
        ],
      }),
      messages: ['nullOrigin'],
      check: ([f]) => {
        expect(f!.message).toBe(`${API} allows the origin "null" with credentials; sandboxed iframes and local files send "null", so any site can get it.`);
        expect(f!.evidence).toBe('Access-Control-Allow-Origin: null\nAccess-Control-Allow-Credentials: true');
        expect(f!.location).toEqual({ kind: 'request', url: API, name: ACAO });
      },
    },
    {
      name: 'header names in odd case',
      evidence: evidence({
        responses: [
          probe(
            [
              ['access-control-allow-ORIGIN', EVIL],
              ['Access-Control-Allow-credentials', 'true'],
            ],
            EVIL,
          ),
        ],
      }),
      messages: ['reflected'],
    },
    {
      name: 'two endpoints, two findings',
      evidence: evidence({
        responses: [
          probe(
            [
              [ACAO, EVIL],
              [ACAC, 'true'],
            ],
            EVIL,
          ),
          probe(
            [
              [ACAO, EVIL],
              [ACAC, 'true'],
            ],
            EVIL,
            'https://api.example.com/v1/orders',
          ),
        ],
      }),
      messages: ['reflected', 'reflected'],
    },
    {
      name: 'the same endpoint with different query strings is one finding',
      evidence: evidence({
        responses: [
          probe(
            [
              [ACAO, EVIL],
              [ACAC, 'true'],
            ],
            EVIL,
            `${API}?a=1`,
          ),
          probe(
            [
              [ACAO, EVIL],
              [ACAC, 'true'],
            ],
            EVIL,
            `${API}?a=2`,
          ),
        ],
      }),
      messages: ['reflected'],
    },
    {
      name: 'the page itself reflects a foreign origin',
      evidence: evidence({
        headers: [
          [ACAO, EVIL],
          [ACAC, 'true'],
        ],
        responses: [
          probe(
            [
              [ACAO, EVIL],
              [ACAC, 'true'],
            ],
            EVIL,
            'https://app.example.com/',
          ),
        ],
      }),
      messages: ['reflected'],
    },
  ],
  clean: [
    {
      // Fetch's CORS check compares the header with the request's serialized origin byte for byte: "NULL" grants
      // nothing to a sandboxed iframe or a local file (their origin serializes as "null").
      name: '"NULL" in upper case is not "null" (the CORS check compares case-sensitively)',
      evidence: evidence({
        responses: [
          probe([
            [ACAO, 'NULL'],
            [ACAC, 'true'],
          ]),
        ],
      }),
    },
    { name: 'credentials allowed but no Access-Control-Allow-Origin at all', evidence: evidence({ responses: [probe([[ACAC, 'true']], EVIL)] }) },
    { name: 'echoed origin without credentials', evidence: evidence({ responses: [probe([[ACAO, EVIL]], EVIL)] }) },
    {
      name: 'credentials "yes" are not "true" (browsers refuse them)',
      evidence: evidence({
        responses: [
          probe(
            [
              [ACAO, EVIL],
              [ACAC, 'yes'],
            ],
            EVIL,
          ),
        ],
      }),
    },
    {
      name: 'credentials "TRUE" in upper case are not "true" (the CORS check compares case-sensitively)',
      evidence: evidence({
        responses: [
          probe(
            [
              [ACAO, EVIL],
              [ACAC, 'TRUE'],
            ],
            EVIL,
          ),
        ],
      }),
    },
    {
      name: "the app's own origin allowed with credentials",
      evidence: evidence({
        responses: [
          probe(
            [
              [ACAO, 'https://app.example.com'],
              [ACAC, 'true'],
            ],
            'https://app.example.com',
          ),
        ],
      }),
    },
    {
      name: 'Origin sent is unknown: reflection not proven',
      evidence: evidence({
        responses: [
          probe([
            [ACAO, 'https://other.example.org'],
            [ACAC, 'true'],
          ]),
        ],
      }),
    },
    {
      name: 'a fixed allowed origin that is not the one sent',
      evidence: evidence({
        responses: [
          probe(
            [
              [ACAO, 'https://app.example.com'],
              [ACAC, 'true'],
            ],
            EVIL,
          ),
        ],
      }),
    },
    {
      name: 'wildcard with credentials (cors-wildcard-credentialed reports it)',
      evidence: evidence({
        responses: [
          probe(
            [
              [ACAO, '*'],
              [ACAC, 'true'],
            ],
            EVIL,
          ),
        ],
      }),
    },
  ],
  fixed: [
    {
      name: 'no Access-Control-Allow-Origin for origins off the list',
      before: evidence({
        responses: [
          probe(
            [
              [ACAO, EVIL],
              [ACAC, 'true'],
              ['Vary', 'Origin'],
            ],
            EVIL,
          ),
        ],
      }),
      after: evidence({ responses: [probe([['Vary', 'Origin']], EVIL)] }),
    },
  ],
});
