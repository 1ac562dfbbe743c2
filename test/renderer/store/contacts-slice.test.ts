// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { ContactSummary } from '../../../shared/ipc/contract/contacts.ts';
import { contact, contactDetail } from '../fixtures.ts';
import { fakeMain, useStore } from '../harness.ts';

const book = [contact(1, 'Alice Ames'), contact(2, 'Bob Burns', { favourite: true }), contact(3, 'Carol Cole')];

/** Main's address book: filters and pages `book` as listContacts does. */
function answerList(rows: ContactSummary[] = book) {
  fakeMain.answer('listContacts', ({ query, favouritesOnly, offset, limit }) => {
    const hits = rows.filter((c) => c.name.toLowerCase().includes(query.toLowerCase()) && (!favouritesOnly || c.favourite));
    return { total: hits.length, offset, items: hits.slice(offset, offset + limit) };
  });
}

describe('contacts slice', () => {
  it('lists the first page for the query, filter and sort', async () => {
    answerList();
    await useStore.getState().reloadContacts();
    expect(useStore.getState()).toMatchObject({ contactTotal: 3, contactListLoaded: true, contactListError: undefined });
    await useStore.getState().setContactQuery('bo');
    expect(useStore.getState().contactPages[0]?.map((c) => c.name)).toEqual(['Bob Burns']);
    await useStore.getState().setContactFilter({ kind: 'favourites' });
    expect(fakeMain.requestsTo('listContacts').at(-1)).toMatchObject({ query: 'bo', favouritesOnly: true, sort: 'name', offset: 0 });
  });

  it('drops the answer to a query typed over', async () => {
    let release!: () => void;
    const slow = new Promise<void>((r) => (release = r));
    fakeMain.answer('listContacts', async ({ query, offset }) => {
      if (query === 'a') await slow;
      const items = book.filter((c) => c.name.toLowerCase().startsWith(query));
      return { total: items.length, offset, items };
    });
    const first = useStore.getState().setContactQuery('a');
    await useStore.getState().setContactQuery('c');
    release();
    await first;
    expect(useStore.getState().contactPages[0]?.map((c) => c.name)).toEqual(['Carol Cole']);
  });

  it('says why the list could not be read', async () => {
    fakeMain.refuse('listContacts', 'The database is locked.');
    await useStore.getState().reloadContacts();
    expect(useStore.getState()).toMatchObject({ contactListLoaded: true, contactListError: 'The database is locked.' });
  });

  it('falls back to everyone when the filtered group was deleted elsewhere', async () => {
    answerList();
    useStore.setState({ contactFilter: { kind: 'group', groupId: 7 } });
    fakeMain.answer('listGroups', () => ({ groups: [{ id: 8, name: 'Clinics', members: 2 }] }));
    await useStore.getState().loadContactGroups();
    expect(useStore.getState().contactFilter).toEqual({ kind: 'all' });
    expect(useStore.getState().contactGroups.map((g) => g.name)).toEqual(['Clinics']);
  });

  it('opens a contact and stars it in the list in place', async () => {
    answerList();
    await useStore.getState().reloadContacts();
    fakeMain.answer('getContact', ({ id }) => ({ contact: contactDetail(book.find((c) => c.id === id)!) }));
    await useStore.getState().selectContact(1);
    expect(useStore.getState().selectedContact?.name).toBe('Alice Ames');

    fakeMain.answer('setFavourite', () => ({ ok: true }));
    await useStore.getState().toggleContactFavourite(1, true);
    expect(useStore.getState().selectedContact?.favourite).toBe(true);
    expect(useStore.getState().contactPages[0]?.[0]?.favourite).toBe(true);
  });

  it('hands recipients to Compose once', () => {
    const r = {
      contactId: 1,
      name: 'Alice Ames',
      company: '',
      faxNumber: '12025550001',
      faxDisplay: '+1 202 555 0001',
      toHeader: 'Alice Ames',
    };
    useStore.getState().faxContacts([r]);
    expect(useStore.getState().screen).toBe('compose');
    expect(useStore.getState().takePendingRecipients()).toEqual([r]);
    expect(useStore.getState().takePendingRecipients()).toEqual([]);
  });
});

describe('contact actions', () => {
  it('searches for Compose and saves a contact as main answers', async () => {
    const r = {
      contactId: 1,
      name: 'Alice Ames',
      company: '',
      faxNumber: '12025550001',
      faxDisplay: '+1 202 555 0001',
      toHeader: 'Alice Ames',
    };
    fakeMain.answer('searchContacts', () => ({ items: [r] }));
    expect(await useStore.getState().searchContacts('ali', 8)).toEqual([r]);
    expect(fakeMain.requestsTo('searchContacts')).toEqual([{ query: 'ali', limit: 8 }]);

    fakeMain.answer('saveContact', () => ({ ok: false, errors: { fax: 'The number is too short.' } }));
    expect(await useStore.getState().saveContact({ name: 'Dee', fax: '555' })).toEqual({
      ok: false,
      errors: { fax: 'The number is too short.' },
    });
  });

  it('deletes the open contact and closes it', async () => {
    useStore.setState({ selectedContactId: 2, selectedContact: contactDetail(book[1]!) });
    fakeMain.answer('deleteContacts', ({ ids }) => ({ deleted: ids.length }));
    await useStore.getState().deleteContacts([2]);
    expect(useStore.getState()).toMatchObject({ selectedContactId: undefined, selectedContact: undefined });
  });

  it('creates a group (the chips follow) and deletes one (everyone shows again)', async () => {
    answerList();
    const groups = [{ id: 4, name: 'Clinics', members: 0 }];
    fakeMain.answer('listGroups', () => ({ groups }));
    fakeMain.answer('saveGroup', ({ name }) => (name.trim() ? { ok: true, group: groups[0]! } : { ok: false, reason: 'Type a name.' }));
    expect(await useStore.getState().saveContactGroup({ name: ' ' })).toEqual({ ok: false, reason: 'Type a name.' });
    expect(useStore.getState().contactGroups).toEqual([]);
    expect((await useStore.getState().saveContactGroup({ name: 'Clinics' })).ok).toBe(true);
    expect(useStore.getState().contactGroups).toEqual(groups);

    useStore.setState({ contactFilter: { kind: 'group', groupId: 4 } });
    fakeMain.answer('deleteGroup', () => ({ deleted: true }));
    groups.length = 0;
    await useStore.getState().deleteContactGroup(4);
    expect(useStore.getState()).toMatchObject({ contactFilter: { kind: 'all' }, contactGroups: [] });
  });

  it('faxes a group: its members with numbers go to Compose, the others are counted', async () => {
    const r = {
      contactId: 1,
      name: 'Alice Ames',
      company: '',
      faxNumber: '12025550001',
      faxDisplay: '+1 202 555 0001',
      toHeader: 'Alice Ames',
    };
    fakeMain.answer('groupRecipients', () => ({ items: [r], skipped: 2 }));
    await useStore.getState().faxContactGroup(4, 'Clinics');
    expect(useStore.getState()).toMatchObject({ screen: 'compose', pendingRecipients: [r] });
    expect(useStore.getState().toasts).toMatchObject([{ level: 'warning', title: '2 members left out' }]);

    fakeMain.answer('groupRecipients', () => ({ items: [], skipped: 0 }));
    await useStore.getState().faxContactGroup(5, 'Empty');
    expect(useStore.getState().toasts.at(-1)).toMatchObject({ title: '“Empty” has no one to fax' });
  });

  it('exports and says where the file went', async () => {
    fakeMain.answer('exportContacts', () => ({ kind: 'saved', path: '/home/ann/contacts.vcf', count: 3 }));
    await useStore.getState().exportContacts('vcard', { groupId: 4, groupName: 'Clinics' });
    expect(fakeMain.requestsTo('exportContacts')).toEqual([{ format: 'vcard', groupId: 4 }]);
    expect(useStore.getState().toasts).toMatchObject([
      { level: 'success', title: 'Exported vCard', message: '3 contacts of the group “Clinics” saved to /home/ann/contacts.vcf.' },
    ]);
  });
});

describe('contact import', () => {
  it('sends a chosen file as base64, refuses one over 50 MB, and shows the imported group', async () => {
    const csv = 'Name,Fax\nÅsa Berg,+46 8 123 456\n';
    const mapping = { name: ['Name'], company: [], fax: ['Fax'], toHeader: [], notes: [], groups: [], favourite: [] };
    fakeMain.answer('importOpen', ({ source }) => {
      if (source.kind !== 'bytes') return { ok: false, canceled: true, reason: '' };
      expect(Buffer.from(source.base64, 'base64').toString('utf8')).toBe(csv);
      return {
        ok: true,
        importId: 'imp1',
        fileName: source.fileName,
        format: 'csv',
        layout: 'generic',
        columns: ['Name', 'Fax'],
        mapping,
        sample: [],
        rowCount: 1,
      };
    });
    const opened = await useStore.getState().openContactImport(new File([csv], 'people.csv'));
    expect(opened).toMatchObject({ ok: true, importId: 'imp1', fileName: 'people.csv' });

    const huge = new File([new Uint8Array(1)], 'huge.csv');
    Object.defineProperty(huge, 'size', { value: 51 * 1024 * 1024 });
    await expect(useStore.getState().openContactImport(huge)).rejects.toThrow('huge.csv is over 50 MB: split it into smaller files.');

    answerList();
    fakeMain.answer('listGroups', () => ({ groups: [{ id: 9, name: 'Imported', members: 1 }] }));
    fakeMain.answer('importCommit', () => ({ added: 1, merged: 0, skipped: 0, invalid: 0, total: 1, groupId: 9 }));
    const report = await useStore.getState().commitContactImport('imp1', 'merge', 'Imported');
    expect(report.added).toBe(1);
    expect(useStore.getState().contactFilter).toEqual({ kind: 'group', groupId: 9 });
  });
});
