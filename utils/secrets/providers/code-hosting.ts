/** Code hosts: tokens that read private code, push commits and change CI secrets. */
import { rotateThen } from '../advice';
import { checksumVerdict } from '../checksum';
import { defineProviders, type IdOf, prefixed } from '../define';
import type { Detector, Provider } from '../types';

const NEVER_IN_APP = 'A micro-app should never hold a code-host token; use a scoped deploy key or CI secret on the server.';

const github = <I extends string>(id: I, name: string, prefix: string, rotateUrl: string) =>
  ({
    id,
    name,
    category: 'code-hosting',
    exposure: 'secret',
    format: `\`${prefix}\` + 30 + 6-char CRC32 checksum`,
    prefixes: [prefix],
    rotateUrl,
    advice: rotateThen(NEVER_IN_APP),
    docs: 'https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/',
  }) as const satisfies Provider;

const gitlab = <I extends string>(id: I, name: string, prefix: string, format: string) =>
  ({
    id,
    name,
    category: 'code-hosting',
    exposure: 'secret',
    format: `\`${prefix}\` + ${format}`,
    prefixes: [prefix],
    rotateUrl: 'https://gitlab.com/-/user_settings/personal_access_tokens',
    advice: rotateThen(NEVER_IN_APP),
    docs: 'https://docs.gitlab.com/security/tokens/',
  }) as const satisfies Provider;

export const CODE_HOSTING_PROVIDERS = defineProviders([
  github('github-pat', 'GitHub personal access token (classic)', 'ghp_', 'https://github.com/settings/tokens'),
  github('github-oauth-token', 'GitHub OAuth access token', 'gho_', 'https://github.com/settings/applications'),
  github('github-user-token', 'GitHub App user-to-server token', 'ghu_', 'https://github.com/settings/apps/authorizations'),
  {
    ...github('github-app-token', 'GitHub App installation token', 'ghs_', 'https://github.com/settings/apps'),
    // github.blog/changelog/2026-04-24-notice-about-upcoming-new-format-for-github-app-installation-tokens/: newly
    // issued installation tokens are stateless, `ghs_APPID_JWT`, about 520 characters.
    format: '`ghs_` + 30 + 6-char CRC32 checksum, or (stateless, since 2026) `ghs_` + app id + `_` + a JWT',
  },
  github('github-refresh-token', 'GitHub App refresh token', 'ghr_', 'https://github.com/settings/apps/authorizations'),
  {
    id: 'github-fine-grained-pat',
    name: 'GitHub fine-grained personal access token',
    category: 'code-hosting',
    exposure: 'secret',
    format: '`github_pat_` + 22 + `_` + 59',
    prefixes: ['github_pat_'],
    rotateUrl: 'https://github.com/settings/personal-access-tokens',
    advice: rotateThen(NEVER_IN_APP),
    docs: 'https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/managing-your-personal-access-tokens',
  },
  gitlab('gitlab-pat', 'GitLab personal access token', 'glpat-', '20 (or routable 27+ with `.` suffix)'),
  gitlab('gitlab-pipeline-trigger-token', 'GitLab pipeline trigger token', 'glptt-', '40 hex'),
  gitlab('gitlab-runner-token', 'GitLab runner token', 'glrt-', '20 (or `GR1348941` + 20)'),
  gitlab('gitlab-deploy-token', 'GitLab deploy token', 'gldt-', '20'),
  gitlab('gitlab-feed-token', 'GitLab feed token', 'glft-', '20'),
  gitlab('gitlab-oauth-app-secret', 'GitLab OAuth application secret', 'gloas-', '64'),
  gitlab('gitlab-cicd-job-token', 'GitLab CI/CD job token', 'glcbt-', '20'),
  gitlab('gitlab-scim-token', 'GitLab SCIM token', 'glsoat-', '20'),
  gitlab('gitlab-incoming-mail-token', 'GitLab incoming mail token', 'glimt-', '25'),
  gitlab('gitlab-agent-token', 'GitLab Kubernetes agent token', 'glagent-', '50'),
  gitlab('gitlab-feature-flag-token', 'GitLab feature flags client token', 'glffct-', '20'),
]);

type Id = IdOf<typeof CODE_HOSTING_PROVIDERS>;

const classic = (provider: Id, prefix: string) =>
  prefixed({
    provider,
    prefixes: [prefix],
    pattern: new RegExp(`${prefix}[A-Za-z0-9]{36}`),
    verify: checksumVerdict(prefix),
  });

const GITLAB_ROUTABLE = /\.[0-9a-z]{9}/;
/**
 * The stateless installation token (GitHub changelog 2026-04-24): `ghs_` + the app id + `_` + a JWT signed by GitHub
 * (three base64url segments, header and claims both JSON objects, so both start `eyJ`). About 520 characters.
 */
const GITHUB_STATELESS_INSTALLATION = /ghs_[0-9]{1,20}_eyJ[A-Za-z0-9_-]{8,1000}\.eyJ[A-Za-z0-9_-]{8,2000}\.[A-Za-z0-9_-]{16,1000}/;
const FINE_GRAINED_TWO_PARTS = /^github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}$/;

export const CODE_HOSTING_DETECTORS: readonly Detector<Id>[] = [
  classic('github-pat', 'ghp_'),
  classic('github-oauth-token', 'gho_'),
  classic('github-user-token', 'ghu_'),
  classic('github-app-token', 'ghs_'),
  prefixed({
    provider: 'github-app-token',
    prefixes: ['ghs_'],
    pattern: GITHUB_STATELESS_INSTALLATION,
    verify: () => ({ confidence: 'high', reason: 'prefix "ghs_", app id and JWT (stateless installation token)' }),
  }),
  classic('github-refresh-token', 'ghr_'),
  prefixed({
    provider: 'github-fine-grained-pat',
    prefixes: ['github_pat_'],
    pattern: /github_pat_[A-Za-z0-9_]{82}/,
    verify: (v) =>
      FINE_GRAINED_TWO_PARTS.test(v)
        ? { confidence: 'high', reason: 'prefix "github_pat_" and two-part format' }
        : { confidence: 'medium', reason: 'prefix "github_pat_" and length 82' },
  }),
  prefixed({
    provider: 'gitlab-pat',
    prefixes: ['glpat-'],
    pattern: /glpat-[A-Za-z0-9_-]{20,300}(?:\.[0-9a-z]{9})?/,
    verify: (v) => ({ confidence: 'high', reason: GITLAB_ROUTABLE.test(v) ? 'prefix "glpat-", routable' : 'prefix "glpat-"' }),
  }),
  prefixed({ provider: 'gitlab-pipeline-trigger-token', prefixes: ['glptt-'], pattern: /glptt-[a-f0-9]{40}/ }),
  prefixed({
    provider: 'gitlab-runner-token',
    prefixes: ['glrt-'],
    pattern: /glrt-[A-Za-z0-9_-]{20,300}(?:\.[0-9a-z]{9})?/,
  }),
  prefixed({ provider: 'gitlab-runner-token', prefixes: ['GR1348941'], pattern: /GR1348941[A-Za-z0-9_-]{20}/ }),
  prefixed({ provider: 'gitlab-deploy-token', prefixes: ['gldt-'], pattern: /gldt-[A-Za-z0-9_-]{20}/ }),
  prefixed({ provider: 'gitlab-feed-token', prefixes: ['glft-'], pattern: /glft-[A-Za-z0-9_-]{20}/ }),
  prefixed({ provider: 'gitlab-oauth-app-secret', prefixes: ['gloas-'], pattern: /gloas-[A-Za-z0-9_-]{64}/ }),
  prefixed({
    provider: 'gitlab-cicd-job-token',
    prefixes: ['glcbt-'],
    pattern: /glcbt-(?:[0-9a-zA-Z]{1,5}_)?[A-Za-z0-9_-]{20}/,
  }),
  prefixed({ provider: 'gitlab-scim-token', prefixes: ['glsoat-'], pattern: /glsoat-[A-Za-z0-9_-]{20}/ }),
  prefixed({ provider: 'gitlab-incoming-mail-token', prefixes: ['glimt-'], pattern: /glimt-[A-Za-z0-9_-]{25}/ }),
  prefixed({ provider: 'gitlab-agent-token', prefixes: ['glagent-'], pattern: /glagent-[A-Za-z0-9_-]{50}/ }),
  prefixed({ provider: 'gitlab-feature-flag-token', prefixes: ['glffct-'], pattern: /glffct-[A-Za-z0-9_-]{20}/ }),
];
