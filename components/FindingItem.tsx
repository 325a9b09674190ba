import { useState } from 'preact/hooks';
import type { Finding } from '@/engine/finding';
import type { ResolvedGuide } from '@/engine/fix';
import { FixGuideView } from './FixGuideView';
import { SeverityTag } from './SeverityTag';

export interface FindingItemProps {
  finding: Finding;
  guide: ResolvedGuide | undefined;
  onOpen(url: string): void;
  onCopy(text: string): Promise<void>;
}

export function FindingItem({ finding, guide, onOpen, onCopy }: FindingItemProps) {
  const [open, setOpen] = useState(false);
  const id = `f-${finding.fingerprint}`;
  return (
    <li class={`finding sev-${finding.severity}`} data-rule={finding.ruleId} data-severity={finding.severity}>
      <h3>
        <button type="button" class="finding-toggle" aria-expanded={open} aria-controls={`${id}-panel`} onClick={() => setOpen(!open)}>
          <SeverityTag severity={finding.severity} />
          <span class="finding-title">{finding.title}</span>
          {finding.location.name && <span class="finding-where">{finding.location.name}</span>}
        </button>
      </h3>
      {open && (
        <div id={`${id}-panel`} class="finding-panel" role="region" aria-label={`${finding.title}: details and fix`}>
          <p class="message">{finding.message}</p>
          {finding.evidence && (
            <pre class="evidence" aria-label="Evidence">
              <code>{finding.evidence}</code>
            </pre>
          )}
          {guide && <FixGuideView guide={guide} onOpen={onOpen} onCopy={onCopy} idPrefix={id} />}
          <p class="rule-id">
            Rule <code>{finding.ruleId}</code>
          </p>
        </div>
      )}
    </li>
  );
}
