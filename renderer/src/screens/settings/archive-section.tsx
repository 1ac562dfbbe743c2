// The archive folder: where every fax that ends is also written, the document followed by its
// transmission report, under "YYYY-MM-DD HHMM <recipient> <delivered|failed>.pdf", never over
// another file. The desktop app takes the folder from its picker; the browser host has none, so
// the path is typed. Main refuses system folders and its own data folder, and one it cannot write to.

import { useState } from 'react';
import { useStore } from '../../store/index.ts';
import { SettingField } from './setting-field.tsx';

export function ArchiveSection() {
  const path = useStore((s) => s.settings?.archiveFolderPath);
  const error = useStore((s) => s.settingErrors.archiveFolderPath);
  const nativeFiles = useStore((s) => s.capabilities.nativeFiles);
  const pick = useStore((s) => s.pickArchiveFolder);
  const save = useStore((s) => s.saveSetting);
  const [busy, setBusy] = useState(false);
  if (path === undefined) return null;

  const choose = async () => {
    setBusy(true);
    try {
      await pick();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card settings-card" aria-labelledby="settings-archive">
      <h2 id="settings-archive">Archive</h2>
      <p className="muted">
        Every fax that ends is also saved here as one PDF: the document, then its transmission report (proof of delivery or of the failure).
        Files are named by date, time, recipient and result, and an existing file is never replaced.
      </p>
      {nativeFiles ? (
        <div className="field">
          <span className="field-label-static">Archive folder</span>
          <div className="path-row">
            <code className="path-box" data-testid="archive-folder-path">
              {path || 'No archive folder: faxes are not archived'}
            </code>
            <button type="button" className="button" onClick={() => void choose()} disabled={busy}>
              Choose folder…
            </button>
            {path && (
              <button type="button" className="button" onClick={() => void save('archiveFolderPath', '')} disabled={busy}>
                Stop archiving
              </button>
            )}
          </div>
          {error && (
            <span className="field-error" role="alert">
              {error}
            </span>
          )}
        </div>
      ) : (
        <SettingField k="archiveFolderPath" />
      )}
    </section>
  );
}
