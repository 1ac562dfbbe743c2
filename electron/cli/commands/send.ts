// openfax send FILE... --to NUMBER... : queue a fax (or a broadcast) and see it through.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { IMAGE_KIND_LABEL } from '../../../shared/document-kinds.ts';
import { type FaxOptions, PAPER_SIZE_LABEL, type PaperSize, type Priority } from '../../../shared/domain.ts';
import { splitNumberList } from '../../../shared/fax-number.ts';
import { isHeldAsLookAlike } from '../../outbox/look-alike.ts';
import type { DocumentInput, Outbox, Submitted } from '../../outbox/types.ts';
import { type FaxDocument, readFaxDocument } from '../../pdf/fax-document.ts';
import { planPaperSize } from '../../pdf/paper-size.ts';
import { PdfError } from '../../pdf/pdf-errors.ts';
import type { JobView } from '../../store/jobs-repo.ts';
import { getSettings } from '../../store/settings-repo.ts';
import { broadcastLine, bytes, jobJson, jobTable } from '../format.ts';
import { personAdvice, seeThrough, unsettledAdvice } from '../job-wait.ts';
import { extensionNotes } from '../number-notes.ts';
import { CliError, type CliCommand, type CliContext, EXIT, outboxRefusal } from '../types.ts';

const PAPERS: Record<string, PaperSize> = { letter: 'letter', legal: 'legal', a4: 'a4' };
const PRIORITY: Record<string, Priority> = { low: 'Low', normal: 'Normal' };

export const sendCommand: CliCommand = {
  name: 'send',
  summary: 'Fax one or more PDFs or images (PNG, JPEG, TIFF) to one or more numbers',
  help: `Usage: openfax send FILE... --to NUMBER [--to NUMBER...] [options]

Several files are sent as one fax, in the order given. A PNG, JPEG or TIFF (also multi-page
and fax-encoded G3/G4 TIFFs) becomes pages of the paper size, fitted and never stretched.
Several numbers make a broadcast: one fax to each, after a credit check. Filled form fields are drawn into the pages; a PDF
that needs a password to open is refused (one with only an owner password is sent).

  --to NUMBER          Recipient, as you would dial it (212 555 0100, +44 20 7946 0000); repeat, or separate with commas or
                       semicolons. An extension (x12, ext. 204) is left out: a fax cannot dial one
  --to-header TEXT     Text for the To field of the fax header (15 characters)
  --from-header TEXT   Text for the From field (default: the app's setting)
  --fine               Fine resolution (204x196 dpi; slower, may cost more)
  --paper SIZE         letter, legal or a4 (default: the size of the pages; else the app's setting)
  --priority low       Low priority (Normal is the default)
  --wait               Wait until every fax is delivered or failed (default: until Openfax has them)
  --allow-duplicate    Send even to a number Openfax already accepted this same document for
                       recently (within the duplicateWindowHours setting, 24 hours by default)
  --json               Print the jobs as JSON on stdout

The command stays until Openfax has every fax (with --wait: until each has ended). When the
answer to an upload is lost, it reads Openfax's report before sending again, so a fax is never
sent twice; that can take a few minutes.

Exit status: 0 all sent (with --wait: all delivered), 1 a fax failed, was refused by Openfax or
needs you, 2 wrong usage (or a number that cannot be dialled), 3 no account or no credit,
4 the data folder cannot be used, 5 a file cannot be faxed (nothing was queued), 6 Openfax already
accepted this document for a number recently (nothing was queued; --allow-duplicate sends it anyway).`,
  options: {
    to: { type: 'string', multiple: true },
    'to-header': { type: 'string' },
    'from-header': { type: 'string' },
    fine: { type: 'boolean' },
    paper: { type: 'string' },
    priority: { type: 'string' },
    wait: { type: 'boolean' },
    'allow-duplicate': { type: 'boolean' },
  },
  allowPositionals: true,
  async run(ctx, values, files) {
    const to = ((values.to as string[] | undefined) ?? []).flatMap(splitNumberList);
    if (!files.length) throw new CliError('Give at least one PDF or image to send: openfax send FILE... --to NUMBER', EXIT.usage);
    if (!to.length) throw new CliError('Give a number to fax to: --to NUMBER (repeat --to for a broadcast).', EXIT.usage);
    for (const note of extensionNotes(to, getSettings(ctx.store().db).defaultCountry)) ctx.note(note);
    const options = faxOptions(values);
    // Every file is checked before anything is queued or the account is asked.
    const docs = await readDocuments(ctx, files, options.paperSize);
    const account = await ctx.account();
    const outbox = await ctx.outbox();
    const pdf = await documentOf(ctx, files, docs);
    const paper = planPaperSize(
      docs.flatMap((d) => d.pagePaper),
      options.paperSize,
      getSettings(ctx.store().db).paperSize,
    );
    options.paperSize = paper.paperSize;
    if (paper.note) ctx.note(paper.note);
    const doc = { ...pdf.input, originalName: pdf.name, source: 'cli' as const, allowDuplicate: values['allow-duplicate'] === true };
    const result =
      to.length === 1
        ? await outbox.submit({ ...doc, to: { number: to[0] }, options })
        : await outbox.createBroadcast({ ...doc, recipients: to.map((number) => ({ number })), options, name: pdf.name });
    if (!result.ok) {
      if (result.error.kind === 'duplicate') throw duplicateRefusal(result.error.message, to.length > 1);
      throw outboxRefusal(result.error);
    }
    const submitted = result.value;
    for (const r of submitted.rejected) ctx.note(`Not sent to ${r.number}: ${r.reason}`);
    const queued = submitted.jobIds.length - submitted.rejected.length;
    ctx.note(
      `Queued ${queued} fax${queued === 1 ? '' : 'es'} of "${pdf.name}"${submitted.broadcastId ? ` as broadcast ${submitted.broadcastId}` : ''}.`,
    );
    const stopProgress = showProgress(ctx, outbox, submitted);
    const wait = values.wait === true;
    const seen = await seeThrough(ctx, outbox, account, submitted.jobIds, wait);
    stopProgress();
    const jobs = [...seen.jobs].reverse();
    if (ctx.globals.json) ctx.io.stdout.write(`${JSON.stringify(jobs.map(jobJson), null, 2)}\n`);
    else ctx.io.stdout.write(jobTable(jobs));
    for (const line of [...personAdvice(outbox, seen.needPerson), ...unsettledAdvice(seen.unsettled)]) ctx.note(line);
    if (!seen.finished) return EXIT.interrupted;
    const good = wait ? (j: JobView) => j.state === 'delivered' : (j: JobView) => j.state === 'submitted' || j.state === 'delivered';
    if (!wait && jobs.some((j) => j.state === 'submitted'))
      ctx.note('Openfax has the faxes and sends them now. See how they end with: openfax status');
    return jobs.every(good) ? EXIT.ok : EXIT.failed;
  },
};

function duplicateRefusal(message: string, broadcast: boolean): CliError {
  return new CliError(
    message,
    EXIT.duplicate,
    `To send it again anyway, add --allow-duplicate${broadcast ? '; to send to the others only, leave out the numbers named' : ''}. (How far back this looks is the "Ask before sending the same document again" setting in the app.)`,
  );
}

function faxOptions(values: Record<string, unknown>): Partial<FaxOptions> {
  const o: Partial<FaxOptions> = {};
  if (values['to-header'] !== undefined) o.toHeader = String(values['to-header']);
  if (values['from-header'] !== undefined) o.fromHeader = String(values['from-header']);
  if (values.fine) o.resolution = 'fine';
  if (values.paper !== undefined) {
    const p = PAPERS[String(values.paper).toLowerCase()];
    if (!p) throw new CliError(`--paper ${values.paper} is not a paper size Openfax accepts: use letter, legal or a4.`, EXIT.usage);
    o.paperSize = p;
  }
  if (values.priority !== undefined) {
    const p = PRIORITY[String(values.priority).toLowerCase()];
    if (!p) throw new CliError(`--priority ${values.priority} is not a priority: use low (or normal, the default).`, EXIT.usage);
    o.priority = p;
  }
  return o;
}

/** Each file checked with the one rule every entry uses; the first that cannot be faxed stops the command. */
async function readDocuments(ctx: CliContext, files: readonly string[], chosen: PaperSize | undefined): Promise<FaxDocument[]> {
  const docs: FaxDocument[] = [];
  for (const file of files) {
    try {
      // An image is made on the paper the fax is sent as: chosen, else the PDFs' own, else the setting.
      const imagePaper = () =>
        planPaperSize(
          docs.flatMap((d) => d.pagePaper),
          chosen,
          getSettings(ctx.store().db).paperSize,
        ).paperSize;
      const doc = await readFaxDocument(file, { imagePaper, onImagePage: imageProgress(ctx, basename(file)) });
      if (doc.rewritten) ctx.note(`${basename(file)}: ${REWRITE_NOTE[doc.rewritten]}`);
      if (doc.converted) ctx.note(`${basename(file)}: ${imageNote(doc)}`);
      docs.push(doc);
    } catch (err) {
      if (!(err instanceof PdfError)) throw err;
      throw new CliError(`${basename(file)}: ${err.message} Nothing was queued.`, EXIT.document, err.action);
    }
  }
  return docs;
}

const REWRITE_NOTE: Record<NonNullable<FaxDocument['rewritten']>, string> = {
  decrypted: 'it is protected by an owner password (it opens without one); the fax is made from an unprotected copy.',
  'form flattened': 'its filled form fields are drawn into the pages, so the fax shows them.',
  'decrypted, form flattened':
    'it is protected by an owner password (it opens without one) and has filled form fields; the fax is made from an unprotected copy with the fields drawn into the pages.',
};

function imageNote(doc: FaxDocument): string {
  const kind = `a ${IMAGE_KIND_LABEL[doc.converted?.from ?? 'png']}`;
  const pages = doc.info.pages === 1 ? 'one page' : `${doc.info.pages} pages`;
  return `${kind}, made into ${pages} of ${PAPER_SIZE_LABEL[doc.converted?.paperSize ?? 'letter']} (fitted, not stretched).`;
}

/** A long TIFF says how far it is, every 100 pages. */
function imageProgress(ctx: CliContext, name: string): (done: number, total: number) => void {
  return (done, total) => {
    if (total >= 100 && (done % 100 === 0 || done === total)) ctx.note(`${name}: made ${done} of ${total} pages`);
  };
}

/** One file as checked (its own path when nothing had to change); several merged, in order, into one document. */
async function documentOf(
  ctx: CliContext,
  files: readonly string[],
  docs: readonly FaxDocument[],
): Promise<{ input: Pick<DocumentInput, 'pdfPath' | 'pdfBytes' | 'pages'>; name: string }> {
  const [first] = docs;
  if (files.length === 1 && first) {
    const input = first.rewritten || first.converted ? { pdfBytes: first.bytes } : { pdfPath: files[0] };
    return { input: { ...input, pages: first.info.pages }, name: basename(files[0] as string) };
  }
  const { mergePdfs } = await import('../../pdf/merge.ts');
  const dir = await mkdtemp(join(tmpdir(), 'openfax-merge-'));
  ctx.defer(() => rm(dir, { recursive: true, force: true }));
  const out = join(dir, 'merged.pdf');
  // An image is merged as the PDF made of it.
  const inputs = await Promise.all(
    files.map(async (file, i) => {
      const doc = docs[i];
      if (!doc?.converted) return file;
      const made = join(dir, `image-${i}.pdf`);
      await writeFile(made, doc.bytes);
      return made;
    }),
  );
  let pages: number;
  try {
    pages = (await mergePdfs(inputs, out, (p) => ctx.note(`Merging ${p.done}/${p.total}: ${basename(files[p.done - 1] ?? p.path)}`))).pages;
  } catch (err) {
    if (!(err instanceof PdfError)) throw err;
    throw new CliError(`The files could not be combined into one fax: ${err.message} Nothing was queued.`, EXIT.document, err.action);
  }
  ctx.note(`Merged ${files.length} files into one fax of ${pages} page${pages === 1 ? '' : 's'}.`);
  return { input: { pdfPath: out, pages }, name: files.map((f) => basename(f)).join(' + ') };
}

/**
 * Upload and broadcast progress on stderr: rewritten in place on a terminal, a line per step
 * otherwise. Each job's news is said once: the report is read again and again while a fax is
 * with Openfax, and each read announces the job anew.
 */
function showProgress(ctx: CliContext, outbox: Outbox, submitted: Submitted): () => void {
  const tty = ctx.io.stderr.isTTY === true;
  const mine = new Set(submitted.jobIds);
  const lastPct = new Map<number, number>();
  const said = new Map<number, string>();
  let lastBroadcast = '';
  const sayOnce = (id: number, key: string, text: string) => {
    if (said.get(id) === key) return;
    said.set(id, key);
    ctx.note(text);
  };
  const offs = [
    outbox.on('upload-progress', (p) => {
      if (!mine.has(p.jobId)) return;
      const pct = p.totalBytes ? Math.floor((p.sentBytes / p.totalBytes) * 100) : 100;
      const step = tty ? pct : Math.floor(pct / 50) * 50;
      if (lastPct.get(p.jobId) === step) return;
      lastPct.set(p.jobId, step);
      const text = `Uploading job ${p.jobId}: ${pct}% (${bytes(p.sentBytes)} of ${bytes(p.totalBytes)})`;
      ctx.io.stderr.write(tty ? `\r${text}\x1b[K${pct === 100 ? '\n' : ''}` : `${text}\n`);
    }),
    outbox.on('broadcast-progress', (p) => {
      if (p.broadcastId !== submitted.broadcastId) return;
      const line = broadcastLine(p);
      if (line === lastBroadcast) return;
      lastBroadcast = line;
      ctx.io.stderr.write(tty ? `\r${line}\x1b[K` : `${line}\n`);
    }),
    outbox.on('job-changed', (j) => {
      if (!mine.has(j.id)) return;
      if (j.state === 'submitting' && j.error) {
        sayOnce(
          j.id,
          'uncertain',
          `Job ${j.id}: the answer from Openfax was lost on the way. This command now reads Openfax's report to find out whether the fax arrived, and sends it again only if it did not, so it is never sent twice; this can take a few minutes.`,
        );
        return;
      }
      if (submitted.broadcastId || j.state === 'queued' || j.state === 'submitting') return;
      if (j.state === 'submitted') {
        if (j.outTransId) sayOnce(j.id, `submitted ${j.outTransId}`, `Job ${j.id}: Openfax accepted it (OutTransID ${j.outTransId}).`);
      } else if (j.state === 'needs-attention') {
        // What a person must do is said once, at the end.
        if (j.error?.kind !== 'unknown-outcome' || isHeldAsLookAlike(j)) return;
        sayOnce(
          j.id,
          'held',
          `Job ${j.id}: Openfax's report cannot be read just now, so it is not known yet whether the fax arrived. This command keeps reading it, and sends the fax again only if it never arrived.`,
        );
      } else {
        sayOnce(j.id, j.state, `Job ${j.id}: ${stateLine(j)}`);
      }
    }),
  ];
  return () => {
    for (const off of offs) off();
    if (tty && lastBroadcast) ctx.io.stderr.write('\n');
  };
}

function stateLine(j: JobView): string {
  const why = j.error ? ` ${j.error.message}` : '';
  return `${j.state}.${why}`;
}
