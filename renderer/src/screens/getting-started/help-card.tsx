// Settings → Help: the way back to Getting started after it was closed.

import { useStore } from '../../store/index.ts';

export function HelpCard() {
  const show = useStore((s) => s.showGettingStarted);
  return (
    <section className="card settings-card" aria-labelledby="settings-help">
      <h2 id="settings-help">Help</h2>
      <p className="muted">What the app does, the sandbox, and where the printer is set up, on one page.</p>
      <div className="form-actions">
        <button type="button" className="button" onClick={show}>
          Show Getting started
        </button>
      </div>
    </section>
  );
}
