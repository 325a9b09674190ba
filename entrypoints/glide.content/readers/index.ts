/** One reader per builder screen; screens without documented wording report "could not read this screen". */
import type { GlideObservationDraft } from '@/utils/glide/builder-evidence';
import type { GlideScreen } from '@/utils/glide/constants';
import { SCREEN_PATHS } from '../anchors';
import { readAccess } from './access';
import { readData } from './data';
import type { ScreenRead } from './panels';
import { readWorkflows } from './workflows';

/** The screen a builder URL shows (`go.glideapps.com/app/<appId>/<path>`), or undefined for screens we do not read. */
export function screenOf(href: string): GlideScreen | undefined {
  const m = /^https:\/\/go\.glideapps\.com\/app\/[A-Za-z0-9]+(\/[^?#]*)?/.exec(href);
  if (!m) return undefined;
  const path = m[1] ?? '/';
  return SCREEN_PATHS.find((s) => s.path.test(path))?.screen;
}

export type { ScreenRead };

const UNDOCUMENTED = (screen: GlideScreen): GlideObservationDraft => ({
  screen,
  status: 'unreadable',
  missing: `no public source documents the ${screen === 'users' ? 'Users' : 'Secrets'} screen's wording: check it by hand`,
});

export function readScreen(doc: Document, screen: GlideScreen): ScreenRead {
  switch (screen) {
    case 'access':
      return readAccess(doc);
    case 'data':
    case 'api':
    case 'integrations':
      return readData(doc);
    case 'workflows':
      return readWorkflows(doc);
    case 'users':
    case 'secrets':
      return UNDOCUMENTED(screen);
  }
}
