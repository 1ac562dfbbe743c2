// Adding or editing a contact. The number and the To header are checked as you type with
// the shared fax rules; main checks again on save and its reasons land under the fields.

import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { MAX_HEADER_LENGTH } from '../../../../shared/domain.ts';
import { extensionNote } from '../../../../shared/fax-number.ts';
import { checkHeader, normalizeFaxNumber } from '../../../../shared/fax-rules.ts';
import type { ContactDetail, ContactField } from '../../../../shared/ipc/contract/contacts.ts';
import { Icon } from '../../components/icon.tsx';
import { messageOf } from '../../ipc/message-of.ts';
import { useStore } from '../../store/index.ts';

type Errors = Partial<Record<ContactField, string>>;

export function ContactForm({ contact, onDone }: { contact?: ContactDetail; onDone(savedId?: number): void }) {
  const groups = useStore((s) => s.contactGroups);
  const country = useStore((s) => s.settings?.defaultCountry ?? 'US');
  const toast = useStore((s) => s.pushToast);
  const saveContact = useStore((s) => s.saveContact);
  const [name, setName] = useState(contact?.name ?? '');
  const [company, setCompany] = useState(contact?.company ?? '');
  const [fax, setFax] = useState(contact?.faxRaw ?? '');
  const [toHeader, setToHeader] = useState(contact?.toHeader ?? '');
  const [notes, setNotes] = useState(contact?.notes ?? '');
  const [favourite, setFavourite] = useState(contact?.favourite ?? false);
  const [groupIds, setGroupIds] = useState<number[]>(contact?.groupIds ?? []);
  const [touched, setTouched] = useState<Partial<Record<ContactField, boolean>>>({});
  const [serverErrors, setServerErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const id = useId();
  const first = useRef<HTMLInputElement>(null);
  // The form opens because the person asked for it: start typing the name at once.
  useEffect(() => first.current?.focus(), []);

  const number = fax.trim() ? normalizeFaxNumber(fax, country) : undefined;
  const header = checkHeader('To', toHeader);
  const live: Errors = {
    fax: number && !number.ok ? number.reason : undefined,
    toHeader: header.ok ? undefined : header.reason,
  };
  const errorOf = (f: ContactField) => serverErrors[f] ?? (touched[f] ? live[f] : undefined);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched({ fax: true, toHeader: true, name: true });
    setBusy(true);
    try {
      const r = await saveContact({ id: contact?.id, name, company, fax, toHeader, notes, favourite, groupIds });
      if (!r.ok) {
        setServerErrors(r.errors);
        const first = (['name', 'fax', 'toHeader'] as const).find((f) => r.errors[f]);
        if (first) document.getElementById(`${id}-${first}`)?.focus();
        return;
      }
      const shared = r.sameNumberAs.map((c) => c.name || c.company).join(', ');
      toast({
        level: shared ? 'warning' : 'success',
        title: contact ? 'Contact saved' : 'Contact added',
        message: shared
          ? `${r.contact.faxDisplay} is also the number of ${shared}.`
          : `${r.contact.name || r.contact.company} · ${r.contact.faxDisplay}`,
      });
      onDone(r.contact.id);
    } catch (err) {
      toast({ level: 'error', title: 'The contact was not saved', message: messageOf(err) });
    } finally {
      setBusy(false);
    }
  };

  const field = (f: ContactField) => ({
    id: `${id}-${f}`,
    'aria-invalid': errorOf(f) ? true : undefined,
    'aria-describedby': errorOf(f) ? `${id}-${f}-error` : `${id}-${f}-hint`,
    onBlur: () => setTouched((t) => ({ ...t, [f]: true })),
  });
  const error = (f: ContactField) =>
    errorOf(f) ? (
      <p id={`${id}-${f}-error`} className="field-error">
        {errorOf(f)}
      </p>
    ) : null;
  const clear = (f: ContactField) => setServerErrors((s) => ({ ...s, [f]: undefined }));

  return (
    <form className="contact-form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{contact ? `Edit ${contact.name || contact.company}` : 'New contact'}</h2>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-name`}>Name</label>
          <input
            {...field('name')}
            ref={first}
            className="input"
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              clear('name');
            }}
          />
          <span id={`${id}-name-hint`} hidden />
          {error('name')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-company`}>Company</label>
          <input
            {...field('company')}
            className="input"
            value={company}
            onChange={(e) => {
              setCompany(e.target.value);
              clear('name');
            }}
          />
          <span id={`${id}-company-hint`} hidden />
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-fax`}>Fax number</label>
        <input
          {...field('fax')}
          className="input"
          inputMode="tel"
          autoComplete="off"
          value={fax}
          onChange={(e) => {
            setFax(e.target.value);
            clear('fax');
          }}
        />
        {error('fax') ?? (
          <span id={`${id}-fax-hint`} className="field-hint">
            {number?.ok
              ? `Dialled as ${number.value.display}.${number.value.extension ? ` ${extensionNote(number.value.extension)}` : ''}`
              : 'e.g. 212 555 0100, or +44 20 7946 0000 for a number abroad'}
          </span>
        )}
      </div>
      <div className="field">
        <div className="label-row">
          <label htmlFor={`${id}-toHeader`}>To header</label>
          <span className={`counter${toHeader.length > MAX_HEADER_LENGTH ? ' counter-over' : ''}`} aria-hidden="true">
            {toHeader.length}/{MAX_HEADER_LENGTH}
          </span>
        </div>
        <input
          {...field('toHeader')}
          className="input"
          value={toHeader}
          onChange={(e) => {
            setToHeader(e.target.value);
            clear('toHeader');
            setTouched((t) => ({ ...t, toHeader: true }));
          }}
        />
        {error('toHeader') ?? (
          <span id={`${id}-toHeader-hint`} className="field-hint">
            Printed at the top of each page the recipient gets; at most {MAX_HEADER_LENGTH} plain characters. Left empty, the name is used.
          </span>
        )}
      </div>
      <fieldset className="field group-choices">
        <legend>Groups</legend>
        {groups.length === 0 && <span className="field-hint">No groups yet: create one with “+ New group” above the list.</span>}
        {groups.map((g) => (
          <label key={g.id} className="checkbox">
            <input
              type="checkbox"
              checked={groupIds.includes(g.id)}
              onChange={(e) => setGroupIds((ids) => (e.target.checked ? [...ids, g.id] : ids.filter((x) => x !== g.id)))}
            />
            {g.name}
          </label>
        ))}
      </fieldset>
      <label className="checkbox">
        <input type="checkbox" checked={favourite} onChange={(e) => setFavourite(e.target.checked)} />
        <Icon name="star" filled={favourite} /> Favourite
      </label>
      <div className="field">
        <label htmlFor={`${id}-notes`}>Notes</label>
        <textarea {...field('notes')} className="input" rows={4} value={notes} onChange={(e) => setNotes(e.target.value)} />
        <span id={`${id}-notes-hint`} hidden />
      </div>
      <div className="contact-view-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {contact ? 'Save changes' : 'Add contact'}
        </button>
        <button type="button" className="button" onClick={() => onDone()}>
          Cancel
        </button>
      </div>
    </form>
  );
}
