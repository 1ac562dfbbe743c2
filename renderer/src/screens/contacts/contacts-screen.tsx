// The address book: the list on the left (search, filters, groups), the contact on the right.

import { useEffect, useState } from 'react';
import { useStore } from '../../store/index.ts';
import { ContactPlaceholder, ContactView } from './contact-detail.tsx';
import { ContactForm } from './contact-form.tsx';
import { ImportDialog } from './import-dialog.tsx';
import { ListPane } from './list-pane.tsx';
import './contacts.css';

type Mode = { kind: 'view' } | { kind: 'new' } | { kind: 'edit' };

export function ContactsScreen() {
  const reload = useStore((s) => s.reloadContacts);
  const loadGroups = useStore((s) => s.loadContactGroups);
  const select = useStore((s) => s.selectContact);
  const selected = useStore((s) => s.selectedContact);
  const total = useStore((s) => s.contactTotal);
  const loaded = useStore((s) => s.contactListLoaded);
  const query = useStore((s) => s.contactQuery);
  const filter = useStore((s) => s.contactFilter);
  const [mode, setMode] = useState<Mode>({ kind: 'view' });
  const [importing, setImporting] = useState(false);

  useEffect(() => {
    void reload();
    void loadGroups();
  }, [reload, loadGroups]);

  // Picking another contact leaves the edit form.
  useEffect(() => {
    if (selected) setMode((m) => (m.kind === 'edit' ? m : { kind: 'view' }));
  }, [selected]);

  const done = (savedId?: number) => {
    setMode({ kind: 'view' });
    if (savedId !== undefined) void select(savedId);
  };
  const bookEmpty = loaded && total === 0 && !query.trim() && filter.kind === 'all';

  return (
    <div className="contacts">
      <ListPane onNew={() => setMode({ kind: 'new' })} onImport={() => setImporting(true)} />
      <section className="contact-pane" aria-label="Contact">
        {mode.kind === 'new' && <ContactForm onDone={done} />}
        {mode.kind === 'edit' && selected && <ContactForm key={selected.id} contact={selected} onDone={done} />}
        {mode.kind === 'view' &&
          (selected ? (
            <ContactView contact={selected} onEdit={() => setMode({ kind: 'edit' })} />
          ) : (
            <ContactPlaceholder empty={bookEmpty} onNew={() => setMode({ kind: 'new' })} onImport={() => setImporting(true)} />
          ))}
      </section>
      <ImportDialog open={importing} onClose={() => setImporting(false)} />
    </div>
  );
}
