import { describe, expect, it } from 'vitest';
import { splitNumberList } from '../../../shared/fax-number.ts';
import {
  checkTypedNumber,
  looksLikeNumber,
  parseEntry,
  parsePastedList,
  splitTyped,
} from '../../../renderer/src/screens/compose/recipient-input.ts';

describe('recipient input', () => {
  it('tells a number being typed from a name', () => {
    expect(looksLikeNumber('(212) 555-0100')).toBe(true);
    expect(looksLikeNumber('+44 20')).toBe(true);
    expect(looksLikeNumber('Alice')).toBe(false);
    expect(looksLikeNumber('Suite 5')).toBe(false);
    expect(looksLikeNumber('')).toBe(false);
  });

  it('normalises a typed number or gives the reason', () => {
    expect(checkTypedNumber('212 555 0100', 'US')).toEqual({ ok: true, recipient: { number: '12125550100', display: '+1 212 555 0100' } });
    const bad = checkTypedNumber('555 0100', 'US');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.reason).toMatch(/area code/);
  });

  it('reads names beside numbers in a pasted entry', () => {
    expect(parseEntry('Alice Ames <+44 20 7946 0000>', 'US')).toEqual({
      ok: true,
      recipient: { number: '442079460000', display: '+44 20 7946 0000', name: 'Alice Ames' },
    });
    expect(parseEntry('Front desk: 202-555-0150', 'US')).toMatchObject({
      ok: true,
      recipient: { name: 'Front desk', number: '12025550150' },
    });
    expect(parseEntry('nobody', 'US')).toEqual({ ok: false, reason: '"nobody" has no fax number in it.' });
  });

  it('splits a pasted list on new lines, commas and semicolons, keeping the bad ones with reasons', () => {
    expect(splitNumberList('a\r\nb, c;d;;\n')).toEqual(['a', 'b', 'c', 'd']);
    const r = parsePastedList('212 555 0100\n202 555 0150; 12; (212) 555-0100', [{ number: '12025550150', display: 'x' }], 'US');
    expect(r.added.map((x) => x.number)).toEqual(['12125550100']);
    expect(r.duplicates).toEqual(['+1 202 555 0150', '+1 212 555 0100']);
    expect(r.refused).toHaveLength(1);
    expect(r.refused[0]?.entry).toBe('12');
  });

  it('keeps an extension with its number and says it is not dialled', () => {
    expect(looksLikeNumber('212 555 0100 x12')).toBe(true);
    expect(checkTypedNumber('212 555 0100 ext. 204', 'US')).toEqual({
      ok: true,
      recipient: { number: '12125550100', display: '+1 212 555 0100', extension: '204' },
    });
    expect(parseEntry('Alice Ames <212 555 0100 x12>', 'US')).toEqual({
      ok: true,
      recipient: { number: '12125550100', display: '+1 212 555 0100', extension: '12', name: 'Alice Ames' },
    });
    expect(parseEntry('Front desk: 212-555-0100 ext 5', 'US')).toMatchObject({ recipient: { name: 'Front desk', extension: '5' } });
  });

  it('turns a typed comma or semicolon into chips, leaving refused entries and the rest in the input', () => {
    const typed = splitTyped('212 555 0100 x12, 2125550111; 999 555 0100', [], 'US');
    expect(typed?.added).toEqual([
      { number: '12125550100', display: '+1 212 555 0100', extension: '12' },
      { number: '12125550111', display: '+1 212 555 0111' },
    ]);
    expect(typed?.rest).toBe('999 555 0100');
    const refused = splitTyped('999 555 0100;', [], 'US');
    expect(refused?.added).toEqual([]);
    expect(refused?.rest).toBe('999 555 0100');
    expect(refused?.refused[0]?.reason).toMatch(/^Area code 999 is not in use/);
  });

  it('does not split a name being looked up at its comma', () => {
    expect(splitTyped('Smith, J', [], 'US')).toBeUndefined();
    expect(splitTyped('212 555 0100', [], 'US')).toBeUndefined();
  });
});
