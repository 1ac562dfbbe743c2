import { describe, expect, it } from 'vitest';
import { MAX_PDF_BYTES } from '../../shared/domain.ts';
import { extensionNote, formatFaxNumber, splitExtension, splitNumberList } from '../../shared/fax-number.ts';
import { checkHeader, checkPaperSize, checkPdfHeader, checkPriority, checkResolution, normalizeFaxNumber } from '../../shared/fax-rules.ts';

function reasonOf(check: { ok: boolean; reason?: string }): string {
  expect(check.ok).toBe(false);
  return check.reason ?? '';
}

describe('normalizeFaxNumber', () => {
  it.each([
    ['+1 (202) 555-1212', '12025551212'],
    ['202.555.1212', '12025551212'],
    ['1-202-555-1212', '12025551212'],
    ['12025551212', '12025551212'],
    ['202 555 0101', '12025550101'],
    ['(212) 555-0100', '12125550100'],
    ['011 1 212 555 0100', '12125550100'],
    ['+44 20 7946 0000', '442079460000'],
    ['011 44 20 7946 0000', '442079460000'],
    ['+86 10 6944 5000', '861069445000'],
    ['+39 06 1234 5678', '390612345678'],
  ])('accepts %s as %s', (typed, digits) => {
    const r = normalizeFaxNumber(typed);
    expect(r).toMatchObject({ ok: true, value: { digits } });
  });

  it('gives a pretty display and the country when the library knows it', () => {
    expect(normalizeFaxNumber('+44 20 7946 0000')).toEqual({
      ok: true,
      value: {
        digits: '442079460000',
        display: '+44 20 7946 0000',
        country: 'GB',
      },
    });
    expect(normalizeFaxNumber('212-555-0100')).toMatchObject({
      ok: true,
      value: { display: '+1 212 555 0100', country: 'US' },
    });
  });

  // The decision documented on normalizeFaxNumber: a number the library calls invalid for its
  // region cannot reach a fax machine, so it is refused with the part that is wrong.
  it.each([
    ['999 555 0100', /^Area code 999 is not in use in North America, so \+1 999 555 0100 cannot reach a fax machine/],
    ['+1 999 555 0100', /^Area code 999 is not in use/],
    ['19995550100', /^Area code 999 is not in use/],
    ['555 555 1212', /^Area code 555 is not in use/],
    ['+1 (555) 555-1212', /^Area code 555 is not in use/],
  ])('refuses %s, whose area code is not in use', (typed, reason) => {
    expect(reasonOf(normalizeFaxNumber(typed))).toMatch(reason);
  });

  it('refuses an exchange not in use in a real area code, naming it', () => {
    expect(normalizeFaxNumber('876 955 0100')).toMatchObject({ ok: true, value: { country: 'JM' } });
    expect(reasonOf(normalizeFaxNumber('876 200 0100'))).toMatch(
      /^\+1 876 200 0100 is not a number in use: area code 876 has no exchange 200/,
    );
  });

  it('rejects impossible North American area codes and exchanges, saying which part is wrong', () => {
    expect(reasonOf(normalizeFaxNumber('055 555 1212'))).toMatch(/Area code 055 cannot start with 0/);
    expect(reasonOf(normalizeFaxNumber('+1 155 555 1212'))).toMatch(/Area code 155 cannot start with 1/);
    expect(reasonOf(normalizeFaxNumber('555 055 1212'))).toMatch(/exchange 055 .* cannot start with 0/);
    expect(reasonOf(normalizeFaxNumber('555 155 1212'))).toMatch(/exchange 155 .* cannot start with 1/);
    expect(reasonOf(normalizeFaxNumber('911 555 1212'))).toMatch(/911 is a service code/);
  });

  it('rejects invalid international numbers even when their length is possible', () => {
    expect(reasonOf(normalizeFaxNumber('+44 20 7946 000'))).toMatch(/not a valid number for \+44 \(United Kingdom\)/);
    expect(reasonOf(normalizeFaxNumber('+44 20 7946 00000000'))).toMatch(/too many digits/);
    expect(reasonOf(normalizeFaxNumber('+999 1234567'))).toMatch(/no country with the calling code/);
  });

  it('says how many digits were typed when too short or too long', () => {
    expect(reasonOf(normalizeFaxNumber('555-1212'))).toMatch(/^7 digits is too short.*Add the 3-digit area code/);
    expect(reasonOf(normalizeFaxNumber('12'))).toMatch(/^2 digits is too short/);
    expect(reasonOf(normalizeFaxNumber('555-555-12121'))).toMatch(/^11 digits is too many for a North American number/);
  });

  it('never dials bare digits abroad, but offers the + form when they make a foreign number', () => {
    const reason = reasonOf(normalizeFaxNumber('861069445000'));
    expect(reason).toMatch(/12 digits is too many/);
    expect(reason).toContain('type + first: +86 10 6944 5000');
    expect(reasonOf(normalizeFaxNumber('00 44 20 7946 0000'))).toContain('+44 20 7946 0000');
  });

  it('names a letter or stray symbol and its position', () => {
    const letters = reasonOf(normalizeFaxNumber('1-800-FLOWERS'));
    expect(letters).toMatch(/'F' at position 7 is a letter/);
    expect(letters).toMatch(/type the digits/);
    expect(reasonOf(normalizeFaxNumber('212 555 0100 ext five'))).toMatch(/'e' at position 14/);
    expect(reasonOf(normalizeFaxNumber('212#5550100'))).toMatch(/'#' at position 4 is not part of a fax number/);
    expect(reasonOf(normalizeFaxNumber('55+5'))).toMatch(/'\+' at position 3 can only come first/);
  });

  it('asks for a number when given nothing', () => {
    expect(reasonOf(normalizeFaxNumber('   '))).toMatch(/^Enter a fax number/);
    expect(reasonOf(normalizeFaxNumber('+'))).toMatch(/needs digits/);
  });

  it.each([
    ['212 555 0100 x12', '12'],
    ['212 555 0100 x 12', '12'],
    ['212-555-0100X7', '7'],
    ['212 555 0100 ext. 204', '204'],
    ['212 555 0100 ext 5', '5'],
    ['212 555 0100 Ext: 5', '5'],
    ['212 555 0100 extension 31', '31'],
    ['(212) 555-0100 #12', '12'],
    ['212 555 0100#12', '12'],
    ['+12125550100;ext=12', '12'],
    ['212 555 0100, ext 12', '12'],
  ])('drops the extension of %s from what is dialled, and keeps it beside the number', (typed, extension) => {
    expect(normalizeFaxNumber(typed)).toEqual({
      ok: true,
      value: { digits: '12125550100', display: '+1 212 555 0100', country: 'US', extension },
    });
  });

  it('takes extensions on numbers abroad, and none where there is none', () => {
    expect(normalizeFaxNumber('+44 20 7946 0000 ext 3')).toMatchObject({ ok: true, value: { digits: '442079460000', extension: '3' } });
    expect(normalizeFaxNumber('212 555 0100')).toEqual({
      ok: true,
      value: { digits: '12125550100', display: '+1 212 555 0100', country: 'US' },
    });
  });

  it('still refuses a bad number that carries an extension, for the number', () => {
    expect(reasonOf(normalizeFaxNumber('999 555 0100 x12'))).toMatch(/^Area code 999 is not in use/);
    // Seven digits after # is a typing mistake, not an extension.
    expect(reasonOf(normalizeFaxNumber('212#5550100'))).toMatch(/'#' at position 4/);
  });

  it('reads national numbers in the default country given', () => {
    expect(normalizeFaxNumber('020 7946 0000', 'GB')).toMatchObject({
      ok: true,
      value: { digits: '442079460000' },
    });
    expect(normalizeFaxNumber('020 7946 0000', 'US').ok).toBe(false);
  });
});

describe('extensions, lists and the one display format', () => {
  it('splits an extension off the end only', () => {
    expect(splitExtension('212 555 0100 x12')).toEqual({ number: '212 555 0100', extension: '12' });
    expect(splitExtension('212 555 0100')).toEqual({ number: '212 555 0100' });
    expect(splitExtension('x12')).toEqual({ number: 'x12' });
  });

  it('words the note once: a fax cannot dial extensions', () => {
    expect(extensionNote('12')).toMatch(/^Extension 12 is left out: a fax cannot dial extensions/);
  });

  it('splits a list at commas, semicolons and new lines, but not before an extension', () => {
    expect(splitNumberList('212 555 0100 x12, 2125550111; 999 555 0100')).toEqual(['212 555 0100 x12', '2125550111', '999 555 0100']);
    expect(splitNumberList('+12125550100;ext=12;2125550111\n\n212 555 0100, ext 4 ,, ')).toEqual([
      '+12125550100;ext=12',
      '2125550111',
      '212 555 0100, ext 4',
    ]);
  });

  it('formats vendor digits the one way everything shows them', () => {
    expect(formatFaxNumber('12125550100')).toBe('+1 212 555 0100');
    expect(formatFaxNumber('442079460000')).toBe('+44 20 7946 0000');
    expect(formatFaxNumber('861069445000')).toBe('+86 10 6944 5000');
    expect(formatFaxNumber('', '212 555 01')).toBe('212 555 01');
    // What Compose shows for a typed number is the same text the Outbox, CSV and CLI show for its digits.
    for (const typed of ['(212) 555-0100', '+44 20 7946 0000', '+39 06 1234 5678']) {
      const n = normalizeFaxNumber(typed);
      expect(n.ok && n.value.display).toBe(n.ok && formatFaxNumber(n.value.digits));
    }
  });
});

describe('checkHeader', () => {
  it('accepts up to 15 printable ASCII characters, and an empty header', () => {
    expect(checkHeader('To', 'My Customer')).toEqual({
      ok: true,
      value: 'My Customer',
    });
    expect(checkHeader('From', "A.B. & Co. #1 '")).toEqual({
      ok: true,
      value: "A.B. & Co. #1 '",
    });
    expect(checkHeader('To', '123456789012345').ok).toBe(true);
    expect(checkHeader('To', '').ok).toBe(true);
  });

  it('says by how many characters a 16-character header is over', () => {
    expect(reasonOf(checkHeader('To', '1234567890123456'))).toBe(
      'The To header is 16 characters, 1 over the limit of 15: shorten it by 1 character.',
    );
    expect(reasonOf(checkHeader('From', 'x'.repeat(20)))).toMatch(/20 characters, 5 over .* shorten it by 5 characters/);
  });

  it('names an accented letter, its position and the plain letter to type', () => {
    expect(reasonOf(checkHeader('From', 'Café'))).toBe(
      "'é' at position 4 of the From header is not allowed: fax headers take plain letters, digits and punctuation (type 'e' instead).",
    );
  });

  it('names a whole emoji by what it looks like, counting positions in characters', () => {
    expect(reasonOf(checkHeader('To', 'Hi 😀 there'))).toMatch(/^The emoji '😀' at position 4 of the To header is not allowed/);
    expect(reasonOf(checkHeader('To', 'OK 👍🏽'))).toMatch(/^The emoji '👍🏽' at position 4/);
    expect(reasonOf(checkHeader('To', 'US🇺🇸'))).toMatch(/^The emoji '🇺🇸' at position 3/);
  });

  it('names invisible characters and suggests plain look-alikes', () => {
    expect(reasonOf(checkHeader('To', 'a\tb'))).toMatch(/^A tab at position 2/);
    expect(reasonOf(checkHeader('To', 'a\nb'))).toMatch(/^A line break at position 2/);
    expect(reasonOf(checkHeader('To', 'a\u00a0b'))).toMatch(/^A non-breaking space at position 2.*type a plain space/);
    expect(reasonOf(checkHeader('To', 'a\u200bb'))).toMatch(/^An invisible character \(U\+200B\) at position 2/);
    expect(reasonOf(checkHeader('To', 'Bob’s'))).toMatch(/'’' at position 4 .* \(type ''' instead\)/);
  });

  it('reports the bad character before the length when both are wrong', () => {
    expect(reasonOf(checkHeader('To', 'Ünïcode and more text'))).toMatch(/^'Ü' at position 1/);
  });
});

describe('paper size, resolution and priority', () => {
  it('accepts the domain values', () => {
    expect(checkPaperSize('a4')).toEqual({ ok: true, value: 'a4' });
    expect(checkResolution('fine')).toEqual({ ok: true, value: 'fine' });
    expect(checkPriority('Low')).toEqual({ ok: true, value: 'Low' });
  });

  it('rejects other values with the choices', () => {
    expect(reasonOf(checkPaperSize('tabloid'))).toMatch(/'tabloid'.*US Letter \('letter'\), US Legal \('legal'\), A4 \('a4'\)/);
    expect(reasonOf(checkPaperSize(2))).toMatch(/^Paper size 2 is not/);
    expect(reasonOf(checkResolution('high'))).toMatch(/'standard'.*'fine'/);
  });

  it('holds priority to the exact case the vendor requires, naming the fix', () => {
    expect(reasonOf(checkPriority('normal'))).toBe(
      "Priority 'normal' must be written exactly 'Normal' (Openfax is case-sensitive): use 'Normal'.",
    );
    expect(reasonOf(checkPriority('LOW'))).toMatch(/use 'Low'/);
    expect(reasonOf(checkPriority('High'))).toMatch(/use 'Normal' \(faster\) or 'Low'/);
    expect(reasonOf(checkPriority(undefined))).toMatch(/\(none\)/);
  });
});

describe('checkPdfHeader', () => {
  const pdf = new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n');

  it('accepts a PDF by its header, also after a little leading junk', () => {
    expect(checkPdfHeader(pdf, 1000)).toEqual({ ok: true, value: true });
    const junk = new Uint8Array([0xef, 0xbb, 0xbf, ...pdf]);
    expect(checkPdfHeader(junk, 1000).ok).toBe(true);
  });

  it('rejects an empty file', () => {
    expect(reasonOf(checkPdfHeader(new Uint8Array(), 0))).toMatch(/^The file is empty \(0 bytes\)/);
  });

  it('rejects 50 MB + 1 byte, saying by how much', () => {
    expect(checkPdfHeader(pdf, MAX_PDF_BYTES).ok).toBe(true);
    expect(reasonOf(checkPdfHeader(pdf, MAX_PDF_BYTES + 1))).toMatch(/50\.0 MB, 1 byte over Openfax's limit of 50 MB/);
  });

  it('says what a renamed non-PDF looks like', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(reasonOf(checkPdfHeader(png, 100))).toMatch(/not a PDF \(it looks like a PNG image\)/);
    expect(reasonOf(checkPdfHeader(new TextEncoder().encode('Dear Sir,\nplease'), 16))).toMatch(/a text file/);
    expect(reasonOf(checkPdfHeader(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2]), 6))).toMatch(/Word, Excel or ZIP/);
  });
});
