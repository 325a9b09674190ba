import { render } from 'preact';
import { browserApi, painted } from '@/entrypoints/popup/api';
import { Popup } from '@/components/Popup';
import { guideForFinding } from '@/engine/fix';
import './style.css';

performance.mark('popup:script');

const root = document.getElementById('app')!;

render(
  <Popup
    api={browserApi()}
    // The checklist travels with the audit and the guides are stored by the background: the popup never loads the
    // rule catalogue or the scanner.
    guideFor={(finding, audit, guides) => guideForFinding(finding, audit, (id) => guides[id])}
    checklistFor={(audit) => audit.checklist}
    onShown={(what) => {
      // Read by the benchmark and the end-to-end tests: time since the popup page started loading (its time origin),
      // after the next frame, i.e. when the content is on screen.
      requestAnimationFrame(() => {
        root.dataset[what === 'stored' ? 'storedShownMs' : 'freshShownMs'] = String(Math.round(performance.now()));
        // On screen: the storage module, policy and badge may load now (entrypoints/popup/api.ts).
        painted();
      });
    }}
  />,
  root,
);
