/**
 * The consent panel for the Bubble Data API check, shown for a deployed Bubble app. Nothing beyond the passive
 * `/api/1.1/meta` read is sent until the user ticks the box and presses Run; the consent is stored for this origin
 * only and can be withdrawn (entrypoints/background/bubble-app.ts runs the check).
 */
import { useEffect, useState } from 'preact/hooks';
import type { Audit } from '@/engine/audit-schema';
import type { ProbeApi } from '../ExposureCheckPanel';

export function BubbleCheckPanel({ audit, running, api, onRerun }: { audit: Audit; running: boolean; api: ProbeApi; onRerun(): void }) {
  const [consent, setConsent] = useState<boolean>();
  useEffect(() => {
    void api.hasConsent(audit.origin).then(setConsent);
  }, [api, audit.origin]);
  const bubble = audit.context === 'deployed' && audit.platforms.some((p) => p.id === 'bubble' && p.confidence !== 'low');
  if (!bubble || consent === undefined) return null;
  return (
    <section class="probe" data-testid="bubble-check">
      <h2>Bubble Data API check</h2>
      <p>
        Asks <code>{audit.origin}</code>, as a logged-out visitor, <code>GET /api/1.1/obj/&lt;type&gt;?limit=1</code> once per type its
        <code> /api/1.1/meta</code> lists (counts and field names are kept, never values) and whether <code>/version-test</code> asks for a password. Only GET,
        at most 4 requests per second.
      </p>
      <label>
        <input
          type="checkbox"
          checked={consent}
          data-testid="bubble-consent"
          onChange={(e) => {
            const granted = (e.target as HTMLInputElement).checked;
            setConsent(granted);
            void api.setConsent(audit.origin, granted);
          }}
        />{' '}
        I own this app or am authorised to test it
      </label>
      <button type="button" disabled={!consent || running} onClick={onRerun} data-testid="bubble-run">
        Run the check
      </button>
    </section>
  );
}
