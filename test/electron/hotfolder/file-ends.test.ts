import { describe, expect, it } from 'vitest';
import { judgeEnds } from '../../../electron/hotfolder/file-ends.ts';
import { isIgnoredName, isSidecarName } from '../../../electron/hotfolder/names.ts';

const ends = (head: string, tail: string, size = head.length + tail.length) => ({
  size,
  head: new TextEncoder().encode(head),
  tail: new TextEncoder().encode(tail),
});

describe('completeness from the first and last bytes', () => {
  it('needs %PDF- at the start and %%EOF at the end', () => {
    expect(judgeEnds(ends('%PDF-1.7\n', 'startxref\n123\n%%EOF\n'))).toBe('complete');
    expect(judgeEnds(ends('%PDF-1.7\n', 'startxref\n123\n%%EOF'))).toBe('complete');
    expect(judgeEnds(ends('%PDF-1.7\n', '<< /Length 42 >>\nstream\n'))).toBe('incomplete');
    expect(judgeEnds(ends('%PD', '', 3))).toBe('incomplete');
    expect(judgeEnds(ends('Dear Sir,', ' yours truly'))).toBe('not-pdf');
    expect(judgeEnds(ends('\x1b%-12345X@PJL JOB\n%PDF-1.4\n', '%%EOF\n'))).toBe('complete');
    expect(judgeEnds(ends('\x1b%-12345X@PJL', '', 14))).toBe('incomplete');
  });
});

describe('names', () => {
  it('ignores temporary, hidden and lock files, and sidecars', () => {
    for (const name of [
      '.DS_Store',
      '.x.pdf',
      '~$Report.docx',
      'a.pdf.tmp',
      'b.PART',
      'c.pdf.crdownload',
      'd.download',
      'e.pdf~',
      'Thumbs.db',
      'desktop.ini',
    ]) {
      expect(isIgnoredName(name), name).toBe(true);
    }
    for (const name of ['report.pdf', 'scan 001.PDF', '15555551212 - x.pdf', 'openfax-print.pdf'])
      expect(isIgnoredName(name), name).toBe(false);
    expect(isSidecarName('x.pdf.json')).toBe(true);
    expect(isSidecarName('x.json')).toBe(false);
  });
});
