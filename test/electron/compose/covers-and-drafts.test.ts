// Per-recipient covers, "Edit and send again" after a partly failed broadcast, drafts that a
// print never disturbs, all against the real outbox and the sandbox over HTTP. What arrived is
// judged by the sandbox's own record (number and PDF hash), read back from the spool by hash.

import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DraftFields, DraftRecipient } from '../../../shared/ipc/contract/compose.ts';
import { all } from '../../../electron/store/sql.ts';
import { makePdf } from '../../fixtures/pdf/make-pdf.ts';
import { type Stack, startStack, until } from './harness.ts';
import { receivedFaxes } from './received-covers.ts';

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

function fields(s: Stack, patch: Partial<DraftFields> = {}): DraftFields {
  const { documents: _d, send: _s, updatedAt: _u, id: _i, sentBefore: _b, createdAt: _c, ...rest } = s.compose.getState().draft;
  return { ...rest, ...patch };
}

const alice: DraftRecipient = { number: '12025550150', display: '+1 202 555 0150', name: 'Alice Ames', company: 'Ames & Co' };
const bob: DraftRecipient = { number: '12025550151', display: '+1 202 555 0151' };
const carol: DraftRecipient = { number: '12025550152', display: '+1 202 555 0152', name: 'Carol Cho' };
/** Refused at submission with RestrictedFaxNumber (the sandbox's magic number). */
const restricted: DraftRecipient = { number: '12025550105', display: '+1 202 555 0105', name: 'Restricted Line' };
const cover = { enabled: true, to: '', from: 'Acme Legal', subject: 'Contract', message: 'Two pages follow.' };
const leftovers = (s: Stack) => readdirSync(join(s.dataDir, 'compose')).filter((f) => f.startsWith('fax-'));

describe('per-recipient covers', () => {
  it('gives each recipient of a broadcast a cover naming them alone, over one shared body', async () => {
    stack = await startStack();
    await stack.compose.addFiles([{ name: 'contract.pdf', bytes: await makePdf({ pages: ['Contract p1', 'Contract p2'] }) }], 'drop');
    const r = await stack.compose.send(fields(stack, { recipients: [alice, bob, carol], fromHeader: 'Acme', cover }));
    expect(r.ok).toBe(true);
    await until(() => stack!.sandbox.faxes().length === 3);

    const got = await receivedFaxes(stack.sandbox, stack.store.db);
    const people = [alice, bob, carol];
    for (const fax of got) {
      const own = people.find((p) => p.number === fax.faxNumber)!;
      const others = people.filter((p) => p !== own);
      expect(fax.firstPage).toContain(own.display);
      if (own.name) expect(fax.firstPage).toContain(own.name);
      for (const o of others) {
        expect(fax.firstPage).not.toContain(o.display);
        if (o.name) expect(fax.firstPage).not.toContain(o.name);
      }
      expect(fax.firstPage).toContain('Contract');
    }
    expect(got.find((f) => f.faxNumber === alice.number)?.firstPage).toContain('Ames & Co');
    expect(new Set(got.map((f) => f.pdfSha256)).size).toBe(3);
    expect(stack.sandbox.faxes().map((f) => f.pages)).toEqual([3, 3, 3]);

    // One content key (the body without covers) for the duplicate guard; one document per job.
    const jobs = all<{ document_id: string; content_key: string }>(stack.store.db, 'SELECT document_id, content_key FROM jobs', {});
    expect(new Set(jobs.map((j) => j.document_id)).size).toBe(3);
    expect(new Set(jobs.map((j) => j.content_key)).size).toBe(1);
    expect(leftovers(stack)).toEqual([]);
  });

  it('a resend to a corrected number carries a fresh cover naming the new number, not the dead one', async () => {
    stack = await startStack();
    /** Fails with LastStatus 5, Bad Number (the sandbox's magic number): its resend asks for a corrected number. */
    const dead: DraftRecipient = { number: '12025550104', display: '+1 202 555 0104', name: 'Dan Dee', company: 'Dee Ltd' };
    await stack.compose.addFiles([{ name: 'contract.pdf', bytes: await makePdf({ pages: ['Contract p1', 'Contract p2'] }) }], 'drop');
    const r = await stack.compose.send(fields(stack, { recipients: [alice, dead], fromHeader: 'Acme', cover }));
    expect(r.ok).toBe(true);
    const db = stack.store.db;
    const jobOf = (n: string) => all<{ id: number; state: string }>(db, 'SELECT id, state FROM jobs WHERE fax_number = :n', { n })[0];
    await until(() => jobOf(dead.number)?.state === 'failed');
    const failed = jobOf(dead.number)?.id as number;
    expect((await stack.outbox.resend(failed)).ok).toBe(false);
    const fixed = await stack.outbox.resend(failed, { number: '+1 202 555 0160' });
    if (!fixed.ok) throw new Error(fixed.error.message);
    await until(() => stack!.sandbox.faxes().some((f) => f.faxNumber === '12025550160'));

    const got = await receivedFaxes(stack.sandbox, db);
    const corrected = got.find((f) => f.faxNumber === '12025550160');
    expect(corrected?.firstPage).toContain('+1 202 555 0160');
    expect(corrected?.firstPage).not.toContain('0104');
    // The same cover otherwise: the same person, the same words, over the same body.
    for (const words of ['Dan Dee', 'Dee Ltd', 'Acme Legal', 'Contract', 'Two pages follow.'])
      expect(corrected?.firstPage).toContain(words);
    expect(corrected?.firstPage).not.toContain(alice.display);
    expect(stack.sandbox.faxes().find((f) => f.faxNumber === '12025550160')?.pages).toBe(3);
    // The old cover went to the dead number only; the guard still compares the body.
    expect(got.find((f) => f.faxNumber === dead.number)?.firstPage).toContain('0104');
    const keys = all<{ content_key: string }>(db, 'SELECT DISTINCT content_key FROM jobs', {});
    expect(keys).toHaveLength(1);
  });

  it('sends one recipient a cover of their own, as before', async () => {
    stack = await startStack();
    await stack.compose.addFiles([{ name: 'memo.pdf', bytes: await makePdf({ pages: ['Memo'] }) }], 'drop');
    const r = await stack.compose.send(fields(stack, { recipients: [carol], fromHeader: 'Acme', cover }));
    expect(r.ok).toBe(true);
    await until(() => stack!.sandbox.faxes().length === 1);
    const [fax] = await receivedFaxes(stack.sandbox, stack.store.db);
    expect(fax?.firstPage).toMatch(/Carol Cho[\s\S]*\+1 202 555 0152/);
    expect(fax?.firstPage).toContain('Acme Legal');
    expect(stack.sandbox.faxes()[0]?.pages).toBe(2);
  });

  it('leaves nothing in the spool or the work folder when the outbox refuses the broadcast', async () => {
    stack = await startStack({ credit: 0 });
    await stack.compose.addFiles([{ name: 'memo.pdf', bytes: await makePdf() }], 'drop');
    const r = await stack.compose.send(fields(stack, { recipients: [alice, bob], fromHeader: 'Acme', cover }));
    expect(r).toMatchObject({ ok: false, problems: [{ field: 'credit' }] });
    expect(readdirSync(join(stack.dataDir, 'spool')).filter((f) => f.endsWith('.pdf'))).toEqual([]);
    expect(leftovers(stack)).toEqual([]);
    expect(stack.sandbox.faxes()).toEqual([]);
  });
});

describe('edit and send again', () => {
  it('offers only the refused recipient again; the accepted ones are kept off and get no second fax', async () => {
    stack = await startStack();
    await stack.compose.addFiles([{ name: 'notice.pdf', bytes: await makePdf({ pages: ['Notice'] }) }], 'drop');
    const r = await stack.compose.send(fields(stack, { recipients: [alice, restricted, carol], fromHeader: 'Acme' }));
    expect(r.ok).toBe(true);
    const settled = await until(() => {
      const d = stack!.compose.getState().draft;
      return d.send?.phase === 'failed' && d;
    });
    expect(settled.recipients.map((x) => x.number)).toEqual([restricted.number]);
    expect(settled.sentBefore.map((x) => [x.number, x.name])).toEqual([
      [alice.number, alice.name],
      [carol.number, carol.name],
    ]);
    expect(stack.events.composeChanged.at(-1)).toMatchObject({ fieldsChanged: true });

    // The person corrects the refused number and sends again.
    stack.compose.dismissSend();
    const fixed = { ...restricted, number: '12025550153', display: '+1 202 555 0153' };
    const again = await stack.compose.send(fields(stack, { recipients: [fixed] }));
    expect(again.ok).toBe(true);
    await until(() => stack!.sandbox.faxes().length === 3);
    const counts = new Map<string, number>();
    for (const f of stack.sandbox.faxes()) counts.set(f.faxNumber, (counts.get(f.faxNumber) ?? 0) + 1);
    expect(Object.fromEntries(counts)).toEqual({ [alice.number]: 1, [carol.number]: 1, [fixed.number]: 1 });
  });
});

describe('drafts', () => {
  it('puts a print that arrives while the draft holds documents into a new draft, and keeps both across a restart', async () => {
    stack = await startStack();
    await stack.compose.addFiles([{ name: 'contract.pdf', bytes: await makePdf() }], 'drop');
    stack.compose.saveFields(fields(stack, { recipients: [alice] }));
    const first = stack.compose.getState().draft.id;
    const printed = join(stack.dataDir, 'printed.pdf');
    writeFileSync(printed, await makePdf({ pages: ['printed'] }));

    const r = await stack.compose.addIncoming({ path: printed, name: 'Invoice 7.pdf', recipients: [bob] });
    expect(r.draft.id).not.toBe(first);
    expect(r.draft.documents.map((d) => d.name)).toEqual(['Invoice 7.pdf']);
    expect(r.draft.recipients).toEqual([{ number: bob.number, display: bob.display }]);
    expect(r.drafts.map((d) => [d.name, d.recipients])).toEqual([
      ['Invoice 7.pdf', [bob.display]],
      ['contract.pdf', ['Alice Ames']],
    ]);
    expect(stack.events.notice.at(-1)).toMatchObject({
      title: 'New draft on Compose',
      message: 'Invoice 7.pdf is in a new draft, “Invoice 7.pdf”. Your other draft, “contract.pdf”, is kept under Drafts.',
    });
    expect(stack.events.composeChanged.at(-1)).toMatchObject({ fieldsChanged: true, draft: { id: r.draft.id } });

    const again = await stack.restart();
    const state = again.getState();
    expect(state.draft.id).toBe(r.draft.id);
    expect(state.drafts.map((d) => d.name)).toEqual(['Invoice 7.pdf', 'contract.pdf']);
    expect(again.openDraft(first).draft).toMatchObject({ recipients: [alice], documents: [{ name: 'contract.pdf' }] });
  });

  it('adds the print to the open draft when the person chose "add to this fax"', async () => {
    stack = await startStack();
    stack.settings.arrivalsJoinOpenDraft = true;
    await stack.compose.addFiles([{ name: 'contract.pdf', bytes: await makePdf() }], 'drop');
    const printed = join(stack.dataDir, 'printed.pdf');
    writeFileSync(printed, await makePdf());
    const r = await stack.compose.addIncoming({ path: printed, name: 'annex.pdf' });
    expect(r.draft.documents.map((d) => d.name)).toEqual(['contract.pdf', 'annex.pdf']);
    expect(r.drafts).toHaveLength(1);
    expect(stack.events.notice.at(-1)?.message).toBe('annex.pdf was added to the draft “contract.pdf + 1 more”.');
  });

  it('never adds to a draft that is being sent, whatever the setting', async () => {
    stack = await startStack();
    stack.settings.arrivalsJoinOpenDraft = true;
    await stack.compose.addFiles([{ name: 'contract.pdf', bytes: await makePdf() }], 'drop');
    // Openfax's answer to the upload comes late, so the draft is still being sent when the print lands.
    stack.sandbox.setFaults({ rate: 1, kinds: ['latency'], latencyMs: 1500, paths: ['/faxSendSubmit.php'] });
    const r = await stack.compose.send(fields(stack, { recipients: [alice], fromHeader: 'Acme' }));
    expect(r.ok && r.draft.send?.phase).toBe('uploading');
    const sentId = stack.compose.getState().draft.id;
    const printed = join(stack.dataDir, 'printed.pdf');
    writeFileSync(printed, await makePdf());
    const opened = await stack.compose.openDocuments([printed]);
    expect(opened.draft.id).not.toBe(sentId);
    expect(opened.draft.documents.map((d) => d.name)).toEqual(['printed.pdf']);
    // The sent draft closes itself once Openfax has it; the new one is untouched.
    await until(() => !stack!.compose.getState().drafts.some((d) => d.id === sentId));
    expect(stack.compose.getState().draft.documents.map((d) => d.name)).toEqual(['printed.pdf']);
    expect(stack.sandbox.faxes()).toHaveLength(1);
  });
});
