// Preparing a merge: the template's fields at once, the rows checked and stored in SQLite, the
// view's counts, blockers and estimate, fixes and left-out rows, the choices' checks.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countMergeRows, getMerge } from '../../../electron/store/merges-repo.ts';
import { setSetting } from '../../../electron/store/settings-repo.ts';
import { mergeFieldTemplate, noFieldsTemplate, zipOfSomethingElse } from '../../fixtures/merge-templates.ts';
import { csvOf, type MergeHarness, people, startMergeHarness } from './merge-harness.ts';

let h: MergeHarness;
beforeEach(async () => {
  h = await startMergeHarness();
});
afterEach(async () => {
  await h.close();
});

describe('preparing a merge', () => {
  it('shows the template’s fields at once and names the fields the data lacks', async () => {
    setSetting(h.store.db, 'fromHeader', 'Clinic');
    const view = await h.merge.openTemplate('Notice.docx', await mergeFieldTemplate({ simple: false }));
    expect(view.template).toMatchObject({ name: 'Notice.docx', fields: ['Name', 'Fax', 'Account', 'Patient list'] });
    expect(view.options).toMatchObject({ fromHeader: 'Clinic', resolution: 'standard', priority: 'Normal', paperSize: null });
    expect(view.blockers.map((b) => b.code)).toEqual(['no-data']);
    expect(h.merge.current()?.id).toBe(view.id);

    const csv = new TextEncoder().encode('Name,Fax\nDr A,212-555-2000\n');
    const withData = await h.merge.openData(view.id, { kind: 'bytes', fileName: 'doctors.csv', bytes: csv });
    expect(withData.missingFields).toEqual(['Account', 'Patient list']);
    expect(withData.blockers.map((b) => b.code)).toEqual(['missing-fields']);
    expect(withData.blockers[0]?.message).toContain('«Account», «Patient list»');
  });

  it('keeps the rows in SQLite and pages through them, each checked, with the problems counted', async () => {
    const rows = people(50);
    rows[3] = { ...rows[3], fax: 'not a number' } as (typeof rows)[number];
    rows[17] = { ...rows[17], fax: '' } as (typeof rows)[number];
    rows[40] = { ...rows[40], fax: '12' } as (typeof rows)[number];
    const id = await h.prepare(rows);
    expect(countMergeRows(h.store.db, id)).toBe(50);
    const view = h.merge.get(id);
    expect(view?.counts).toEqual({ rows: 50, ready: 47, problems: 3, leftOut: 0, duplicates: 0 });
    expect(view?.blockers.map((b) => b.code)).toEqual(['problem-rows']);
    expect(view?.blockers[0]?.message).toBe('3 rows have problems: fix them or leave them out.');
    const page = h.merge.listRows(id, 'all', 10, 5);
    expect(page.total).toBe(50);
    expect(page.rows.map((r) => r.row)).toEqual([10, 11, 12, 13, 14]);
    expect(page.rows[0]).toMatchObject({ number: '12125552010', values: { Name: 'Dr Person 10', Account: 'ACC-1010' }, problems: [] });
    const problems = h.merge.listRows(id, 'problems', 0, 100);
    expect(problems.rows.map((r) => r.row)).toEqual([3, 17, 40]);

    // Fixed in place, left out: the counts follow, and Send is free.
    const fixed = await h.merge.fixRow(id, 3, { Fax: '212 555 2003' });
    expect(fixed.row).toMatchObject({ row: 3, number: '12125552003', problems: [] });
    const left = await h.merge.setLeftOut(id, [17, 40], true);
    expect(left.counts).toEqual({ rows: 50, ready: 48, problems: 0, leftOut: 2, duplicates: 0 });
    expect(left.blockers).toEqual([]);
    expect(h.merge.listRows(id, 'left-out', 0, 10).rows.map((r) => r.row)).toEqual([17, 40]);
    // The estimate: the template's own page count for each ready row; no price is known without an account.
    expect(left.estimate).toEqual({ pagesPerFax: 1, faxes: 48, cost: null });
  });

  it('refuses a file that is no template with its reason, and names a template with no fields', async () => {
    await expect(h.merge.openTemplate('Notice.docx', await zipOfSomethingElse())).rejects.toMatchObject({ code: expect.any(String) });
    expect(h.merge.current()).toBeNull();
    const maybe = await h.merge.openTemplate('Plain.docx', await noFieldsTemplate()).catch((e: Error & { code: string }) => e);
    if (maybe instanceof Error) expect(maybe.message).toMatch(/field/i);
    else expect(maybe.blockers.map((b) => b.code)).toContain('no-fields');
  });

  it('replaces the template of the merge being prepared, and keeps the person’s picks', async () => {
    const id = await h.prepare(people(3));
    await h.merge.update(id, {
      mapping: {
        fields: { Name: 'Name', Fax: 'Fax', Account: 'Patient list', 'Patient list': 'Patient list' },
        numberColumn: 'Fax',
        toHeaderField: 'Name',
      },
    });
    const again = await h.merge.openTemplate('Notice 2.docx', await mergeFieldTemplate({ simple: true, pages: 2 }));
    expect(again.id).toBe(id);
    expect(again.template?.name).toBe('Notice 2.docx');
    expect(again.mapping).toEqual({
      fields: { Name: 'Name', Fax: 'Fax', Account: 'Patient list', 'Patient list': 'Patient list' },
      numberColumn: 'Fax',
      toHeaderField: 'Name',
    });
    expect(again.estimate.pagesPerFax).toBe(2);
    await expect(
      h.merge.update(id, { mapping: { fields: { Name: 'Nope' }, numberColumn: 'Fax', toHeaderField: null } }),
    ).rejects.toMatchObject({
      code: 'mapping',
    });
  });

  it('counts the cover page in the estimate and checks the From header', async () => {
    const id = await h.prepare(people(4));
    const view = h.merge.get(id);
    if (!view) throw new Error('no merge');
    const next = await h.merge.update(id, {
      options: {
        ...view.options,
        fromHeader: 'x'.repeat(60),
        cover: { enabled: true, to: '{{Name}}', from: '', subject: 'For {{Account}}', message: '' },
      },
    });
    expect(next.estimate.pagesPerFax).toBe(2);
    expect(next.blockers.map((b) => b.code)).toEqual(['from-header']);
  });

  it('discards a draft with its rows and its template copy', async () => {
    const id = await h.prepare(people(2));
    expect(await h.merge.discard(id)).toBeNull();
    expect(getMerge(h.store.db, id)).toBeUndefined();
    expect(countMergeRows(h.store.db, id)).toBe(0);
  });

  it('reads a group of the address book as its rows', async () => {
    const view = await h.merge.openTemplate('Notice.docx', await mergeFieldTemplate({ simple: true, fields: ['Name'] }));
    await expect(h.merge.openData(view.id, { kind: 'group', groupId: 999 })).rejects.toMatchObject({ code: expect.any(String) });
    const csv = csvOf(people(1));
    expect((await h.merge.openData(view.id, { kind: 'bytes', fileName: 'a.csv', bytes: csv })).counts.ready).toBe(1);
  });
});
