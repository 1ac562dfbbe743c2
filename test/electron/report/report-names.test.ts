// The rules a report's words and names follow, alone: file names every OS takes (a long one
// cut in the recipient, with room for a repeat's " (2)"), times with their zone (summer time,
// half-hour zones, UTC), and durations. Which faxes have a report: report-rules.test.ts.

import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeToArchive } from '../../../electron/report/archive-write.ts';
import { faxFileName, safeNamePart } from '../../../electron/report/report-names.ts';
import { durationText, reportTime } from '../../../electron/report/report-time.ts';

describe('file names', () => {
  it('keep a name readable and safe on Windows, macOS and Linux', () => {
    expect(safeNamePart('Smith & Söhne')).toBe('Smith & Söhne');
    expect(safeNamePart('A/B\\C:D*E?F"G<H>I|J')).toBe('A B C D E F G H I J');
    expect(safeNamePart('tab\there\nline\u0007bell')).toBe('tab here line bell');
    expect(safeNamePart('...hidden')).toBe('hidden');
    expect(safeNamePart('trailing dots... ')).toBe('trailing dots');
    expect(safeNamePart('///')).toBe('');
  });

  it('name a fax by the local time of its result, its recipient (or number) and how it ended', () => {
    const endedAt = new Date(2026, 11, 1, 9, 5, 59).getTime();
    const base = { jobId: 7, number: '+1 202 555 0150', delivered: true, endedAt };
    expect(faxFileName({ ...base, recipientName: 'Ann Smith' })).toBe('2026-12-01 0905 Ann Smith delivered.pdf');
    expect(faxFileName({ ...base, recipientName: '', delivered: false }, ' report')).toBe(
      '2026-12-01 0905 +1 202 555 0150 failed report.pdf',
    );
    expect(faxFileName({ ...base, recipientName: '///', number: '' })).toBe('2026-12-01 0905 fax 7 delivered.pdf');
  });
});

describe('report times', () => {
  const winter = Date.UTC(2026, 0, 15, 14, 41, 7);
  const summer = Date.UTC(2026, 6, 15, 14, 41, 7);
  it('write the wall clock of the zone, its short name where it has one, and its offset then', () => {
    expect(reportTime(winter, 'America/New_York')).toBe('2026-01-15 09:41:07 EST (UTC-05:00)');
    expect(reportTime(summer, 'America/New_York')).toBe('2026-07-15 10:41:07 EDT (UTC-04:00)');
    expect(reportTime(winter, 'Asia/Kolkata')).toBe('2026-01-15 20:11:07 (UTC+05:30)');
    expect(reportTime(summer, 'Europe/Berlin')).toBe('2026-07-15 16:41:07 (UTC+02:00)');
    expect(reportTime(winter, 'UTC')).toBe('2026-01-15 14:41:07 (UTC+00:00)');
  });
});

describe('durations', () => {
  it('round the whole duration to the second before splitting it into minutes', () => {
    expect(durationText(59.4)).toBe('59 s');
    expect(durationText(59.6)).toBe('1 min 0 s');
    expect(durationText(119.6)).toBe('2 min 0 s');
    expect(durationText(70)).toBe('1 min 10 s');
    expect(durationText(0)).toBe('0 s');
  });
});

describe('a long name', () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'openfax-long-names-'));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('is cut in the recipient alone, and leaves room for the " (2)" of a repeat', async () => {
    const endedAt = new Date(2026, 11, 1, 9, 5).getTime();
    for (const recipientName of ['é'.repeat(400), 'A'.repeat(300), '李'.repeat(120)]) {
      for (const [delivered, suffix, tail] of [
        [true, '', ' delivered.pdf'],
        [false, ' report', ' failed report.pdf'],
      ] as const) {
        const name = faxFileName({ jobId: 7, number: '', recipientName, delivered, endedAt }, suffix);
        expect(name.startsWith('2026-12-01 0905 ')).toBe(true);
        expect(name.endsWith(tail)).toBe(true);
        expect(Buffer.byteLength(`${name.slice(0, -4)} (9999).pdf`)).toBeLessThanOrEqual(255);
      }
    }
    // The same long name twice: the second is " (2)", which the file system takes.
    const name = faxFileName({ jobId: 7, number: '', recipientName: 'é'.repeat(400), delivered: true, endedAt });
    const first = await writeToArchive(folder, name, new TextEncoder().encode('first'));
    const second = await writeToArchive(folder, name, new TextEncoder().encode('second'));
    expect(first).toBe(join(folder, name));
    expect(second).toBe(join(folder, name.replace(/\.pdf$/, ' (2).pdf')));
    expect(readdirSync(folder).sort()).toEqual([name, name.replace(/\.pdf$/, ' (2).pdf')].sort());
  });
});
