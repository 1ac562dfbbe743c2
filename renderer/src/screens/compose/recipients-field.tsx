// Recipients: chips, and one input that takes a fax number or a name. Names and numbers are
// looked up in the address book as you type (a combobox); a typed number is checked with the
// shared rules and the reason shown under the field; a comma or semicolon ends a number (it
// becomes a chip), and a pasted list adds many at once. An extension is never dialled: its
// chip and a note under the field say so.

import { type ClipboardEvent, type KeyboardEvent, useEffect, useId, useState } from 'react';
import type { ContactRecipient } from '../../../../shared/ipc/contract/contacts.ts';
import { extensionNote } from '../../../../shared/fax-number.ts';
import type { DraftRecipient } from '../../../../shared/ipc/contract/compose.ts';
import { Icon } from '../../components/icon.tsx';
import { useStore } from '../../store/index.ts';
import { checkTypedNumber, looksLikeNumber, type PastedRecipients, parsePastedList, splitTyped } from './recipient-input.ts';
import { SaveContactForm } from './save-contact-form.tsx';

const NO_RECIPIENTS: DraftRecipient[] = [];

function fromContact(c: ContactRecipient): DraftRecipient {
  return {
    number: c.faxNumber,
    display: c.faxDisplay,
    contactId: c.contactId,
    name: c.name || c.company || undefined,
    company: c.name && c.company ? c.company : undefined,
    toHeader: c.toHeader || undefined,
  };
}

export function RecipientsField() {
  const recipients = useStore((s) => s.composeFields?.recipients ?? NO_RECIPIENTS);
  const country = useStore((s) => s.composeDefaults?.defaultCountry ?? 'US');
  const problems = useStore((s) => s.composeProblems);
  const setRecipients = useStore((s) => s.setComposeRecipients);
  const chooseCover = useStore((s) => s.setComposeCoverFor);
  const fieldsLoaded = useStore((s) => !!s.composeFields);
  const pending = useStore((s) => s.pendingRecipients);
  const searchContacts = useStore((s) => s.searchContacts);
  const [text, setText] = useState('');
  const [options, setOptions] = useState<ContactRecipient[]>([]);
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState<string>();
  const id = useId();
  const listId = `${id}-options`;
  const hintId = `${id}-hint`;

  useEffect(() => {
    const q = text.trim();
    if (q === '') {
      setOptions([]);
      return;
    }
    let live = true;
    const t = setTimeout(() => {
      searchContacts(q, 8).then(
        (items) => {
          if (!live) return;
          const known = new Set(recipients.map((x) => x.number));
          setOptions(items.filter((c) => c.faxNumber && !known.has(c.faxNumber)));
          setActive(-1);
        },
        () => live && setOptions([]),
      );
    }, 120);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [text, recipients, searchContacts]);

  // "Fax this contact / group" on the Address book: its people join the list once the draft is here.
  useEffect(() => {
    if (!fieldsLoaded || pending.length === 0) return;
    const taken = useStore.getState().takePendingRecipients();
    const known = new Set(recipients.map((x) => x.number));
    const fresh = taken.filter((c) => c.faxNumber && !known.has(c.faxNumber) && known.add(c.faxNumber)).map(fromContact);
    if (fresh.length) setRecipients([...recipients, ...fresh]);
    const skipped = taken.length - fresh.length;
    setError(
      skipped > 0
        ? `${skipped} of them ${skipped === 1 ? 'was' : 'were'} already on the list or ${skipped === 1 ? 'has' : 'have'} no fax number.`
        : undefined,
    );
  }, [fieldsLoaded, pending, recipients, setRecipients]);

  const number = looksLikeNumber(text) ? checkTypedNumber(text, country) : undefined;
  const expanded = open && options.length > 0;

  const add = (r: DraftRecipient) => {
    if (recipients.some((x) => x.number === r.number)) {
      setError(`${r.display} is already a recipient.`);
      return;
    }
    setRecipients([...recipients, r]);
    setText('');
    setOptions([]);
    setError(undefined);
    setOpen(false);
  };

  const addList = (r: PastedRecipients, rest: string) => {
    if (r.added.length) setRecipients([...recipients, ...r.added]);
    const notes = [...r.refused.map((x) => x.reason), ...(r.duplicates.length ? [`Already in the list: ${r.duplicates.join(', ')}.`] : [])];
    setError(notes.length ? `${r.added.length} added. ${notes.join(' ')}` : undefined);
    setText(rest);
  };

  const onType = (value: string) => {
    const split = splitTyped(value, recipients, country);
    if (split) return addList(split, split.rest);
    setText(value.trimStart());
    setOpen(true);
    setError(undefined);
  };

  const commit = () => {
    const q = text.trim();
    if (q === '') return;
    if (/[,;\n]/.test(q)) {
      const split = splitTyped(`${q},`, recipients, country);
      if (split) return addList(split, split.rest);
    }
    const option = expanded && active >= 0 ? options[active] : options.length === 1 && !number ? options[0] : undefined;
    if (option) return add(fromContact(option));
    if (number?.ok) {
      const known = options.find((o) => o.faxNumber === number.recipient.number);
      return add(known ? fromContact(known) : number.recipient);
    }
    if (number && !number.ok) return setError(number.reason);
    setError(`No contact matches "${q}". Type a fax number, or pick a name from the list.`);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' && options.length) {
      e.preventDefault();
      setOpen(true);
      setActive((a) => (a + 1) % options.length);
    } else if (e.key === 'ArrowUp' && options.length) {
      e.preventDefault();
      setOpen(true);
      setActive((a) => (a <= 0 ? options.length - 1 : a - 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      commit();
    } else if (e.key === 'Escape' && expanded) {
      e.preventDefault();
      setOpen(false);
    } else if (e.key === 'Backspace' && text === '' && recipients.length) {
      setRecipients(recipients.slice(0, -1));
    }
  };

  const onPaste = (e: ClipboardEvent<HTMLInputElement>) => {
    const pasted = e.clipboardData.getData('text');
    if (!/[\n,;]/.test(pasted.trim())) return;
    e.preventDefault();
    addList(parsePastedList(pasted, recipients, country), '');
  };

  const sendProblems = problems.filter((p) => p.field === 'recipients');
  const invalid = Boolean(error) || sendProblems.length > 0;
  return (
    <div className="field recipients">
      <label htmlFor={`${id}-input`}>Recipients</label>
      <div className={`chip-input${invalid ? ' chip-input-invalid' : ''}`}>
        <ul className="chips" aria-label="Recipients added">
          {recipients.map((r) => (
            <li key={r.number} className="recipient-chip" data-testid="recipient-chip">
              {/* Choosing a chip chooses whose cover page the preview shows (each has their own). */}
              <button
                type="button"
                className="recipient-chip-text chip-select"
                onClick={() => chooseCover(r.number)}
                title="Show this recipient's cover page in the preview"
              >
                {r.name ? (
                  <>
                    <strong>{r.name}</strong> <span className="muted">{r.display}</span>
                  </>
                ) : (
                  r.display
                )}
              </button>
              {/* Outside the text, so a long name is shortened but the note stays readable. */}
              {r.extension && (
                <span className="chip-note" title={extensionNote(r.extension)} data-testid="recipient-chip-extension">
                  ext. {r.extension} not dialled
                </span>
              )}
              {r.contactId === undefined && (
                <button
                  type="button"
                  className="chip-action"
                  onClick={() => setSaving(r.number)}
                  aria-label={`Save ${r.display} to the address book`}
                >
                  Save
                </button>
              )}
              <button
                type="button"
                className="chip-remove"
                aria-label={`Remove ${r.name ?? r.display}`}
                onClick={() => setRecipients(recipients.filter((x) => x.number !== r.number))}
              >
                <Icon name="close" size={14} />
              </button>
            </li>
          ))}
        </ul>
        <input
          id={`${id}-input`}
          className="chip-text"
          data-focus-home
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
          aria-describedby={hintId}
          aria-invalid={invalid}
          autoComplete="off"
          placeholder={recipients.length ? 'Add another…' : 'Fax number or a name from the address book'}
          value={text}
          onChange={(e) => onType(e.target.value)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          onBlur={() => setOpen(false)}
          onFocus={() => setOpen(true)}
        />
      </div>
      <div id={listId} role="listbox" aria-label="Address book matches" className="combo-options" hidden={!expanded}>
        {options.map((o, i) => (
          // Combobox options: focus stays in the input (aria-activedescendant), which takes the keys.
          // biome-ignore lint/a11y/useFocusableInteractive: see above.
          <div
            key={o.contactId}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'combo-option combo-active' : 'combo-option'}
            onMouseDown={(e) => {
              e.preventDefault();
              add(fromContact(o));
            }}
          >
            <strong>{o.name || o.company}</strong>
            {o.name && o.company && <span className="muted"> · {o.company}</span>}
            <span className="combo-number muted">{o.faxDisplay}</span>
          </div>
        ))}
      </div>
      <div id={hintId} aria-live="polite">
        {error ? (
          <p className="field-error" data-testid="recipients-error">
            {error}
          </p>
        ) : number?.ok ? (
          <p className="field-hint">
            Will dial {number.recipient.display}. Press Enter to add it.
            {number.recipient.extension && ` ${extensionNote(number.recipient.extension)}`}
          </p>
        ) : number && !number.ok ? (
          <p className="field-hint" data-testid="recipients-live">
            {number.reason}
          </p>
        ) : (
          <p className="field-hint">Several recipients make a broadcast. Paste a list to add many at once.</p>
        )}
        {recipients
          .filter((r) => r.extension)
          .map((r) => (
            <p key={r.number} className="field-hint" data-testid="recipients-extension-note">
              {r.name ?? r.display}: {extensionNote(r.extension as string)}
            </p>
          ))}
        {sendProblems.map((p) => (
          <p key={p.message} className="field-error" role="alert">
            {p.message} {p.action}
          </p>
        ))}
      </div>
      {saving && (
        <SaveContactForm
          recipient={recipients.find((r) => r.number === saving)}
          onDone={(saved) => {
            setSaving(undefined);
            if (saved) setRecipients(recipients.map((r) => (r.number === saved.number ? saved : r)));
          }}
        />
      )}
    </div>
  );
}
