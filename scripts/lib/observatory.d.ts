/**
 * Minimal types for the parts of the MDN HTTP Observatory (devDependency, plain ESM JavaScript, MPL-2.0) that the
 * agreement benchmark imports as a library. Only what scripts/lib/observatory-compare.ts touches is declared.
 */

declare module '@mdn/mdn-http-observatory/src/types.js' {
  /** Header bag of a captured response: axios' AxiosHeaders (or a structured clone of one); names as sent by Node. */
  export interface ObservatoryHeaders {
    [name: string]: unknown;
  }
  export interface ObservatoryResponse {
    headers: ObservatoryHeaders;
    request: { headers: ObservatoryHeaders };
    status: number;
    statusText: string;
    /** False when the TLS certificate did not verify. */
    verified: boolean;
    data: string;
    /** `<meta http-equiv>` / `<meta name=referrer>` values, as parsed from the page. */
    httpEquiv?: Map<string, string[]>;
  }
  export interface RedirectEntry {
    url: URL;
    status: number;
  }
  export class Requests {
    constructor(hostname: string);
    hostname: string;
    resources: { path: string | null };
    responses: {
      auto: ObservatoryResponse | null;
      cors: ObservatoryResponse | null;
      http: ObservatoryResponse | null;
      https: ObservatoryResponse | null;
      httpRedirects: RedirectEntry[];
      httpsRedirects: RedirectEntry[];
    };
    session: import('@mdn/mdn-http-observatory/src/retriever/session.js').Session | null;
  }
  /** What every analyzer test returns. */
  export interface TestOutput {
    expectation: string;
    pass: boolean | null;
    result: string | null;
    scoreModifier: number | null;
  }
  export const Expectation: Record<string, string>;
}

declare module '@mdn/mdn-http-observatory/src/retriever/session.js' {
  export class Session {
    constructor(url: URL, options?: { headers?: string[]; cookies?: string[] });
    url: URL;
    jar: {
      setCookieSync(cookie: string, url: string, options?: { http?: boolean }): unknown;
      serializeSync(): { cookies: { key?: string }[] } | undefined;
    };
  }
}

declare module '@mdn/mdn-http-observatory/src/retriever/utils.js' {
  export function parseHttpEquivHeaders(html: string, baseUrl: string): Map<string, string[]>;
}

declare module '@mdn/mdn-http-observatory/test/helpers.js' {
  import type { Requests } from '@mdn/mdn-http-observatory/src/types.js';
  /** The Observatory's own test fixture: a scan of mozilla.org with empty 200 responses everywhere. */
  export function emptyRequests(httpEquivFile?: string | null): Requests;
}

declare module '@mdn/mdn-http-observatory/src/analyzer/hsts.js' {
  export function isHstsPreloaded(hostname: string): unknown;
}

declare module '@mdn/mdn-http-observatory/src/analyzer/tests/csp.js' {
  import type { Requests, TestOutput } from '@mdn/mdn-http-observatory/src/types.js';
  export function contentSecurityPolicyTest(requests: Requests): TestOutput;
}
declare module '@mdn/mdn-http-observatory/src/analyzer/tests/cookies.js' {
  import type { Requests, TestOutput } from '@mdn/mdn-http-observatory/src/types.js';
  export function cookiesTest(requests: Requests): TestOutput;
}
declare module '@mdn/mdn-http-observatory/src/analyzer/tests/cors.js' {
  import type { Requests, TestOutput } from '@mdn/mdn-http-observatory/src/types.js';
  export function crossOriginResourceSharingTest(requests: Requests): TestOutput;
}
declare module '@mdn/mdn-http-observatory/src/analyzer/tests/redirection.js' {
  import type { Requests, TestOutput } from '@mdn/mdn-http-observatory/src/types.js';
  export function redirectionTest(requests: Requests): TestOutput;
}
declare module '@mdn/mdn-http-observatory/src/analyzer/tests/referrer-policy.js' {
  import type { Requests, TestOutput } from '@mdn/mdn-http-observatory/src/types.js';
  export function referrerPolicyTest(requests: Requests): TestOutput;
}
declare module '@mdn/mdn-http-observatory/src/analyzer/tests/strict-transport-security.js' {
  import type { Requests, TestOutput } from '@mdn/mdn-http-observatory/src/types.js';
  export function strictTransportSecurityTest(requests: Requests): TestOutput;
}
declare module '@mdn/mdn-http-observatory/src/analyzer/tests/subresource-integrity.js' {
  import type { Requests, TestOutput } from '@mdn/mdn-http-observatory/src/types.js';
  export function subresourceIntegrityTest(requests: Requests): TestOutput;
}
declare module '@mdn/mdn-http-observatory/src/analyzer/tests/x-content-type-options.js' {
  import type { Requests, TestOutput } from '@mdn/mdn-http-observatory/src/types.js';
  export function xContentTypeOptionsTest(requests: Requests): TestOutput;
}
declare module '@mdn/mdn-http-observatory/src/analyzer/tests/x-frame-options.js' {
  import type { Requests, TestOutput } from '@mdn/mdn-http-observatory/src/types.js';
  export function xFrameOptionsTest(requests: Requests): TestOutput;
}
