import { describe, expect, it } from 'vitest';
import { readVcards } from '../../../electron/contacts/vcard-read.ts';

const V21 = [
  'BEGIN:VCARD',
  'VERSION:2.1',
  'N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=BC=',
  'rgen;;;',
  'ORG:Stahlwerk GmbH;Einkauf',
  'TEL;HOME;FAX:+49 30 1111111',
  'TEL;WORK;FAX:+49 30 1234567',
  'TEL;WORK;VOICE:+49 30 7654321',
  'NOTE;ENCODING=QUOTED-PRINTABLE:Bestellungen nur per Fax=0D=0ABitte Kundennr. angeben',
  'END:VCARD',
].join('\r\n');

const V30 = [
  'BEGIN:VCARD',
  'VERSION:3.0',
  'FN:Ann Lee',
  'N:Lee;Ann;;;',
  'ORG:Acme\\, Inc.;Sales',
  'TEL;TYPE=WORK,VOICE:(212) 555-0111',
  'TEL;TYPE=WORK;TYPE=FAX:(212) 555-0100',
  'CATEGORIES:Clients,VIP',
  'NOTE:Prefers mornings\\nAsk for Ann',
  'END:VCARD',
].join('\n'); // some tools write LF only

const V40 = [
  'BEGIN:VCARD',
  'VERSION:4.0',
  'FN:Bob Stone',
  'ORG:Stone & Sons',
  'TEL;VALUE=uri;TYPE="voice,work":tel:+1-415-555-0190',
  'TEL;VALUE=uri;TYPE="fax,work";PREF=1:tel:+1-415-555-0199;ext=12',
  'END:VCARD',
].join('\r\n');

describe('vCard import', () => {
  it('reads several cards of versions 2.1, 3.0 and 4.0 from one file, taking the work fax', () => {
    const cards = readVcards(`${V21}\r\n${V30}\n\n${V40}\r\n`);
    expect(cards).toHaveLength(3);
    expect(cards[0]).toMatchObject({
      row: 1,
      name: 'Jürgen Müller',
      company: 'Stahlwerk GmbH',
      faxRaw: '+49 30 1234567',
      notes: 'Bestellungen nur per Fax\r\nBitte Kundennr. angeben',
    });
    expect(cards[1]).toMatchObject({
      row: 2,
      name: 'Ann Lee',
      company: 'Acme, Inc.',
      faxRaw: '(212) 555-0100',
      groups: ['Clients', 'VIP'],
      notes: 'Prefers mornings\nAsk for Ann',
    });
    expect(cards[2]).toMatchObject({ row: 3, name: 'Bob Stone', company: 'Stone & Sons', faxRaw: '+1-415-555-0199' });
  });

  it('accepts the lower-case and single-value forms: type=fax, TEL;FAX', () => {
    const cards = readVcards(
      'BEGIN:VCARD\nVERSION:3.0\nFN:Lower\nTEL;type=fax:020 7946 0000\nEND:VCARD\nBEGIN:VCARD\nVERSION:2.1\nFN:Bare\nTEL;FAX:212-555-0142\nEND:VCARD\n',
    );
    expect(cards.map((c) => c.faxRaw)).toEqual(['020 7946 0000', '212-555-0142']);
  });

  it('marks a card without a fax, and a broken card, instead of dropping them', () => {
    const cards = readVcards(
      'BEGIN:VCARD\nVERSION:3.0\nFN:Only Mobile\nTEL;TYPE=CELL:+1 212 555 0100\nEND:VCARD\nBEGIN:VCARD\nFN:No Version\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:Fine\nTEL;TYPE=FAX:212 555 0100\nEND:VCARD\n',
    );
    expect(cards).toHaveLength(3);
    expect(cards[0]).toMatchObject({ name: 'Only Mobile', faxRaw: '', hasOtherPhones: true });
    expect(cards[1]?.readError).toMatch(/no VERSION line/);
    expect(cards[2]).toMatchObject({ name: 'Fine', faxRaw: '212 555 0100' });
  });

  it('uses N when FN is missing, and ORG when there is no name at all', () => {
    const cards = readVcards(
      'BEGIN:VCARD\nVERSION:2.1\nN:Doe;Jane;Q;;\nTEL;FAX:2125550100\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nORG:Front Desk\nTEL;TYPE=FAX:2125550101\nEND:VCARD\n',
    );
    expect(cards[0]?.name).toBe('Jane Q Doe');
    expect(cards[1]).toMatchObject({ name: '', company: 'Front Desk' });
  });
});
