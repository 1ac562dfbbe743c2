// The address-book channels through the real router: contacts and groups are rows in SQLite,
// an import goes open → analyze → commit into those rows, and an export is a file on disk
// (desktop) or content to download (browser).

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { all, get } from '../../../electron/store/sql.ts';
import { contactsMethods } from '../../../shared/ipc/contract/contacts.ts';
import { type HandlersHarness, itDispatchedEvery, startHandlers } from './handlers-harness.ts';

const dispatched = new Set<string>();
let h: HandlersHarness;

beforeAll(async () => {
  h = await startHandlers({ dispatched });
});
afterAll(() => h.close());

const db = () => h.services.store.db;
const contactRow = (id: number) =>
  get<{ name: string; fax_number: string; favourite: number }>(db(), 'SELECT name, fax_number, favourite FROM contacts WHERE id = :id', {
    id,
  });
const contactCount = () => get<{ n: number }>(db(), 'SELECT count(*) AS n FROM contacts')?.n;

const CSV = ['Name,Company,Fax', 'Carla Diaz,Initech,(415) 555-0101', 'Dan Ito,,415.555.0102', 'Bad Number,,555'].join('\r\n');

let ann: number;
let group: number;

describe('contact channels', () => {
  it('save a contact as a row, refuse a bad number under its field, and read it back', async () => {
    const saved = await h.value('saveContact', { name: 'Ann Lee', company: 'Acme', fax: '(212) 555-0100' });
    expect(saved.ok).toBe(true);
    if (!saved.ok) return;
    ann = saved.contact.id;
    expect(contactRow(ann)).toMatchObject({ name: 'Ann Lee', fax_number: expect.stringMatching(/2125550100$/) });

    const refused = await h.value('saveContact', { name: 'Nobody', fax: '555' });
    expect(refused).toMatchObject({ ok: false, errors: { fax: expect.any(String) } });
    expect(contactCount()).toBe(1);
    expect(await h.refusal('saveContact', { name: 'No fax' })).toMatchObject({ code: 'invalid-payload', issues: [{ path: 'fax' }] });

    expect(await h.value('getContact', { id: ann })).toMatchObject({ contact: { name: 'Ann Lee', company: 'Acme', groupIds: [] } });
    expect(await h.value('getContact', { id: 999 })).toEqual({ contact: null });
  });

  it('list and search with the defaults the contract fills in, and keep favourites', async () => {
    expect(await h.value('listContacts', {})).toMatchObject({ total: 1, offset: 0, items: [{ id: ann, favourite: false }] });
    expect(await h.value('searchContacts', { query: 'ann' })).toMatchObject({ items: [{ contactId: ann, name: 'Ann Lee' }] });
    expect(await h.value('setFavourite', { id: ann, favourite: true })).toEqual({ ok: true });
    expect(contactRow(ann)?.favourite).toBe(1);
    expect(await h.value('listContacts', { favouritesOnly: true })).toMatchObject({ total: 1 });
  });

  it('keep groups as rows and send to their members', async () => {
    const made = await h.value('saveGroup', { name: 'Clients' });
    expect(made).toMatchObject({ ok: true, group: { name: 'Clients', members: 0 } });
    if (!made.ok) return;
    group = made.group.id;
    expect(await h.value('saveGroup', { name: ' clients ' })).toMatchObject({ ok: false, reason: expect.stringContaining('Clients') });

    const detail = (await h.value('getContact', { id: ann })).contact!;
    await h.value('saveContact', { id: ann, name: detail.name, company: detail.company, fax: detail.faxRaw, groupIds: [group] });
    expect(await h.value('listGroups', undefined)).toEqual({ groups: [{ id: group, name: 'Clients', members: 1 }] });
    expect(await h.value('groupRecipients', { groupId: group })).toMatchObject({ items: [{ contactId: ann }], skipped: 0 });
  });
});

describe('import channels', () => {
  it('open a dropped file, check its rows and write the ready ones', async () => {
    const opened = await h.value('importOpen', {
      source: { kind: 'bytes', fileName: 'people.csv', base64: Buffer.from(CSV).toString('base64') },
    });
    expect(opened).toMatchObject({ ok: true, format: 'csv', rowCount: 3 });
    if (!opened.ok) return;

    expect(await h.refusal('importCommit', { importId: opened.importId, duplicates: 'skip' })).toEqual({
      code: 'import-not-checked',
      message: 'Check the rows before importing them.',
      field: 'importId',
    });
    const preview = await h.value('importAnalyze', { importId: opened.importId });
    expect(preview.counts).toMatchObject({ total: 3, ready: 2, invalid: 1 });
    const report = await h.value('importCommit', { importId: opened.importId, duplicates: 'skip', groupName: 'Imported' });
    expect(report).toMatchObject({ added: 2, invalid: 1 });
    expect(all<{ name: string }>(db(), 'SELECT name FROM contacts ORDER BY id').map((r) => r.name)).toEqual([
      'Ann Lee',
      'Carla Diaz',
      'Dan Ito',
    ]);
    expect(await h.refusal('importCommit', { importId: opened.importId, duplicates: 'keep-both' })).toMatchObject({
      code: 'invalid-payload',
      issues: [{ path: 'duplicates' }],
    });
  });

  it('fix a problem row in the preview: checked again at once, then imported', async () => {
    const file = ['Name,Company,Fax', 'Eve Park,Umbrella,999 555 0100'].join('\r\n');
    const opened = await h.value('importOpen', {
      source: { kind: 'bytes', fileName: 'fix.csv', base64: Buffer.from(file).toString('base64') },
    });
    if (!opened.ok) throw new Error(opened.reason);
    expect(await h.refusal('importFixRow', { importId: opened.importId, row: 2, field: 'fax', value: '1' })).toMatchObject({
      code: 'import-not-checked',
    });
    const preview = await h.value('importAnalyze', { importId: opened.importId });
    expect(preview.rows[0]).toMatchObject({ row: 2, status: 'invalid', reason: expect.stringMatching(/^Area code 999 is not in use/) });
    expect(await h.refusal('importFixRow', { importId: opened.importId, row: 9, field: 'fax', value: '1' })).toEqual({
      code: 'import-row-unknown',
      message: 'Row 9 is not in this file.',
      field: 'row',
    });
    expect(await h.refusal('importFixRow', { importId: opened.importId, row: 2, field: 'notes', value: 'x' })).toMatchObject({
      code: 'invalid-payload',
      issues: [{ path: 'field' }],
    });
    const fixed = await h.value('importFixRow', { importId: opened.importId, row: 2, field: 'fax', value: '212 555 0177 x4' });
    expect(fixed.counts).toMatchObject({ total: 1, ready: 1, invalid: 0 });
    expect(fixed.rows).toEqual([
      expect.objectContaining({
        row: 2,
        status: 'ready',
        faxDisplay: '+1 212 555 0177',
        edited: true,
        warnings: [expect.stringMatching(/Extension 4 is left out/)],
      }),
    ]);
    expect(await h.value('importCommit', { importId: opened.importId, duplicates: 'skip' })).toMatchObject({ added: 1, invalid: 0 });
    const eve = get<{ id: number; fax_number: string }>(db(), "SELECT id, fax_number FROM contacts WHERE name = 'Eve Park'");
    expect(eve?.fax_number).toBe('12125550177');
    // The later tests count the contacts the first import made.
    await h.value('deleteContacts', { ids: [eve?.id ?? 0] });
  });

  it('open a picked file, and refuse an import that was canceled, with its code and field', async () => {
    const path = join(h.dataDir, 'picked.csv');
    writeFileSync(path, CSV);
    h.host.answers.files.push([path]);
    const opened = await h.value('importOpen', { source: { kind: 'pick' } });
    expect(opened).toMatchObject({ ok: true, fileName: 'picked.csv', rowCount: 3 });
    if (!opened.ok) return;
    expect(h.host.asked.at(-1)).toBe('Import contacts');

    expect(await h.value('importCancel', { importId: opened.importId })).toEqual({ ok: true });
    expect(await h.value('importCancel', { importId: opened.importId })).toEqual({ ok: false });
    expect(await h.refusal('importAnalyze', { importId: opened.importId })).toEqual({
      code: 'import-expired',
      message: 'This import has expired or was closed: choose the file again.',
      field: 'importId',
    });

    expect(await h.value('importOpen', { source: { kind: 'pick' } })).toEqual({ ok: false, canceled: true, reason: '' });
    h.host.dialogs = false;
    try {
      expect(await h.value('importOpen', { source: { kind: 'pick' } })).toMatchObject({ ok: false, canceled: false });
    } finally {
      h.host.dialogs = true;
    }
  });
});

describe('export and delete channels', () => {
  it('hand the browser the file to download, and save it where the desktop app was told', async () => {
    const download = await h.value('exportContacts', { format: 'csv' }, 'web');
    expect(download).toMatchObject({ kind: 'download', count: 3 });
    if (download.kind !== 'download') return;
    expect(download.content).toContain('Carla Diaz');

    const target = join(h.dataDir, 'clients.vcf');
    h.host.answers.savePaths.push(target);
    const saved = await h.value('exportContacts', { format: 'vcard', groupId: group }, 'electron');
    expect(saved).toEqual({ kind: 'saved', path: target, count: 1 });
    expect(readFileSync(target, 'utf8')).toContain('FN:Ann Lee');
    expect(await h.value('exportContacts', { format: 'csv' }, 'electron')).toEqual({ kind: 'canceled' });
    expect(await h.refusal('exportContacts', { format: 'xlsx' })).toMatchObject({ code: 'invalid-payload' });
  });

  it('delete groups and contacts', async () => {
    expect(await h.value('deleteGroup', { id: group })).toEqual({ deleted: true });
    expect((await h.value('listGroups', undefined)).groups.map((g) => g.name)).toEqual(['Imported']);
    const ids = all<{ id: number }>(db(), 'SELECT id FROM contacts').map((r) => r.id);
    expect(await h.value('deleteContacts', { ids })).toEqual({ deleted: 3 });
    expect(contactCount()).toBe(0);
    expect(await h.refusal('deleteContacts', { ids: [] })).toMatchObject({ code: 'invalid-payload', issues: [{ path: 'ids' }] });
  });

  itDispatchedEvery(contactsMethods, dispatched);
});
