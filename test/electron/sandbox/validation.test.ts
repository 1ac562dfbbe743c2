// Every documented submit answer, with the exact JSON body the vendor's page shows, and no
// fax created for any refusal.

import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../electron/sandbox/index.ts';
import { b64, DEMO, makePdf, makePdfOfSize, postMultipart, sandbox, submit, submitFields } from './helpers.ts';

let sb: Sandbox;
let pdf: Uint8Array;
beforeAll(async () => {
  sb = await sandbox({
    accounts: [
      { accountId: '300000003', apiKey: 'inactive-key', credit: 100, active: false },
      { accountId: '300000004', apiKey: 'poor-key', credit: 0.1 },
    ],
  });
  pdf = await makePdf(2);
});
afterAll(() => sb.close());

async function expectRefused(overrides: Record<string, string | undefined>, response: string, doc = pdf) {
  const before = sb.faxes().length;
  const res = await postMultipart(`${sb.url}/faxSendSubmit.php`, submitFields(doc, overrides));
  expect(res.status).toBe(200);
  expect(await res.text()).toBe(`{"Response":"${response}"}`);
  expect(sb.faxes()).toHaveLength(before);
}

describe('submit answers', () => {
  it('Success carries OutTransID as a string', async () => {
    const res = await postMultipart(`${sb.url}/faxSendSubmit.php`, submitFields(pdf));
    const text = await res.text();
    expect(text).toMatch(/^\{"Response":"Success","OutTransID":"\d+"\}$/);
    expect(sb.faxes().at(-1)?.outTransId).toBe(JSON.parse(text).OutTransID);
  });

  it.each([
    ['unknown account', { AccountID: '999999999' }],
    ['wrong key', { APIKey: 'nope' }],
    ['missing key', { APIKey: undefined }],
    ['missing account', { AccountID: undefined }],
    ['field names are case-sensitive, as in PHP', { AccountID: undefined, accountid: DEMO.accountId }],
  ])('InvalidAuthentication: %s', (_, o) => expectRefused(o, 'InvalidAuthentication'));

  it('AccountInactive: a deactivated account', () => expectRefused({ AccountID: '300000003', APIKey: 'inactive-key' }, 'AccountInactive'));

  it('AccountInactive: credit below one attempt (2 pages × 0.07 > 0.10), while 1 page fits', async () => {
    await expectRefused({ AccountID: '300000004', APIKey: 'poor-key' }, 'AccountInactive');
    const ok = await submit(sb, submitFields(await makePdf(1), { AccountID: '300000004', APIKey: 'poor-key' }));
    expect(ok.Response).toBe('Success');
  });

  it.each([
    ['10 digits starting with 1', '1202555019'],
    ['12 digits starting with 1', '120255501999'],
    ['a leading +', '+12025550199'],
    ['an 011 prefix', '011442079460000'],
    ['a leading 0', '02079460000'],
    ['dashes', '1-202-555-0199'],
    ['spaces', '1 202 555 0199'],
    ['a letter', '12O25550199'],
    ['too short (6 digits)', '442079'],
    ['too long (16 digits)', '4420794600001234'],
    ['empty', ''],
    ['missing', undefined],
  ])('InvalidFaxNumberLength: %s', (_, n) => expectRefused({ FaxNumber: n }, 'InvalidFaxNumberLength'));

  it('an international number (country code + number, no +) is accepted', async () => {
    expect((await submit(sb, submitFields(pdf, { FaxNumber: '861069445000' }))).Response).toBe('Success');
  });

  it('RestrictedFaxNumber: the restricted magic number', () => expectRefused({ FaxNumber: '16135550105' }, 'RestrictedFaxNumber'));

  it.each([['2'], ['fine'], [''], [' 0'], [undefined]])('InvalidFaxResolution: %j', (v) =>
    expectRefused({ faxResolution: v }, 'InvalidFaxResolution'),
  );

  it.each([['3'], ['A4'], ['-1'], [undefined]])('InvalidPapersize (the JSON spelling): %j', (v) =>
    expectRefused({ paperSize: v }, 'InvalidPapersize'),
  );

  it.each([['normal'], ['NORMAL'], ['low'], ['High'], ['Normal '], [undefined]])('InvalidPriority: %j', (v) =>
    expectRefused({ Priority: v }, 'InvalidPriority'),
  );

  it('Low priority is accepted', async () => {
    expect((await submit(sb, submitFields(pdf, { Priority: 'Low' }))).Response).toBe('Success');
  });

  it('Failed: PDF_encode missing', () => expectRefused({ PDF_encode: undefined }, 'Failed'));
  it('Failed: PDF_encode empty', () => expectRefused({ PDF_encode: '' }, 'Failed'));
  it('Failed: not a PDF (a text file, base64-encoded)', () =>
    expectRefused({ PDF_encode: b64(Buffer.from('hello, not a pdf')) }, 'Failed'));
  it('Failed: not base64 at all', () => expectRefused({ PDF_encode: '!!!! ****' }, 'Failed'));

  it('Failed: 50 MB + 1 byte decoded; exactly 50 MB is accepted', async () => {
    const max = 50 * 1024 * 1024;
    const big = Buffer.alloc(max + 1, 0x20);
    big.write('%PDF-1.4\n');
    await expectRefused({}, 'Failed', big);
    const exact = await makePdfOfSize(max);
    const res = await submit(sb, submitFields(exact));
    expect(res.Response).toBe('Success');
    expect(sb.faxes().at(-1)).toMatchObject({ pages: 1, pdfSha256: createHash('sha256').update(exact).digest('hex') });
  }, 60_000);

  it('the order of checks: authentication before everything else', () =>
    expectRefused({ APIKey: 'bad', FaxNumber: 'x', Priority: 'normal', PDF_encode: undefined }, 'InvalidAuthentication'));

  it('headers: frHeader (the table) wins over fromHeader (the sample), which still works alone; both cut to 15', async () => {
    await submit(sb, submitFields(pdf, { frHeader: undefined, fromHeader: 'From Sample' }));
    expect(sb.faxes().at(-1)?.fromHeader).toBe('From Sample');
    await submit(sb, submitFields(pdf, { frHeader: 'Table', fromHeader: 'Sample' }));
    expect(sb.faxes().at(-1)?.fromHeader).toBe('Table');
    await submit(sb, submitFields(pdf, { toHeader: 'A header of 16 c', frHeader: 'Ünïcödé 😀 hëädér!' }));
    expect(sb.faxes().at(-1)).toMatchObject({ toHeader: 'A header of 16 ', fromHeader: 'Ünïcödé 😀 hëädér'.slice(0, 16) });
    expect(Array.from(sb.faxes().at(-1)?.fromHeader ?? '')).toHaveLength(15);
  });
});

describe('credit and report answers', () => {
  it("credit: the page's shape, and InvalidAuthentication for a bad key", async () => {
    const res = await postMultipart(`${sb.url}/getAvailableCredit.php`, { AccountID: '300000003', APIKey: 'inactive-key' });
    expect(await res.text()).toBe('[{"AvailableCredit":100}]');
    const bad = await postMultipart(`${sb.url}/getAvailableCredit.php`, { AccountID: DEMO.accountId, APIKey: 'x' });
    expect(await bad.text()).toBe('{"Response":"InvalidAuthentication"}');
  });

  it('report: InvalidAuthentication for a bad key', async () => {
    const bad = await postMultipart(`${sb.url}/outboundDetailsbyDate.php`, {
      AccountID: DEMO.accountId,
      APIKey: 'x',
      FromDate: '2020-01-01',
      ToDate: '2100-01-01',
    });
    expect(await bad.text()).toBe('{"Response":"InvalidAuthentication"}');
  });

  it('answers are text/html, as a bare PHP script sends them', async () => {
    const res = await postMultipart(`${sb.url}/getAvailableCredit.php`, { AccountID: DEMO.accountId, APIKey: DEMO.apiKey });
    expect(res.headers.get('content-type')).toBe('text/html; charset=UTF-8');
  });

  it('an unknown script is a 404 page', async () => {
    const res = await fetch(`${sb.url}/faxSendSubmit`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('Not Found');
  });
});
