// Settings → Updates: the version running, the feed it checks (the setting, or the address the
// app was built with), "Check now" with its progress, and how the last check ended: the only
// place a check that found nothing, could not reach the feed or refused a download is told.

import { useEffect } from 'react';
import { useStore } from '../../store/index.ts';
import { SettingField } from './setting-field.tsx';

function progressWords(phase: string, version: string | undefined, percent: number | undefined): string {
  if (phase === 'checking') return 'Checking…';
  if (phase === 'downloading') return `Downloading ${version}: ${percent ?? 0}%`;
  if (phase === 'ready') return `Version ${version} is ready.`;
  if (phase === 'waiting' || phase === 'restarting') return `Restarting to install ${version}…`;
  return '';
}

export function UpdateSection() {
  const update = useStore((s) => s.update);
  const checking = useStore((s) => s.updateChecking);
  const error = useStore((s) => s.updateError);
  const load = useStore((s) => s.loadUpdate);
  const check = useStore((s) => s.checkForUpdate);
  const restart = useStore((s) => s.restartToUpdate);
  useEffect(() => {
    void load();
  }, [load]);
  if (!update) return null;
  const last = update.lastCheck;
  const failed = last?.outcome === 'refused' || last?.outcome === 'install-failed' || last?.outcome === 'invalid-feed';
  const busy = checking || update.phase === 'checking' || update.phase === 'downloading' || update.phase === 'restarting';

  return (
    <section className="card settings-card" aria-labelledby="settings-updates">
      <h2 id="settings-updates">Updates</h2>
      <p>
        Openfax Desktop <strong data-testid="update-current-version">{update.currentVersion}</strong>
      </p>
      {!update.supported ? (
        <p className="muted" data-testid="update-note">
          {update.note}
        </p>
      ) : (
        <>
          <p className="muted">
            Checked a little after start-up and once a day; a newer version downloads in the background and waits for you to restart.
            {update.defaultFeedUrl ? ` With the address left empty, updates come from ${update.defaultFeedUrl}.` : ''}
          </p>
          <div className="settings-grid">
            <SettingField k="updateFeedUrl" />
          </div>
          <div className="path-row">
            <button type="button" className="button" onClick={() => void check()} disabled={busy}>
              Check now
            </button>
            {update.phase === 'ready' && (
              <button type="button" className="button button-primary" onClick={() => void restart()}>
                Restart now
              </button>
            )}
            <span aria-live="polite" data-testid="update-progress">
              {progressWords(update.phase, update.version, update.percent)}
            </span>
          </div>
          <p data-testid="update-last-check" className={failed ? 'field-error' : 'muted'}>
            {last
              ? `Last checked ${new Date(last.at).toLocaleString()}: ${last.message}`
              : 'Not checked yet since Openfax Desktop started.'}
          </p>
        </>
      )}
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </section>
  );
}
