// Settings: the account first (sandbox or real), then every setting in the schema, each saved
// on change and applied at once; refused values say why under the field.

import { useEffect } from 'react';
import { useStore } from '../../store/index.ts';
import { HelpCard } from '../getting-started/help-card.tsx';
import { AccountSection } from './account-section.tsx';
import { ArchiveSection } from './archive-section.tsx';
import { HotFolderSection } from './hot-folder-section.tsx';
import { PrinterSection } from './printer-section.tsx';
import { SettingField } from './setting-field.tsx';
import { otherKeys, SECTIONS } from './settings-fields.ts';
import { ShortcutsSection } from './shortcuts-section.tsx';
import { UpdateSection } from './update-section.tsx';
import './settings.css';

export function SettingsScreen() {
  const loaded = useStore((s) => s.settings !== undefined);
  const load = useStore((s) => s.loadAccountState);
  useEffect(() => {
    void load();
  }, [load]);
  const others = otherKeys();

  return (
    <section className="settings-screen" aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      <AccountSection />
      {loaded ? (
        <>
          {SECTIONS.slice(0, 2).map((section) => (
            <section key={section.id} className="card settings-card" aria-labelledby={`settings-${section.id}`}>
              <h2 id={`settings-${section.id}`}>{section.title}</h2>
              <div className="settings-grid">
                {section.keys.map((k) => (
                  <SettingField key={k} k={k} />
                ))}
              </div>
            </section>
          ))}
          <HotFolderSection />
          <ArchiveSection />
          <PrinterSection />
          {SECTIONS.slice(2).map((section) => (
            <section key={section.id} className="card settings-card" aria-labelledby={`settings-${section.id}`}>
              <h2 id={`settings-${section.id}`}>{section.title}</h2>
              <div className="settings-grid">
                {[...section.keys, ...others].map((k) => (
                  <SettingField key={k} k={k} />
                ))}
              </div>
            </section>
          ))}
          <UpdateSection />
          <ShortcutsSection />
          <HelpCard />
        </>
      ) : (
        <p className="muted">Loading settings…</p>
      )}
    </section>
  );
}
