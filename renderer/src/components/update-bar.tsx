// "Update ready": a quiet strip under the top bar, never a dialog and never over Compose's Send
// area. It says how this install takes the update (main's words: at quit too, or only on
// restart, or with a password). Restart now installs (main waits for uploads in progress, and
// says so); Later hides it until the next start. Checks that find nothing, or cannot reach the
// feed, show only in Settings.

import { useEffect } from 'react';
import { useStore } from '../store/index.ts';
import { selectUpdateBar } from '../store/slices/update-slice.ts';
import './update-bar.css';

/** "Restarts when the 2 faxes being uploaded have reached Openfax; new faxes wait until then." */
function waitingWords(count: number): string {
  const which = count === 1 ? 'the fax being uploaded has' : `the ${count} faxes being uploaded have`;
  return `Restarts when ${which} reached Openfax; new faxes wait until then.`;
}

export function UpdateBar() {
  const bar = useStore(selectUpdateBar);
  const load = useStore((s) => s.loadUpdate);
  const restart = useStore((s) => s.restartToUpdate);
  const postpone = useStore((s) => s.postponeUpdate);
  useEffect(() => {
    void load();
  }, [load]);
  if (!bar) return null;

  return (
    <section className="update-bar" aria-label="Update" data-testid="update-bar">
      <span role="status" className="update-bar-text">
        {bar.phase === 'ready' && (
          <>
            <strong>Update ready:</strong> Openfax Desktop {bar.version}.{bar.installHint ? ` ${bar.installHint}` : ''}
          </>
        )}
        {bar.phase === 'waiting' && waitingWords(bar.waitingFor ?? 0)}
        {bar.phase === 'restarting' && `Restarting to install ${bar.version}…${bar.installHint ? ` ${bar.installHint}` : ''}`}
      </span>
      {bar.phase === 'ready' && (
        <button type="button" className="button button-small button-primary" onClick={() => void restart()}>
          Restart now
        </button>
      )}
      {bar.phase !== 'restarting' && (
        <button type="button" className="button button-small" onClick={() => void postpone()}>
          Later
        </button>
      )}
    </section>
  );
}
