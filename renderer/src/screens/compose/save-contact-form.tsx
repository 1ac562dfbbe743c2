// "Save to address book" for a number typed by hand: a name (or a company) and it becomes a
// contact, so next time the name finds it. Saved through the address book's own channel.

import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import type { DraftRecipient } from '../../../../shared/ipc/contract/compose.ts';
import { messageOf } from '../../ipc/message-of.ts';
import { useStore } from '../../store/index.ts';

export function SaveContactForm({ recipient, onDone }: { recipient: DraftRecipient | undefined; onDone(saved?: DraftRecipient): void }) {
  const [name, setName] = useState(recipient?.name ?? '');
  const [company, setCompany] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const saveContact = useStore((s) => s.saveContact);
  const first = useRef<HTMLInputElement>(null);
  const id = useId();
  useEffect(() => first.current?.focus(), []);
  if (!recipient) return null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim() && !company.trim()) {
      setError('Type a name or a company, so you can find this number again.');
      return;
    }
    setBusy(true);
    try {
      const r = await saveContact({ fax: recipient.display, name: name.trim(), company: company.trim() });
      if (!r.ok) {
        setError(Object.values(r.errors).join(' ') || 'The contact could not be saved.');
        return;
      }
      onDone({
        ...recipient,
        contactId: r.contact.id,
        name: r.contact.name || r.contact.company || undefined,
        toHeader: r.contact.defaultToHeader || undefined,
      });
    } catch (err) {
      setError(`The contact could not be saved: ${messageOf(err)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="save-contact card" onSubmit={submit} aria-label={`Save ${recipient.display} to the address book`}>
      <p>
        Save <strong>{recipient.display}</strong> to the address book
      </p>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-name`}>Name</label>
          <input id={`${id}-name`} ref={first} className="input" value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-company`}>Company</label>
          <input id={`${id}-company`} className="input" value={company} onChange={(e) => setCompany(e.target.value)} />
        </div>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="field-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          Save contact
        </button>
        <button type="button" className="button" onClick={() => onDone()}>
          Cancel
        </button>
      </div>
    </form>
  );
}
