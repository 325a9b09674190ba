import { defineRule } from '../../engine/rule';
import type { GlideScreen } from '../../utils/glide/constants';
import { appVars, glideOf } from '../../utils/glide/findings';
import { BUILDER, SECURITY_DOCS } from '../../utils/glide/links';

/** Where to look by hand when a screen could not be read, and what to check there. */
const BY_HAND: Record<GlideScreen, { name: string; check: string }> = {
  access: { name: 'Settings → Access', check: 'is the app Public or Private, who can sign in, and is "Allow visitors to request access" on' },
  data: {
    name: 'Data',
    check: 'which tables hold emails, phone numbers or notes about people, and whether each email column’s menu offers "Make Row Owner" (then it is not one)',
  },
  workflows: { name: 'Workflows', check: 'is there a Schedule workflow with a "Delete row" step for tables with personal data' },
  users: {
    name: 'Users',
    check: 'who can sign in (the Users table in the Data tab and Settings → Access), and whether anyone listed should not',
  },
  secrets: {
    name: 'Secrets',
    check: 'that every key your Call API and AI integrations use is listed here by name (saved values cannot be read back), not pasted into a field',
  },
  integrations: { name: 'Integrations', check: 'that no key is pasted into a Call API header or body or an AI integration’s settings' },
  api: {
    name: 'Data → Show API',
    check: 'that the team-wide token shown there (a UUID, Bearer token) is not pasted into any app, column, Call API header or integration',
  },
};

export default defineRule({
  meta: {
    id: 'glide-screen-unreadable',
    title: 'A Glide builder screen could not be read',
    severity: 'info',
    category: 'glide',
    checklist: 'least-privilege',
    surfaces: ['builder', 'glide-builder'],
    confidence: 'high',
    rationale:
      'The extension reads the builder by its visible wording; where a screen did not show the documented words (still loading, reworded, or a screen whose wording no public source documents), nothing is guessed and the check is left to you.',
    messages: {
      unreadable: 'Could not read the {screen} screen ({missing}). Check it by hand: {check}.',
    },
    fix: {
      summary: 'Open the screen in the Glide builder and check it by hand; reopen it once it has fully loaded to let the extension read it.',
      steps: [
        'Open the app in the Glide builder (button below) and go to the screen named in the finding.',
        'Wait until it has fully loaded, then check what the finding lists.',
        'If the screen looks different from the finding’s description, Glide may have reworded it: check by hand.',
      ],
      deepLink: BUILDER,
      docs: SECURITY_DOCS,
    },
  },
  check(evidence) {
    const g = glideOf(evidence);
    if (!g) return [];
    return g.screens
      .filter((s) => s.status === 'unreadable')
      .map((s) => {
        const where = BY_HAND[s.screen];
        return {
          messageId: 'unreadable' as const,
          data: { screen: where.name, missing: s.missing ?? 'its documented wording was not on screen', check: where.check },
          evidence: `${where.name}: ${s.missing ?? 'unreadable'}`,
          location: { kind: 'builder' as const, name: where.name },
          identity: `screen:${s.screen}`,
          vars: appVars(g),
        };
      });
  },
});
