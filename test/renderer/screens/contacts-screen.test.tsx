// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { ContactSummary } from '../../../shared/ipc/contract/contacts.ts';
import { ContactsScreen } from '../../../renderer/src/screens/contacts/contacts-screen.tsx';
import { contact, contactDetail } from '../fixtures.ts';
import { fakeMain, render, type, until, useStore, user, withViewport } from '../harness.ts';

const book = [contact(1, 'Alice Ames', { company: 'Ames Legal' }), contact(2, 'Bob Burns', { favourite: true }), contact(3, 'Carol Cole')];

function answerBook(rows: ContactSummary[] = book) {
  fakeMain.answer('listContacts', ({ query, offset, limit }) => {
    const hits = rows.filter((c) => c.name.toLowerCase().includes(query.toLowerCase()));
    return { total: hits.length, offset, items: hits.slice(offset, offset + limit) };
  });
  fakeMain.answer('listGroups', () => ({ groups: [{ id: 4, name: 'Clinics', members: 2 }] }));
  fakeMain.answer('getContact', ({ id }) => ({ contact: contactDetail(rows.find((c) => c.id === id)!) }));
}

const options = (el: HTMLElement) => [...el.querySelectorAll('[data-testid=contact-list] [role=option]')].map((o) => o.textContent);

describe('Address book screen', () => {
  it('lists the contacts main has, with the count and the groups', async () => {
    withViewport(400, 600);
    answerBook();
    const screen = await render(<ContactsScreen />);
    await until(() => expect(options(screen)).toHaveLength(3));
    expect(options(screen)).toEqual([
      'Alice AmesAmes Legal · +1 202 555 0001',
      'Bob Burns+1 202 555 0002, favourite',
      'Carol Cole+1 202 555 0003',
    ]);
    expect(screen.querySelector('[data-testid=contact-count]')?.textContent).toBe('3 contacts');
    expect(screen.textContent).toContain('Clinics (2)');
  });

  it('searches as you type, and says when nothing matches', async () => {
    withViewport(400, 600);
    answerBook();
    const screen = await render(<ContactsScreen />);
    await until(() => expect(options(screen)).toHaveLength(3));
    const search = screen.querySelector<HTMLInputElement>('input[type=search]')!;
    await type(search, 'car');
    await until(() => expect(options(screen)).toEqual(['Carol Cole+1 202 555 0003']));
    expect(screen.querySelector('[data-testid=contact-count]')?.textContent).toBe('1 contact found');
    await type(search, 'zed');
    await until(() =>
      expect(screen.querySelector('.contact-list-empty')?.textContent).toBe(
        'No contact matches “zed”. Search looks in names, companies and fax numbers.',
      ),
    );
  });

  it('opens a clicked contact, and faxes it from there', async () => {
    withViewport(400, 600);
    answerBook();
    const screen = await render(<ContactsScreen />);
    await until(() => expect(options(screen)).toHaveLength(3));
    await user(() => (screen.querySelectorAll<HTMLElement>('[role=option]')[1] as HTMLElement).click());
    await until(() => expect(screen.querySelector('#contact-view-title')?.textContent).toBe('Bob Burns'));
    expect(screen.querySelectorAll('[role=option]')[1]?.getAttribute('aria-selected')).toBe('true');
    await user(() => [...screen.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent === 'Fax this contact')!.click());
    expect(useStore.getState()).toMatchObject({ screen: 'compose', pendingRecipients: [{ contactId: 2, name: 'Bob Burns' }] });
  });
});
