// The address-book list: a listbox of every matching contact, virtualised (only the rows in
// view exist, fetched a page at a time), driven by ↑/↓/Home/End/Page keys as well as the mouse.

import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, useEffect, useId, useRef } from 'react';
import type { ContactSummary } from '../../../../shared/ipc/contract/contacts.ts';
import { Icon } from '../../components/icon.tsx';
import { useStore } from '../../store/index.ts';
import { CONTACT_PAGE_SIZE } from '../../store/slices/contacts-slice.ts';

const ROW_HEIGHT = 56;

function ContactRow({ contact }: { contact: ContactSummary | undefined }) {
  if (!contact) return <span className="contact-row-text muted">Loading…</span>;
  const title = contact.name || contact.company;
  const sub = [contact.name ? contact.company : '', contact.faxDisplay].filter(Boolean).join(' · ');
  return (
    <>
      <span className="contact-row-text">
        <span className="contact-row-title">{title}</span>
        <span className="contact-row-sub">{sub}</span>
      </span>
      {contact.favourite && (
        <span className="contact-star" title="Favourite">
          <Icon name="star" size={14} filled />
          <span className="visually-hidden">, favourite</span>
        </span>
      )}
    </>
  );
}

export function ContactList({ labelledBy }: { labelledBy: string }) {
  const total = useStore((s) => s.contactTotal);
  const pages = useStore((s) => s.contactPages);
  const version = useStore((s) => s.contactListVersion);
  const resets = useStore((s) => s.contactListResets);
  const selectedId = useStore((s) => s.selectedContactId);
  const loaded = useStore((s) => s.contactListLoaded);
  const query = useStore((s) => s.contactQuery);
  const filter = useStore((s) => s.contactFilter);
  const loadPage = useStore((s) => s.loadContactPage);
  const select = useStore((s) => s.selectContact);
  const scroller = useRef<HTMLDivElement>(null);
  const id = useId();

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  // Runs again when pages are replaced (a new query keeps only its first page): loadPage
  // returns at once for pages already here or on their way.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `pages` and `version` are the triggers, not inputs.
  useEffect(() => {
    if (!total) return;
    for (let page = Math.floor(first / CONTACT_PAGE_SIZE); page <= Math.floor(last / CONTACT_PAGE_SIZE); page++) void loadPage(page);
  }, [first, last, total, version, pages, loadPage]);

  // A new query, filter or sort starts at the top.
  useEffect(() => {
    if (resets) scroller.current?.scrollTo({ top: 0 });
  }, [resets]);

  const rowAt = (index: number): ContactSummary | undefined => pages[Math.floor(index / CONTACT_PAGE_SIZE)]?.[index % CONTACT_PAGE_SIZE];
  const activeIndex = (() => {
    if (selectedId === undefined) return -1;
    for (const [page, rows] of Object.entries(pages)) {
      const i = rows.findIndex((r) => r.id === selectedId);
      if (i >= 0) return Number(page) * CONTACT_PAGE_SIZE + i;
    }
    return -1;
  })();

  const goTo = (index: number) => {
    const target = Math.max(0, Math.min(total - 1, index));
    virtualizer.scrollToIndex(target, { align: 'auto' });
    const row = rowAt(target);
    if (row) void select(row.id);
    else {
      // The page is not here yet: fetch it, then select.
      void loadPage(Math.floor(target / CONTACT_PAGE_SIZE)).then(() => {
        const fetched = useStore.getState().contactPages[Math.floor(target / CONTACT_PAGE_SIZE)]?.[target % CONTACT_PAGE_SIZE];
        if (fetched) void select(fetched.id);
      });
    }
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (!total) return;
    const pageRows = Math.max(1, Math.floor((scroller.current?.clientHeight ?? ROW_HEIGHT * 8) / ROW_HEIGHT) - 1);
    const from = activeIndex < 0 ? -1 : activeIndex;
    const moves: Record<string, number> = {
      ArrowDown: from + 1,
      ArrowUp: from < 0 ? 0 : from - 1,
      Home: 0,
      End: total - 1,
      PageDown: from + pageRows,
      PageUp: from - pageRows,
    };
    if (e.key in moves) {
      e.preventDefault();
      goTo(moves[e.key] as number);
    }
  };

  if (loaded && total === 0) {
    return (
      <div className="contact-list-empty" role="status">
        {query.trim() ? (
          <p>No contact matches “{query.trim()}”. Search looks in names, companies and fax numbers.</p>
        ) : filter.kind === 'group' ? (
          <p>No one in this group yet: tick the group in a contact’s Edit form to add them.</p>
        ) : filter.kind === 'favourites' ? (
          <p>No favourites yet: mark a contact as a favourite to keep it here.</p>
        ) : (
          <p>No contacts here yet.</p>
        )}
      </div>
    );
  }

  return (
    <div
      ref={scroller}
      className="contact-list"
      role="listbox"
      tabIndex={0}
      aria-labelledby={labelledBy}
      aria-activedescendant={activeIndex >= 0 && activeIndex >= first && activeIndex <= last ? `${id}-${activeIndex}` : undefined}
      onKeyDown={onKeyDown}
      data-testid="contact-list"
    >
      <div className="contact-list-inner" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const contact = rowAt(item.index);
          const selected = contact !== undefined && contact.id === selectedId;
          return (
            // biome-ignore lint/a11y/useKeyWithClickEvents: the listbox handles the keys for its options.
            <div
              key={item.key}
              id={`${id}-${item.index}`}
              role="option"
              tabIndex={-1}
              aria-selected={selected}
              aria-posinset={item.index + 1}
              aria-setsize={total}
              className="contact-row"
              style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
              onClick={() => contact && void select(contact.id)}
            >
              <ContactRow contact={contact} />
            </div>
          );
        })}
      </div>
    </div>
  );
}
