import { describe, expect, it } from 'vitest';
import {
  checkTypedNumber,
  looksLikeNumber,
  parseEntry,
  parsePastedList,
  splitPastedList,
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
    expect(splitPastedList('a\r\nb, c;d;;\n')).toEqual(['a', 'b', 'c', 'd']);
    const r = parsePastedList('212 555 0100\n202 555 0150; 12; (212) 555-0100', [{ number: '12025550150', display: 'x' }], 'US');
    expect(r.added.map((x) => x.number)).toEqual(['12125550100']);
    expect(r.duplicates).toEqual(['+1 202 555 0150', '+1 212 555 0100']);
    expect(r.refused).toHaveLength(1);
    expect(r.refused[0]?.entry).toBe('12');
  });
});
