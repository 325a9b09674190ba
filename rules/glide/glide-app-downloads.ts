import { defineRule } from '../../engine/rule';
import { appIdVars, dataDownloads, glideAppOf, kb } from '../../utils/glide/app-findings';
import { DATA_LINK, ROW_OWNERS_DOCS } from '../../utils/glide/links';

export default defineRule({
  meta: {
    id: 'glide-app-downloads',
    title: 'A logged-out visit downloads the Glide app’s table data',
    severity: 'medium',
    category: 'glide',
    checklist: 'least-privilege',
    surfaces: ['glide-app'],
    confidence: 'medium',
    rationale:
      'Glide apps download their tables’ rows to the device, shown or not; when a visitor who never signed in receives them, every row is readable with browser tools (Firestore rows of public apps have been read anonymously in the wild).',
    messages: {
      downloads:
        'Without signing in, the page downloaded table data: {count} request(s) to {kinds}{size}. Anything in those tables is readable by anyone with the link.',
    },
    fix: {
      summary: 'Make the app private, or keep only public data in the tables a public app uses.',
      steps: [
        'In the Glide builder open the Data tab (button below, when the app id is known) and list what each table used by the app holds.',
        'Move private columns to tables the public app does not use, or make the app private (Settings → Access).',
        'For per-user data, set a Row Owner column so Glide’s servers send each user only their rows.',
      ],
      deepLink: DATA_LINK,
      docs: ROW_OWNERS_DOCS,
    },
  },
  check(evidence) {
    const app = glideAppOf(evidence);
    if (!app || app.signIn === 'shown') return [];
    const dl = dataDownloads(app);
    if (!dl.count) return [];
    const size = dl.bytes ? `, ${kb(dl.bytes)}` : '';
    return [
      {
        messageId: 'downloads',
        data: { count: dl.count, kinds: dl.kinds.join(', '), size },
        evidence: app.requests
          .filter((r) => r.kind !== 'image' && r.kind !== 'upload')
          .slice(0, 4)
          .map((r) => `${r.url} ×${r.count}`)
          .join('; '),
        location: { kind: 'request', url: evidence.url },
        identity: 'downloads',
        vars: appIdVars(app),
      },
    ];
  },
});
