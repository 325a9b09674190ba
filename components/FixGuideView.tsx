import { useState } from 'preact/hooks';
import type { GuideVariant, ResolvedGuide } from '@/engine/fix';
import { safeLink } from '@/utils/links';

interface VariantProps {
  variant: GuideVariant;
  onOpen(url: string): void;
  onCopy(text: string): Promise<void>;
  idPrefix: string;
}

function Variant({ variant, onOpen, onCopy, idPrefix }: VariantProps) {
  const [copied, setCopied] = useState<'idle' | 'done' | 'failed'>('idle');
  // Links only to allow-listed vendor hosts (utils/links.ts), whatever the stored guide says.
  const deepLink = safeLink(variant.deepLink);
  const docs = safeLink(variant.docs);
  const copy = async () => {
    if (!variant.snippet) return;
    try {
      await onCopy(variant.snippet.code);
      setCopied('done');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <div class="variant">
      <ol class="steps">
        {variant.steps.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ol>
      {variant.snippet && (
        <figure class="snippet-figure" aria-label={`Snippet (${variant.snippet.language})`}>
          <pre class="snippet" id={`${idPrefix}-snippet`}>
            <code>{variant.snippet.code}</code>
          </pre>
        </figure>
      )}
      <div class="actions">
        {deepLink && (
          <button type="button" class="primary" onClick={() => onOpen(deepLink)} aria-label={`Open settings on ${variant.name}`}>
            Open settings
          </button>
        )}
        {variant.snippet && (
          <button type="button" onClick={copy} aria-describedby={`${idPrefix}-snippet`}>
            {copied === 'done' ? 'Copied' : copied === 'failed' ? 'Copy failed' : 'Copy'}
          </button>
        )}
        {docs && (
          <a href={docs} target="_blank" rel="noreferrer noopener">
            Documentation
          </a>
        )}
      </div>
      <span class="sr-only" role="status">
        {copied === 'done' ? 'Snippet copied to the clipboard' : copied === 'failed' ? 'Copy failed: select the snippet and copy it by hand' : ''}
      </span>
    </div>
  );
}

export interface FixGuideViewProps {
  guide: ResolvedGuide;
  onOpen(url: string): void;
  onCopy(text: string): Promise<void>;
  idPrefix: string;
}

export function FixGuideView({ guide, onOpen, onCopy, idPrefix }: FixGuideViewProps) {
  return (
    <section class="fix" aria-label="How to fix">
      <h4>How to fix{guide.primary.target !== 'generic' ? ` on ${guide.primary.name}` : ''}</h4>
      <p>{guide.summary}</p>
      <Variant variant={guide.primary} onOpen={onOpen} onCopy={onCopy} idPrefix={`${idPrefix}-p`} />
      {guide.others.length > 0 && (
        <details class="others">
          <summary>Other hosts ({guide.others.map((o) => o.name).join(', ')})</summary>
          {guide.others.map((o, i) => (
            <div key={o.target}>
              <h5>{o.name}</h5>
              <Variant variant={o} onOpen={onOpen} onCopy={onCopy} idPrefix={`${idPrefix}-o${i}`} />
            </div>
          ))}
        </details>
      )}
    </section>
  );
}
