import { describe, expect, it } from 'vitest';
import { scanCodes } from '../../../electron/hotfolder/routing-codes.ts';
import { numberFromFileName } from '../../../electron/hotfolder/routing-filename.ts';
import { type ContactLookup, isAutoRoutable, routeDocument } from '../../../electron/hotfolder/routing.ts';

const contacts: Record<string, string> = { 'dr ada smith': '212 555 0100', 'acme billing': '+44 20 7946 0000' };
const lookup: ContactLookup = async (name) => {
  const number = contacts[name.toLowerCase()];
  return number ? { name, number } : undefined;
};

const route = (text: string, extra: Partial<Parameters<typeof routeDocument>[0]> = {}) =>
  routeDocument({ fileName: 'scan.pdf', text, lookupContact: lookup, ...extra });

describe('embedded codes', () => {
  it.each([
    ['ours, tight', 'Invoice {{fax:12025551212}} thanks'],
    ['ours, spaced by a driver', 'Invoice {{ fax : 1 202 555 1212 }} thanks'],
    ['ours, spaces inside the braces and keyword', 'Invoice { { f a x : 1-202-555-1212 } } thanks'],
    ['ours, split across a line break', 'Invoice {{fax: 1 202\n555 1212}} thanks'],
    ['ours, keyword broken by a line end', 'Invoice {{fa\nx: (202) 555-1212}}'],
    ['ours, upper case', '{{FAX: 202.555.1212}}'],
    ['YajHFC fax', 'Dear customer @@fax:12025551212@@'],
    ['YajHFC recipient', 'Dear customer @@recipient: 202 555 1212 @@'],
    ['YajHFC split', 'Dear customer @@fax:1202\n5551212@\n@'],
    ['RightFax', 'Memo <TOFAXNUM:202-555-1212>'],
    ['RightFax spaced and split', 'Memo < TOFAXNUM : 202-555-\n1212 >'],
  ])('%s routes to the number', async (_label, text) => {
    const result = await route(text);
    expect(result.problems).toEqual([]);
    expect(result.source).toBe('codes');
    expect(result.recipients.map((r) => r.number)).toEqual(['12025551212']);
    expect(isAutoRoutable(result)).toBe(true);
  });

  it('makes a broadcast of several fax codes, in document order, without duplicates', async () => {
    const result = await route('{{fax: 212 555 0101}} then @@fax:2125550102@@ and <TOFAXNUM:212-555-0103> and again {{fax:2125550101}}');
    expect(result.recipients.map((r) => r.number)).toEqual(['12125550101', '12125550102', '12125550103']);
  });

  it('resolves {{to:}} through the address book, and reads {{from:}} and {{subject:}}', async () => {
    const result = await route('{{to: Dr Ada\nSmith}}\n{{from: Acme Clinic}}\n{{subject: Referral for J. Doe}}');
    expect(result.recipients).toEqual([{ number: '12125550100', display: expect.stringContaining('212'), name: 'Dr Ada Smith' }]);
    expect(result.headers.fromHeader).toBe('Acme Clinic');
    expect(result.subject).toBe('Referral for J. Doe');
    expect(result.problems).toEqual([]);
  });

  it('pairs names with numbers for RightFax and YajHFC, and looks up a RightFax name alone', async () => {
    const rf = await route('<TONAME:Bob Jones><TOFAXNUM:212 555 0104><TONAME:Acme Billing>');
    expect(rf.recipients).toEqual([
      expect.objectContaining({ number: '12125550104', name: 'Bob Jones' }),
      expect.objectContaining({ number: '442079460000', name: 'Acme Billing' }),
    ]);
    const yaj = await route('@@recipient:Dr Ada Smith@@');
    expect(yaj.recipients).toEqual([expect.objectContaining({ number: '12125550100' })]);
  });

  it('uses {{to:}} as the name of a {{fax:}} number when it is not a contact', async () => {
    const result = await route('{{to: Front desk}} {{fax: 212 555 0105}}');
    expect(result.problems).toEqual([]);
    expect(result.recipients).toEqual([expect.objectContaining({ number: '12125550105', name: 'Front desk' })]);
  });

  it('reports malformed codes instead of dialling them', async () => {
    const bad = await route('{{fax: 555-CALL-NOW}} {{fax: 12}} {{fax: 212 555 0106}}');
    expect(bad.recipients.map((r) => r.number)).toEqual(['12125550106']);
    expect(bad.problems).toHaveLength(2);
    expect(bad.problems[0]).toMatch(/\{\{fax: 555-CALL-NOW\}\} is not a usable fax number: .*letter/);
    expect(bad.problems[1]).toMatch(/too short/);
    expect(isAutoRoutable(bad)).toBe(false);

    const unclosed = await route('Please fax {{fax: 212 555 0107 to the office');
    expect(unclosed.recipients).toEqual([]);
    expect(unclosed.problems[0]).toMatch(/is not closed/);
    expect(unclosed.source).toBe('codes');

    const typo = await route('{{fxa: 212 555 0108}}');
    expect(typo.problems[0]).toMatch(/"\{\{fxa:" is not a code Openfax knows/);

    const unknown = await route('{{to: Nobody Known}}');
    expect(unknown.problems[0]).toMatch(/not in the address book/);

    const empty = await route('{{fax: }}');
    expect(empty.problems[0]).toMatch(/has no fax number/);

    const longFrom = await route('{{fax: 2125550109}} {{from: A very long sender name}}');
    expect(longFrom.problems[0]).toMatch(/From header is 23 characters/);

    const rfOpen = await route('<TOFAXNUM:212 555 0110');
    expect(rfOpen.problems[0]).toMatch(/not closed/);
  });

  it('ignores documents without codes, and ordinary braces', () => {
    expect(scanCodes('Total: {amount} at 10:30 <b>bold</b> user@@example').codes).toEqual([]);
    expect(scanCodes('Total: {amount} at 10:30').problems).toEqual([]);
  });
});

describe('sidecar', () => {
  it('routes from a valid sidecar, which wins over codes and the file name', async () => {
    const sidecarText = JSON.stringify({
      recipients: ['212 555 0111', { number: '+44 20 7946 0001', name: 'London office' }],
      headers: { to: 'Accounts', from: 'Acme' },
      subject: 'Statement',
      options: { resolution: 'fine', paperSize: 'a4', priority: 'Low' },
    });
    const result = await routeDocument({ fileName: '12025551212 - x.pdf', text: '{{fax: 212 555 0199}}', sidecarText });
    expect(result.source).toBe('sidecar');
    expect(result.problems).toEqual([]);
    expect(result.recipients).toEqual([
      expect.objectContaining({ number: '12125550111' }),
      expect.objectContaining({ number: '442079460001', name: 'London office' }),
    ]);
    expect(result.headers).toEqual({ toHeader: 'Accounts', fromHeader: 'Acme' });
    expect(result.subject).toBe('Statement');
    expect(result.options).toEqual({ resolution: 'fine', paperSize: 'a4', priority: 'Low' });
  });

  it('explains an invalid sidecar clearly and routes nothing', async () => {
    const wrong = await routeDocument({
      fileName: 'a.pdf',
      sidecarText: JSON.stringify({ recipients: [], options: { resolution: 'ultra' }, colour: true }),
    });
    expect(wrong.source).toBe('sidecar');
    expect(wrong.recipients).toEqual([]);
    expect(wrong.problems).toHaveLength(1);
    expect(wrong.problems[0]).toContain('"a.pdf.json" is not valid');
    expect(wrong.problems[0]).toContain('recipients: list at least one recipient');
    expect(wrong.problems[0]).toMatch(/options\.resolution: .*"standard"/);
    expect(wrong.problems[0]).toMatch(/colour/);

    const notJson = await routeDocument({ fileName: 'b.pdf', sidecarText: '{"recipients": [' });
    expect(notJson.problems[0]).toMatch(/"b\.pdf\.json" is not valid JSON/);

    const badNumber = await routeDocument({ fileName: 'c.pdf', sidecarText: '{"recipients": ["call me"]}' });
    expect(badNumber.recipients).toEqual([]);
    expect(badNumber.problems[0]).toMatch(/Recipients\[0\] in c\.pdf\.json is not a usable fax number/);
  });
});

describe('file name', () => {
  it('routes "number - anything.pdf" and nothing else', async () => {
    expect(numberFromFileName('12025551212 - anything.pdf')).toBe('12025551212');
    expect(numberFromFileName('+1 (212) 555-0112 - Invoice 7.pdf')).toBe('+1 (212) 555-0112');
    expect(numberFromFileName('2024-113 report.pdf')).toBeUndefined();
    expect(numberFromFileName('report 12025551212.pdf')).toBeUndefined();
    const result = await routeDocument({ fileName: '12025551212 - anything.pdf', text: 'no codes here {{subject: Hi}}' });
    expect(result).toMatchObject({ source: 'filename', problems: [], subject: 'Hi' });
    expect(result.recipients.map((r) => r.number)).toEqual(['12025551212']);
    const bad = await routeDocument({ fileName: '1555 555 121 - x.pdf' });
    expect(bad.source).toBe('filename');
    expect(bad.problems[0]).toMatch(/file name .* is not a usable fax number/);
    const none = await routeDocument({ fileName: 'letter.pdf', text: 'Dear Sir' });
    expect(none).toEqual({ recipients: [], headers: {}, options: {}, source: 'none', problems: [] });
  });
});
