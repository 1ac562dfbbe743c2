// The keyboard shortcuts, listed from the one table the keys, tooltips and menu bar use.

import { SHORTCUTS } from '../../../../shared/shortcuts.ts';
import { keyText } from '../../keyboard/shortcut-keys.ts';

export function ShortcutsSection() {
  return (
    <section className="card settings-card" aria-labelledby="settings-shortcuts">
      <h2 id="settings-shortcuts">Keyboard shortcuts</h2>
      <dl className="shortcut-list" data-testid="shortcut-list">
        {SHORTCUTS.map((s) => (
          <div key={s.id} className="shortcut-row">
            <dt>
              <kbd>{keyText(s.id)}</kbd>
            </dt>
            <dd>{s.does}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
