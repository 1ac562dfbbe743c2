// Transmission reports read back with pdf.js, as a person's viewer reads them. A fax goes to the
// sandbox and is delivered; a broadcast goes to four numbers (one delivers, one never answers,
// one is a voice line, one is refused at submission). Every field is on the report, its times
// are in the computer's own zone (this file runs with TZ=America/New_York, and each time is
// checked against one formatted for that zone), and the SHA-256 is the one the sandbox
// computed from the bytes it received. Times Openfax does not give (its rows carry no call
// time) are marked as recorded by Openfax Desktop; its SubmitDate is quoted as it came. The
// document with its report carries the very bytes uploaded as an attachment.

process.env.TZ = 'America/New_York';

import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDateTime } from '../../../electron/core/spreadsheet-csv.ts';
import { ReportError } from '../../../electron/report/report-data.ts';
import { listAttemptsForJob } from '../../../electron/store/attempts-repo.ts';
import { insertContact } from '../../../electron/store/contacts-repo.ts';
import { getJobView, type JobView } from '../../../electron/store/jobs-repo.ts';
import { SANDBOX_CALLER_ID } from '../../../electron/sandbox/defaults.ts';
import { broadcastCounts, broadcastCountsText } from '../../../shared/broadcast-counts.ts';
import { makePdf } from '../../fixtures/pdf/make-pdf.ts';
import { attachedFiles, imagesOnPage, pageTexts } from './pdf-text.ts';
import { NUMBERS, type ReportApp, startReportApp } from './report-harness.ts';

const ZONE = 'America/New_York';
let app: ReportApp;
let delivered: number;
let broadcastId: number;
let members: Record<string, number>;

const db = () => app.services.store.db;
const job = (id: number) => getJobView(db(), id) as JobView;
/** What the sandbox received for this fax: its own hash of the PDF bytes. */
const receivedSha = (outTransId: string | null) => app.services.sandbox.faxes().find((f) => f.outTransId === outTransId)?.pdfSha256;
/** A time as the report must write it: the zone's wall clock, then its abbreviation and offset. */
const zoned = (ms: number) => new RegExp(`${localDateTime(ms, ZONE)} E[SD]T \\(UTC-0[45]:00\\)`);

beforeAll(async () => {
  app = await startReportApp();
  const contact = insertContact(db(), {
    name: 'Ann Smith',
    company: 'Smith & Söhne',
    faxRaw: NUMBERS.delivers,
    faxNumber: NUMBERS.delivers,
  });
  const letter = await makePdf({ pages: ['Engagement letter', 'Terms'] });
  const one = await app.services.outbox.submit({
    pdfBytes: letter,
    originalName: 'engagement.pdf',
    to: { number: NUMBERS.delivers, contactId: contact.id, toHeader: 'ANN SMITH' },
    options: { fromHeader: 'ACME LEGAL', resolution: 'fine', paperSize: 'a4' },
  });
  if (!one.ok) throw new Error(one.error.message);
  delivered = one.value.jobIds[0] as number;

  const notice = await makePdf({ pages: ['Notice of hearing'] });
  const many = await app.services.outbox.createBroadcast({
    pdfBytes: notice,
    originalName: 'notice.pdf',
    name: 'Hearing notice',
    recipients: [
      { number: NUMBERS.alsoDelivers, toHeader: 'CLERK' },
      { number: NUMBERS.noAnswer, toHeader: 'NO ANSWER LLP' },
      { number: NUMBERS.voiceLine, toHeader: 'VOICE LINE' },
      { number: NUMBERS.restricted, toHeader: 'RESTRICTED' },
    ],
    options: { fromHeader: 'ACME LEGAL' },
    skipCreditCheck: true,
  });
  if (!many.ok) throw new Error(many.error.message);
  broadcastId = many.value.broadcastId as number;
  members = Object.fromEntries(many.value.jobIds.map((id) => [job(id).faxNumber, id]));
  await app.everyResultIn();
  // The images Openfax sent are fetched once each fax ends; the report waits for one only so
  // long (10 s), and on a loaded machine the queue of them has taken longer.
  await app.services.asSent.idle();
}, 60_000);
afterAll(() => app?.close());

describe('the report of a delivered fax', () => {
  it('carries every field, its times in the local zone, and the hash of the PDF the sandbox received', async () => {
    const j = job(delivered);
    expect(j.state).toBe('delivered');
    const bytes = await app.services.reports.maker.jobReport(delivered);
    const [text, ...more] = await pageTexts(bytes);
    expect(more).toEqual([]);
    const calls = listAttemptsForJob(db(), delivered).filter((a) => a.lastStatus === 0);
    expect(calls).toHaveLength(1);

    expect(text).toContain('Fax transmission report');
    expect(text).toMatch(/Delivered Job/);
    expect(text).toContain(`Job ${delivered}`);
    expect(text).toContain(`OutTransID ${j.outTransId}`);
    expect(text).toContain('Recipient Ann Smith · Smith & Söhne');
    expect(text).toContain('Fax number +1 202 555 0150');
    expect(text).toContain('To header "ANN SMITH"');
    expect(text).toContain('From header "ACME LEGAL"');
    expect(text).toContain('Pages 2 sent of 2');
    expect(text).toContain('Resolution Fine (204 x 196 dpi)');
    expect(text).toContain('Paper A4');
    expect(text).toContain(`Total cost $${(j.cost as number).toFixed(2)}`);
    expect(text).toContain('Document engagement.pdf, 2 pages');
    expect(text).toMatch(zoned(j.finalAt as number));
    expect(text).toMatch(zoned(j.submittedAt as number));
    expect(text).toContain('Times are in America/New_York');
    expect(text).toContain('SANDBOX');
    // Openfax's own SubmitDate, as its report row gave it (the sandbox writes it in UTC).
    const submitDate = calls[0]?.raw.SubmitDate as string;
    expect(submitDate).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(text).toContain(`SubmitDate ${submitDate} (Openfax’s own; its zone is not stated)`);
    // The call: when Openfax Desktop recorded it (the row has no call time, and the report says so), result in
    // words and code, duration (the sandbox reports 30 s + 40 s a fine page), pages, CallerID.
    const call = calls[0] as (typeof calls)[number];
    expect(text).toMatch(
      new RegExp(`1 ${zoned(call.seenAt).source} \\(recorded\\) Delivered \\(LastStatus 0\\) 1 min 50 s 2 of 2 ${SANDBOX_CALLER_ID}`),
    );
    expect(text).toMatch(new RegExp(`Result recorded ${zoned(j.finalAt as number).source}`));
    expect(text).toContain('a call time marked (recorded): when Openfax Desktop read the result');

    const sha = receivedSha(j.outTransId);
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
    expect(text).toContain(`SHA-256 ${sha}`);
    // Page 1 twice: our fax view, drawn in the PDF check's child, and the image the sandbox
    // served at FaxDocURL, fetched and decoded by the app before the report was made.
    expect(text).toContain('Page 1, our fax view');
    expect(text).toContain('Page 1 as sent by Openfax');
    expect(text).not.toContain('Openfax did not make the image it sent available.');
    expect(await imagesOnPage(bytes, 1)).toBe(2);
  });

  it('follows the sent PDF in "document with report", with the bytes uploaded attached whole', async () => {
    const bytes = await app.services.reports.maker.documentWithReport(delivered);
    const pages = await pageTexts(bytes);
    expect(pages).toHaveLength(3);
    expect(pages[0]).toContain('Engagement letter');
    expect(pages[1]).toContain('Terms');
    expect(pages[2]).toContain('Fax transmission report');
    expect(pages[2]).toContain('Attached The sent document is attached to this PDF, byte for byte');
    // The pages are copies (their bytes differ); the attachment is the document the sandbox received.
    const files = await attachedFiles(bytes);
    expect(Object.keys(files)).toEqual(['engagement.pdf']);
    const attached = files['engagement.pdf'] as Uint8Array;
    expect(createHash('sha256').update(attached).digest('hex')).toBe(receivedSha(job(delivered).outTransId));
  });
});

describe('the report of a failed broadcast', () => {
  it('sums every recipient up in the Outbox’s words, then gives each one Openfax accepted its own report', async () => {
    const bytes = await app.services.reports.maker.broadcastReport(broadcastId);
    const [summary, ...reports] = await pageTexts(bytes);
    const states = Object.values(members).map((id) => job(id).state);
    expect(states.sort()).toEqual(['delivered', 'failed', 'failed', 'rejected']);
    const counts = broadcastCounts({ delivered: 1, failed: 2, rejected: 1 });
    expect(summary).toContain('Broadcast transmission report');
    expect(summary).toContain(broadcastCountsText(counts));
    expect(summary).toContain(`Broadcast Hearing notice (broadcast ${broadcastId})`);
    expect(summary).toContain('Document notice.pdf, 1 page');
    for (const [number, words] of [
      ['+1 202 555 0151', 'Delivered'],
      ['+1 202 555 0102', 'Failed: No answer (LastStatus 1)'],
      ['+1 202 555 0103', 'Failed: No fax machine answered (voice or modem line?) (LastStatus 3)'],
      ['+1 202 555 0105', 'Refused'],
    ]) {
      expect(summary).toContain(`${number} ${words}`);
    }
    expect(summary).toMatch(zoned(job(members[NUMBERS.noAnswer] as number).finalAt as number));

    // One report per recipient Openfax accepted: the refused one never reached it.
    expect(reports).toHaveLength(3);
    const sha = receivedSha(job(members[NUMBERS.noAnswer] as number).outTransId);
    for (const [number, result, shown, toHeader] of [
      [NUMBERS.alsoDelivers, 'Delivered', '+1 202 555 0151', 'CLERK'],
      [NUMBERS.noAnswer, 'Failed: No answer', '+1 202 555 0102', 'NO ANSWER LLP'],
      [NUMBERS.voiceLine, 'Failed: No fax machine answered', '+1 202 555 0103', 'VOICE LINE'],
    ] as const) {
      const j = job(members[number] as number);
      const page = reports.find((r) => r.includes(`OutTransID ${j.outTransId}`));
      expect(page, number).toBeDefined();
      expect(page).toContain(`Fax transmission report`);
      expect(page).toContain(result);
      // That recipient's own number and To header, not another's.
      expect(page).toContain(`Fax number ${shown}`);
      expect(page).toContain(`To header "${toHeader}"`);
      for (const other of ['CLERK', 'NO ANSWER LLP', 'VOICE LINE'].filter((h) => h !== toHeader)) {
        expect(page).not.toContain(`To header "${other}"`);
      }
      expect(page).toContain(`SHA-256 ${receivedSha(j.outTransId)}`);
      expect(receivedSha(j.outTransId)).toBe(sha);
      expect(page).toMatch(zoned(j.finalAt as number));
    }
    // Three calls to the number that never answers, each with its own time and result.
    const noAnswer = reports.find((r) => r.includes(`Job ${members[NUMBERS.noAnswer]}`)) as string;
    expect(noAnswer).toContain('Calls (3)');
    expect(noAnswer.match(/No answer \(LastStatus 1\)/g)).toHaveLength(3);
  });

  it('has no report for a fax refused before it reached Openfax, and says why', async () => {
    const refused = members[NUMBERS.restricted] as number;
    await expect(app.services.reports.maker.jobReport(refused)).rejects.toThrow(ReportError);
    await expect(app.services.reports.maker.jobReport(refused)).rejects.toThrow(/never reached Openfax \(Refused\)/);
    await expect(app.services.reports.maker.jobReport(99_999)).rejects.toThrow('There is no fax job 99999.');
  });
});
