// The hot folder: where it is (native picker in Electron, a path field in the browser; main
// checks it is writable), whether it is watching, pause/resume, auto-routing.

import { useState } from 'react';
import { call, capabilities, messageOf } from '../../ipc/api.ts';
import { useStore } from '../../store/index.ts';
import { SettingField } from './setting-field.tsx';

const STATUS: Record<string, string> = {
  starting: 'Starting…',
  watching: 'Watching for PDFs',
  paused: 'Paused',
  'folder-missing': 'The folder is missing',
  stopped: 'Stopped',
  off: 'Not running',
};

export function HotFolderSection() {
  const hf = useStore((s) => s.hotFolder);
  const path = useStore((s) => s.settings?.hotFolderPath);
  const save = useStore((s) => s.saveSetting);
  const setHotFolder = useStore((s) => s.setHotFolder);
  const error = useStore((s) => s.settingErrors.hotFolderPath);
  const setError = useStore((s) => s.setSettingError);
  const pushToast = useStore((s) => s.pushToast);
  const [busy, setBusy] = useState(false);
  if (path === undefined) return null;

  const pick = async () => {
    setBusy(true);
    try {
      const r = await call('pickHotFolder');
      if (r.kind === 'picked') await save('hotFolderPath', r.path);
      else if (r.kind === 'invalid') setError('hotFolderPath', r.reason);
    } catch (err) {
      setError('hotFolderPath', messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  const togglePause = async () => {
    if (!hf) return;
    try {
      setHotFolder(await call('setHotFolderPaused', { paused: hf.status !== 'paused' }));
    } catch (err) {
      pushToast({ level: 'error', title: 'The hot folder did not change', message: messageOf(err) });
    }
  };

  const canPause = hf && (hf.status === 'watching' || hf.status === 'paused' || hf.status === 'folder-missing');

  return (
    <section className="card settings-card" aria-labelledby="settings-hotfolder">
      <h2 id="settings-hotfolder">Hot folder</h2>
      <p className="muted">
        PDFs saved or printed into this folder are picked up and faxed (or opened in Compose when they carry no number).
      </p>
      {capabilities.nativeFiles ? (
        <div className="field">
          <span className="field-label-static">Folder</span>
          <div className="path-row">
            <code className="path-box" data-testid="hot-folder-path">
              {path || hf?.folder || 'The default folder'}
            </code>
            <button type="button" className="button" onClick={pick} disabled={busy}>
              Choose folder…
            </button>
          </div>
          {error && (
            <span className="field-error" role="alert">
              {error}
            </span>
          )}
        </div>
      ) : (
        <SettingFieldPath />
      )}
      {hf && (
        <p className="hf-state" data-testid="hot-folder-state">
          Status: <strong>{STATUS[hf.status] ?? hf.status}</strong>
          {hf.detail && <span className="muted"> · {hf.detail}</span>}{' '}
          {canPause && (
            <button type="button" className="button" onClick={togglePause}>
              {hf.status === 'paused' ? 'Resume' : 'Pause'}
            </button>
          )}
        </p>
      )}
      <SettingField k="autoRouting" />
    </section>
  );
}

/** The browser host has no folder picker: the path is typed (main still checks it). */
function SettingFieldPath() {
  return <SettingField k="hotFolderPath" />;
}
