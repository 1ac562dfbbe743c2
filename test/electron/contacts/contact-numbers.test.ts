// Every place a number enters by the one rule (shared/fax-number.ts): the contact form's save
// and a hot-folder routing code refuse a number not in use with the reason, and take an
// extension without dialling it.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { routeDocument } from '../../../electron/hotfolder/routing.ts';
import { get } from '../../../electron/store/sql.ts';
import { openTestBook, type TestBook } from './helpers.ts';

let t: TestBook;
beforeEach(() => {
  t = openTestBook();
});
afterEach(() => t.close());

const blank = { name: 'Dr Ada Smith', company: '', toHeader: '', notes: '', favourite: false, groupIds: [] as number[] };

describe('numbers entering the address book and the hot folder', () => {
  it('the contact form refuses a number whose area code is not in use, under the fax field', () => {
    const r = t.book.save({ ...blank, fax: '999 555 0100' });
    expect(r).toEqual({ ok: false, errors: { fax: expect.stringMatching(/^Area code 999 is not in use in North America/) } });
    expect(get<{ n: number }>(t.store.db, 'SELECT count(*) AS n FROM contacts')?.n).toBe(0);
  });

  it('the contact form keeps what was typed and stores the number without its extension', () => {
    const r = t.book.save({ ...blank, fax: '212 555 0100 ext. 204' });
    expect(r).toMatchObject({
      ok: true,
      contact: { faxNumber: '12125550100', faxDisplay: '+1 212 555 0100', faxRaw: '212 555 0100 ext. 204' },
    });
  });

  it('a routing code with a number not in use is a problem with the reason; an extension is not dialled', async () => {
    const bad = await routeDocument({ fileName: 'scan.pdf', text: '{{fax: 999 555 0100}}' });
    expect(bad.recipients).toEqual([]);
    expect(bad.problems).toEqual([expect.stringMatching(/is not a usable fax number: Area code 999 is not in use in North America/)]);
    const ext = await routeDocument({ fileName: 'scan.pdf', text: '{{fax: 212 555 0100 x12}}' });
    expect(ext.recipients).toEqual([{ number: '12125550100', display: '+1 212 555 0100' }]);
    expect(ext.problems).toEqual([]);
  });
});
