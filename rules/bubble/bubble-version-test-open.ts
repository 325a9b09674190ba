import { defineRule } from '../../engine/rule';
import { REUSED_NOTE } from '../../utils/bubble/deployed';
import { DOCS, SETTINGS_LINK, UI } from '../../utils/bubble/links';

type M = 'open';

/**
 * Active (after consent): `GET /version-test` without credentials answered 200 instead of 401 with
 * `WWW-Authenticate: Basic` (reference 3e, BPWN `_version_diff`).
 */
export default defineRule<M>({
  meta: {
    id: 'bubble-version-test-open',
    title: 'The Bubble development version opens without a password',
    severity: 'medium',
    category: 'bubble',
    checklist: 'auth',
    surfaces: ['bubble-deployed'],
    confidence: 'high',
    rationale: 'The development version runs on its own test database and shows unfinished pages; without the username-and-password limit anyone can open it.',
    messages: { open: 'GET {url} answered {status} without asking for a password: anyone can open the development version and its test data.' },
    fix: {
      summary: 'Turn on “Limit access to this app with a username and password” and tick “Do not apply password for live”.',
      steps: [
        `Open ${UI.generalTab}.`,
        `Tick “${UI.limitAccess}”.`,
        `Tick “${UI.livePassword}”.`,
        'Open /version-test logged out: it should answer 401 and ask for the password.',
      ],
      deepLink: SETTINGS_LINK,
      docs: DOCS.general,
    },
  },
  check(evidence) {
    const probe = evidence.bubble?.probe;
    const v = probe?.versionTest;
    if (v?.verdict !== 'open') return [];
    const url = `${evidence.origin}/version-test`;
    return [
      {
        messageId: 'open',
        data: { url, status: v.status },
        evidence: `GET ${url} (no credentials) → ${v.status}, no WWW-Authenticate: Basic${probe?.reused ? REUSED_NOTE : ''}`,
        location: { kind: 'request', url },
        identity: 'version-test',
      },
    ];
  },
});
