// openfax report JOB [--out FILE]: a fax's transmission report as a PDF, the same one the app's
// Save report makes (page 1 drawn by pdf.js in a worker thread, never in this thread).

import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createThreadInspector } from '../../pdf/thread-inspector.ts';
import { ReportError } from '../../report/report-data.ts';
import { startAsSent } from '../../as-sent/as-sent-service.ts';
import { createReportMaker } from '../../report/report-maker.ts';
import { broadcastFileName, faxFileName } from '../../report/report-names.ts';
import { CliError, type CliCommand, EXIT } from '../types.ts';

const EXIT_FOR: Record<ReportError['code'], number> = {
  'no-job': EXIT.usage,
  'no-broadcast': EXIT.usage,
  'not-ended': EXIT.failed,
  'not-sent': EXIT.failed,
  'no-document': EXIT.failed,
};

function existsAlready(out: string): CliError {
  return new CliError(
    `${out} exists already; nothing was written.`,
    EXIT.usage,
    'Choose another --out FILE, or add --force to replace it.',
  );
}

function positiveId(text: string | undefined, what: string): number {
  const id = Number(text);
  if (!text || !Number.isInteger(id) || id < 1)
    throw new CliError(`"${text ?? ''}" is not a ${what} number (see openfax status).`, EXIT.usage);
  return id;
}

export const reportCommand: CliCommand = {
  name: 'report',
  summary: 'Save the transmission report of a fax (proof that it went)',
  help: `Usage: openfax report JOB [--out FILE] [--with-document] [--force]
       openfax report --broadcast ID [--out FILE] [--force]

Writes the transmission report of fax JOB as a PDF: its result, the OutTransID, recipient,
headers and options, every call (time with zone, result and code, duration, pages, CallerID;
a time Openfax does not give is marked as recorded by Openfax Desktop), the cost, the SHA-256
of the PDF that was uploaded, and page 1 as the recipient's machine prints it. A fax has a
report once it has ended, if Openfax accepted it (one on credit hold has not ended yet).

  --out FILE        Where to write it (default: "YYYY-MM-DD HHMM <recipient> <delivered|failed>
                    report.pdf" in the current folder). An existing file is never replaced
                    unless --force is given.
  --with-document   The PDF that was sent first, its report after it (the archive folder's form)
  --broadcast ID    A broadcast's summary, then the report of each recipient Openfax accepted
  --force           Replace FILE if it exists

Exit status: 0 written, 1 the fax has no report yet (or its PDF is no longer kept, with
--with-document), 2 no such job, or FILE exists.`,
  options: {
    out: { type: 'string' },
    'with-document': { type: 'boolean' },
    broadcast: { type: 'string' },
    force: { type: 'boolean' },
  },
  allowPositionals: true,
  async run(ctx, values, positionals) {
    const broadcast = values.broadcast as string | undefined;
    if (broadcast === undefined && positionals.length !== 1) {
      throw new CliError('Name one fax: openfax report JOB (see openfax status for the job numbers).', EXIT.usage);
    }
    if (broadcast !== undefined && positionals.length) throw new CliError('Give a job or --broadcast ID, not both.', EXIT.usage);
    const inspector = createThreadInspector();
    ctx.defer(() => inspector.dispose());
    // The image Openfax sent, when the app stored it or it is still to be fetched (no outbox
    // runs here: nothing else is downloaded).
    const store = ctx.store();
    const asSent = startAsSent({ db: store.db, dataDir: store.dataDir, outbox: { on: () => () => undefined } });
    ctx.defer(() => asSent.dispose());
    const maker = createReportMaker({
      db: store.db,
      renderFax: (input, options) => inspector.renderFax(input, options),
      asSentFirstPage: (jobId) => asSent.firstPage(jobId),
    });
    try {
      let name: string;
      let make: () => Promise<Uint8Array>;
      if (broadcast !== undefined) {
        const id = positiveId(broadcast, 'broadcast');
        name = broadcastFileName(id, Date.now());
        make = () => maker.broadcastReport(id);
      } else {
        const id = positiveId(positionals[0], 'job');
        const data = maker.jobData(id);
        const withDocument = values['with-document'] === true;
        name = withDocument ? faxFileName(data) : faxFileName(data, ' report');
        make = () => (withDocument ? maker.documentWithReport(id) : maker.jobReport(id));
      }
      const out = resolve((values.out as string | undefined) ?? name);
      // Said before the report is made; the exclusive write below is what guarantees it.
      if (!values.force && existsSync(out)) throw existsAlready(out);
      const bytes = await make();
      try {
        await writeFile(out, bytes, { flag: values.force ? 'w' : 'wx' });
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EEXIST')
          throw new CliError(
            `${out} exists already; nothing was written.`,
            EXIT.usage,
            'Choose another --out FILE, or add --force to replace it.',
          );
        throw new CliError(`${out} could not be written (${code ?? (err as Error).message}).`, EXIT.failed, 'Choose another --out FILE.');
      }
      if (ctx.globals.json) ctx.io.stdout.write(`${JSON.stringify({ path: out, bytes: bytes.byteLength })}\n`);
      else ctx.io.stdout.write(`${out}\n`);
      return EXIT.ok;
    } catch (err) {
      if (err instanceof ReportError) throw new CliError(err.message, EXIT_FOR[err.code]);
      throw err;
    }
  },
};
