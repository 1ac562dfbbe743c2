// The hot folder: where it is (native picker in Electron, a path field in the browser; main
// refuses home, Documents and system folders and checks it is writable), whether it is
// watching, pause/resume, auto-routing. A folder that already holds files is used only after
// the person saw what is in it: a native dialog in Electron, the dialog below in the browser.

import { useState } from 'react';
import { folderContentsQuestion } from '../../../../shared/trust-questions.ts';
import { messageOf } from '../../ipc/message-of.ts';
import { useStore } from '../../store/index.ts';
import { SettingField } from './setting-field.tsx';
import { TrustDialog } from './trust-dialog.tsx';

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
  const pickHotFolder = useStore((s) => s.pickHotFolder);
  const setPaused = useStore((s) => s.setHotFolderPaused);
  const error = useStore((s) => s.settingErrors.hotFolderPath);
  const pushToast = useStore((s) => s.pushToast);
  const nativeFiles = useStore((s) => s.capabilities.nativeFiles);
  const [busy, setBusy] = useState(false);
  if (path === undefined) return null;

  const pick = async () => {
    setBusy(true);
    try {
      await pickHotFolder();
    } finally {
      setBusy(false);
    }
  };

  const togglePause = async () => {
    if (!hf) return;
    try {
      await setPaused(hf.status !== 'paused');
    } catch (err) {
      pushToast({ level: 'error', title: 'The hot folder did not change', message: messageOf(err) });
    }
  };

  const canPause = hf && (hf.status === 'watching' || hf.status === 'paused' || hf.status === 'folder-missing');
  // Stopped with a reason while the app runs: main will not watch this folder (an older version saved it).
  const refused = hf?.status === 'stopped' && !!hf.detail;

  return (
    <section className="card settings-card" aria-labelledby="settings-hotfolder">
      <h2 id="settings-hotfolder">Hot folder</h2>
      <p className="muted">
        PDFs saved or printed into this folder are picked up and faxed (or opened in Compose when they carry no number).
      </p>
      {nativeFiles ? (
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
          {hf.detail && !refused && <span className="muted"> · {hf.detail}</span>}{' '}
          {canPause && (
            <button type="button" className="button" onClick={togglePause}>
              {hf.status === 'paused' ? 'Resume' : 'Pause'}
            </button>
          )}
        </p>
      )}
      {refused && (
        <p className="field-error" role="alert" data-testid="hot-folder-refused">
          {hf?.detail}
        </p>
      )}
      <SettingField k="autoRouting" />
      <FolderContentsQuestion />
    </section>
  );
}

/** Browser host: main refused a folder that holds files; what is in it, and Use / Cancel. */
function FolderContentsQuestion() {
  const asked = useStore((s) => s.hotFolderQuestion);
  const answer = useStore((s) => s.answerHotFolderQuestion);
  const more = asked ? asked.count - asked.names.length : 0;
  return (
    <TrustDialog question={asked && folderContentsQuestion(asked)} onConfirm={() => void answer(true)} onCancel={() => void answer(false)}>
      {asked && (
        <ul className="trust-listing" data-testid="folder-listing" aria-label="In the folder now">
          {asked.names.map((name) => (
            <li key={name}>{name}</li>
          ))}
          {more > 0 && <li className="muted">and {more} more</li>}
        </ul>
      )}
    </TrustDialog>
  );
}

/** The browser host has no folder picker: the path is typed (main still checks it). */
function SettingFieldPath() {
  return <SettingField k="hotFolderPath" />;
}
