// Filters over the list: everyone, favourites, or one group; and the group's own actions
// (fax the whole group, rename, delete) plus creating a group.

import { type FormEvent, useId, useState } from 'react';
import type { ContactGroup } from '../../../../shared/ipc/contract/contacts.ts';
import { Icon } from '../../components/icon.tsx';
import { messageOf } from '../../ipc/message-of.ts';
import { useStore } from '../../store/index.ts';
import type { ContactFilter } from '../../store/slices/contacts-slice.ts';

function sameFilter(a: ContactFilter, b: ContactFilter): boolean {
  return a.kind === b.kind && (a.kind !== 'group' || (b.kind === 'group' && a.groupId === b.groupId));
}

function GroupNameForm({
  initial,
  submitLabel,
  onDone,
}: {
  initial: string;
  submitLabel: string;
  onDone(name?: string): Promise<string | undefined>;
}) {
  const [name, setName] = useState(initial);
  const [error, setError] = useState<string>();
  const id = useId();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problem = await onDone(name);
    if (problem) setError(problem);
  };
  return (
    <form className="group-form" onSubmit={submit}>
      <label htmlFor={`${id}-name`} className="visually-hidden">
        Group name
      </label>
      <input
        id={`${id}-name`}
        className="input"
        value={name}
        placeholder="Group name"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        // biome-ignore lint/a11y/noAutofocus: the form appears because the person asked to type a name.
        autoFocus
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') void onDone();
        }}
      />
      <button type="submit" className="button button-primary">
        {submitLabel}
      </button>
      <button type="button" className="button" onClick={() => void onDone()}>
        Cancel
      </button>
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

function GroupActions({ group }: { group: ContactGroup }) {
  const [mode, setMode] = useState<'idle' | 'rename' | 'delete'>('idle');
  const saveGroup = useStore((s) => s.saveContactGroup);
  const deleteGroup = useStore((s) => s.deleteContactGroup);
  const faxGroup = useStore((s) => s.faxContactGroup);
  const toast = useStore((s) => s.pushToast);
  if (mode === 'rename') {
    return (
      <GroupNameForm
        initial={group.name}
        submitLabel="Rename"
        onDone={async (name) => {
          if (name !== undefined) {
            const r = await saveGroup({ id: group.id, name });
            if (!r.ok) return r.reason;
          }
          setMode('idle');
          return undefined;
        }}
      />
    );
  }
  if (mode === 'delete') {
    return (
      <div className="group-actions">
        <span>Delete the group “{group.name}”? Its contacts stay in the address book.</span>
        <button
          type="button"
          className="button button-danger"
          onClick={async () => {
            try {
              await deleteGroup(group.id);
              toast({ level: 'success', title: 'Group deleted', message: `“${group.name}” is gone; its contacts are still here.` });
            } catch (err) {
              toast({ level: 'error', title: 'Could not delete the group', message: messageOf(err) });
            }
          }}
        >
          Delete group
        </button>
        <button type="button" className="button" onClick={() => setMode('idle')}>
          Keep it
        </button>
      </div>
    );
  }
  return (
    <div className="group-actions">
      <button type="button" className="button button-primary" disabled={!group.members} onClick={() => void faxGroup(group.id, group.name)}>
        Fax this group ({group.members})
      </button>
      <button type="button" className="button" onClick={() => setMode('rename')}>
        Rename
      </button>
      <button type="button" className="button button-danger" onClick={() => setMode('delete')}>
        Delete
      </button>
    </div>
  );
}

export function ContactFilters() {
  const filter = useStore((s) => s.contactFilter);
  const groups = useStore((s) => s.contactGroups);
  const setFilter = useStore((s) => s.setContactFilter);
  const saveGroup = useStore((s) => s.saveContactGroup);
  const [creating, setCreating] = useState(false);
  const chips: Array<{ filter: ContactFilter; label: string }> = [
    { filter: { kind: 'all' }, label: 'All contacts' },
    { filter: { kind: 'favourites' }, label: 'Favourites' },
    ...groups.map((g) => ({ filter: { kind: 'group', groupId: g.id } as ContactFilter, label: `${g.name} (${g.members})` })),
  ];
  const activeGroup = filter.kind === 'group' ? groups.find((g) => g.id === filter.groupId) : undefined;
  return (
    <div className="contact-filters">
      <fieldset className="filter-chips">
        <legend className="visually-hidden">Show</legend>
        {chips.map((c) => (
          <button
            key={c.filter.kind === 'group' ? `g${c.filter.groupId}` : c.filter.kind}
            type="button"
            className="filter-chip"
            aria-pressed={sameFilter(c.filter, filter)}
            onClick={() => void setFilter(c.filter)}
          >
            {c.filter.kind === 'favourites' && <Icon name="star" size={14} filled />}
            {c.label}
          </button>
        ))}
        {!creating && (
          <button type="button" className="filter-chip filter-chip-add" onClick={() => setCreating(true)}>
            <Icon name="add" size={14} /> New group
          </button>
        )}
      </fieldset>
      {creating && (
        <GroupNameForm
          initial=""
          submitLabel="Create group"
          onDone={async (name) => {
            if (name !== undefined) {
              const r = await saveGroup({ name });
              if (!r.ok) return r.reason;
              await setFilter({ kind: 'group', groupId: r.group.id });
            }
            setCreating(false);
            return undefined;
          }}
        />
      )}
      {activeGroup && <GroupActions key={activeGroup.id} group={activeGroup} />}
    </div>
  );
}
