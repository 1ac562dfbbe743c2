// The right pane for one contact: what we know, "Fax this contact", and edit/delete.

import { useState } from 'react';
import type { ContactDetail } from '../../../../shared/ipc/contract/contacts.ts';
import { Icon } from '../../components/icon.tsx';
import { messageOf } from '../../ipc/message-of.ts';
import { useStore } from '../../store/index.ts';
import { summaryToRecipient } from '../../store/slices/contacts-slice.ts';

export function ContactView({ contact, onEdit }: { contact: ContactDetail; onEdit(): void }) {
  const groups = useStore((s) => s.contactGroups);
  const toggleFavourite = useStore((s) => s.toggleContactFavourite);
  const faxContacts = useStore((s) => s.faxContacts);
  const deleteContacts = useStore((s) => s.deleteContacts);
  const toast = useStore((s) => s.pushToast);
  const [confirming, setConfirming] = useState(false);
  const title = contact.name || contact.company;
  const memberOf = groups.filter((g) => contact.groupIds.includes(g.id));
  const canFax = contact.faxNumber !== '';

  const remove = async () => {
    try {
      await deleteContacts([contact.id]);
      toast({ level: 'success', title: 'Contact deleted', message: `${title} is no longer in the address book.` });
    } catch (err) {
      toast({ level: 'error', title: 'Could not delete the contact', message: messageOf(err) });
    }
  };

  return (
    <article className="contact-view" aria-labelledby="contact-view-title">
      <header className="contact-view-header">
        <div>
          <h2 id="contact-view-title">{title}</h2>
          {contact.name && contact.company && <p className="muted contact-view-company">{contact.company}</p>}
        </div>
        <button
          type="button"
          className="icon-button favourite-toggle"
          aria-pressed={contact.favourite}
          onClick={() => void toggleFavourite(contact.id, !contact.favourite)}
        >
          <Icon name="star" filled={contact.favourite} /> Favourite
        </button>
      </header>
      <div className="contact-view-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={!canFax}
          onClick={() => faxContacts([summaryToRecipient(contact)])}
        >
          Fax this contact
        </button>
        <button type="button" className="button" onClick={onEdit}>
          Edit
        </button>
        <button type="button" className="button button-danger" onClick={() => setConfirming(true)}>
          Delete
        </button>
      </div>
      {confirming && (
        <div className="banner banner-red" role="alertdialog" aria-label={`Delete ${title}?`}>
          <span className="spacer">Delete {title}? Faxes already sent keep their record.</span>
          <button type="button" className="button button-danger" onClick={() => void remove()}>
            Delete contact
          </button>
          <button type="button" className="button" onClick={() => setConfirming(false)}>
            Keep
          </button>
        </div>
      )}
      <dl className="contact-facts">
        <dt>Fax number</dt>
        <dd>
          <span className="contact-number">{contact.faxDisplay}</span>
          {contact.faxRaw && contact.faxRaw !== contact.faxDisplay && <span className="muted"> (entered as {contact.faxRaw})</span>}
          {!canFax && <p className="field-error">This number cannot be dialled: edit it.</p>}
        </dd>
        <dt>To header</dt>
        <dd>
          {contact.toHeader ? (
            <code className="header-text">{contact.toHeader}</code>
          ) : contact.defaultToHeader ? (
            <>
              <code className="header-text">{contact.defaultToHeader}</code> <span className="muted">(from the name)</span>
            </>
          ) : (
            <span className="muted">None</span>
          )}
        </dd>
        <dt>Groups</dt>
        <dd>
          {memberOf.length ? (
            <ul className="group-list">
              {memberOf.map((g) => (
                <li key={g.id} className="chip chip-blue">
                  {g.name}
                </li>
              ))}
            </ul>
          ) : (
            <span className="muted">None</span>
          )}
        </dd>
        <dt>Notes</dt>
        <dd className="contact-notes">{contact.notes || <span className="muted">None</span>}</dd>
      </dl>
    </article>
  );
}

export function ContactPlaceholder({ empty, onNew, onImport }: { empty: boolean; onNew(): void; onImport(): void }) {
  return (
    <div className="contact-placeholder">
      <p className="contact-placeholder-title">{empty ? 'Your address book is empty' : 'No contact selected'}</p>
      <p className="muted">
        {empty
          ? 'Add the people you fax, or bring them in from Outlook, Google Contacts or a vCard file.'
          : 'Choose a contact in the list to see it here and fax it.'}
      </p>
      <div className="contact-view-actions">
        <button type="button" className="button button-primary" onClick={onNew}>
          <Icon name="add" /> New contact
        </button>
        <button type="button" className="button" onClick={onImport}>
          Import contacts…
        </button>
      </div>
    </div>
  );
}
