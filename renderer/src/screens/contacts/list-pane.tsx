// The left pane: title and the import/export menu, search, filters, sort, and the list.

import { useId } from 'react';
import type { ContactSort } from '../../../../shared/ipc/contract/contacts.ts';
import { Icon } from '../../components/icon.tsx';
import { MenuButton } from '../../components/menu-button.tsx';
import { shortcutProps } from '../../keyboard/shortcut-keys.ts';
import { useStore } from '../../store/index.ts';
import { ContactFilters } from './contact-filters.tsx';
import { ContactList } from './contact-list.tsx';

const SORT_LABEL: Record<ContactSort, string> = { name: 'Name', company: 'Company', recent: 'Recently added' };

export function ListPane({ onNew, onImport }: { onNew(): void; onImport(): void }) {
  const query = useStore((s) => s.contactQuery);
  const setQuery = useStore((s) => s.setContactQuery);
  const sort = useStore((s) => s.contactSort);
  const setSort = useStore((s) => s.setContactSort);
  const total = useStore((s) => s.contactTotal);
  const loaded = useStore((s) => s.contactListLoaded);
  const error = useStore((s) => s.contactListError);
  const filter = useStore((s) => s.contactFilter);
  const groups = useStore((s) => s.contactGroups);
  const exportContacts = useStore((s) => s.exportContacts);
  const id = useId();
  const group = filter.kind === 'group' ? groups.find((g) => g.id === filter.groupId) : undefined;

  const menu = [
    { id: 'import', label: 'Import CSV or vCard…', onSelect: onImport },
    { id: 'export-csv', label: 'Export all as CSV', onSelect: () => void exportContacts('csv') },
    { id: 'export-vcard', label: 'Export all as vCard', onSelect: () => void exportContacts('vcard') },
    ...(group
      ? [
          {
            id: 'export-group-csv',
            label: `Export “${group.name}” as CSV`,
            onSelect: () => void exportContacts('csv', { groupId: group.id, groupName: group.name }),
          },
          {
            id: 'export-group-vcard',
            label: `Export “${group.name}” as vCard`,
            onSelect: () => void exportContacts('vcard', { groupId: group.id, groupName: group.name }),
          },
        ]
      : []),
  ];

  return (
    <section className="contacts-list-pane" aria-labelledby={`${id}-title`}>
      <header className="contacts-list-header">
        <h1 id={`${id}-title`}>Address book</h1>
        <span className="spacer" />
        <button type="button" className="button" onClick={onNew}>
          <Icon name="add" /> New contact
        </button>
        <MenuButton label="Import / export" items={menu} />
      </header>
      <div className="contacts-search">
        <label htmlFor={`${id}-search`} className="visually-hidden">
          Search contacts
        </label>
        <input
          id={`${id}-search`}
          {...shortcutProps('search', 'Search contacts')}
          type="search"
          className="input"
          placeholder="Search name, company or fax number"
          autoComplete="off"
          value={query}
          onChange={(e) => void setQuery(e.target.value)}
        />
      </div>
      <ContactFilters />
      <div className="contacts-list-meta">
        <span className="counter" aria-live="polite" data-testid="contact-count">
          {loaded ? `${total.toLocaleString()} ${total === 1 ? 'contact' : 'contacts'}${query.trim() ? ' found' : ''}` : 'Loading…'}
        </span>
        <span className="spacer" />
        <label htmlFor={`${id}-sort`} className="muted">
          Sort by
        </label>
        <select id={`${id}-sort`} className="input sort-select" value={sort} onChange={(e) => void setSort(e.target.value as ContactSort)}>
          {Object.entries(SORT_LABEL).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      {error && (
        <p className="banner banner-red" role="alert">
          The address book could not be read: {error}
        </p>
      )}
      <ContactList labelledBy={`${id}-title`} />
    </section>
  );
}
