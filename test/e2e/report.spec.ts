// Proof of delivery in the browser host: the archive folder typed in Settings, a fax sent to the
// sandbox, Delivered in the Outbox, then Save report and Save document with report download PDFs
// whose text (read with pdf.js) is the fax's report; the archive folder holds the document with
// its report, named by the rule.

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { pageTexts } from '../electron/report/pdf-text.ts';
import { expect, test } from './fixtures.ts';

async function letterPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([612, 792]).drawText('Notice of appointment', { x: 72, y: 700, size: 24, font });
  return doc.save();
}

test('a delivered fax: Save report downloads its report, and the archive folder keeps it with its document', async ({ page, app }) => {
  test.setTimeout(90_000);
  const archive = mkdtempSync(join(tmpdir(), 'openfax-e2e-archive-'));
  try {
    const { services } = app;
    expect(services.settings.update({ pollIntervalSeconds: 5 })).toEqual({ ok: true });
    await page.goto(app.url);

    // The browser host has no folder picker: the path is typed, and main checks it.
    await page.getByRole('button', { name: /^Settings/ }).click();
    const field = page.getByLabel('Archive folder');
    await field.fill('/usr/share');
    await field.press('Enter');
    await expect(page.getByRole('alert').filter({ hasText: '/usr/share is a system folder.' })).toBeVisible();
    await field.fill(archive);
    await field.press('Enter');
    await expect.poll(() => services.settings.get().archiveFolderPath).toBe(archive);

    await page.getByRole('button', { name: /^Outbox/ }).click();
    const sent = await services.outbox.submit({
      pdfBytes: await letterPdf(),
      originalName: 'appointment.pdf',
      to: { number: '+1 202 555 0161', toHeader: 'DR JONES' },
      options: { fromHeader: 'ACME CLINIC' },
    });
    if (!sent.ok) throw new Error(sent.error.message);
    const jobId = sent.value.jobIds[0] as number;
    const row = page.locator('[data-testid="outbox-row"][data-kind="job"]').filter({ hasText: 'DR JONES' });
    await expect(row).toContainText('Delivered', { timeout: 60_000 });
    await row.click();
    const panel = page.getByTestId('job-panel');

    const download = page.waitForEvent('download');
    await panel.getByRole('button', { name: 'Save report' }).click();
    const report = await download;
    expect(report.suggestedFilename()).toMatch(/^\d{4}-\d\d-\d\d \d{4} DR JONES delivered report\.pdf$/);
    const [text, ...more] = await pageTexts(readFileSync(await report.path()));
    expect(more).toEqual([]);
    const outTransId = services.sandbox.faxes().find((f) => f.faxNumber === '12025550161')?.outTransId;
    const received = services.sandbox.faxes().find((f) => f.outTransId === outTransId)?.pdfSha256;
    expect(text).toContain('Fax transmission report');
    expect(text).toContain(`Job ${jobId}`);
    expect(text).toContain(`OutTransID ${outTransId}`);
    expect(text).toContain('Fax number +1 202 555 0161');
    expect(text).toContain('From header "ACME CLINIC"');
    expect(text).toMatch(/Delivered \(LastStatus 0\)/);
    expect(text).toContain(`SHA-256 ${received}`);

    const both = page.waitForEvent('download');
    await panel.getByRole('button', { name: 'Save document with report' }).click();
    const pages = await pageTexts(readFileSync(await (await both).path()));
    expect(pages).toHaveLength(2);
    expect(pages[0]).toContain('Notice of appointment');
    expect(pages[1]).toContain(`OutTransID ${outTransId}`);

    // The archive folder has it too, written once, under the rule's name. Its temporary files
    // (hidden, ".openfax-archive-….part") are not the archive: only what has its name counts.
    const named = () => readdirSync(archive).filter((n) => !n.startsWith('.'));
    await expect.poll(named, { timeout: 20_000 }).toHaveLength(1);
    await services.reports.archiver.idle();
    expect(readdirSync(archive)).toEqual(named());
    const [archived] = named();
    expect(archived).toMatch(/^\d{4}-\d\d-\d\d \d{4} DR JONES delivered\.pdf$/);
    const kept = await pageTexts(readFileSync(join(archive, archived as string)));
    expect(kept[0]).toContain('Notice of appointment');
    expect(kept[1]).toContain(`SHA-256 ${received}`);
  } finally {
    rmSync(archive, { recursive: true, force: true });
  }
});
