// openfax cancel JOB... : cancels faxes Openfax has not accepted yet (queued, waiting to retry
// the upload, needing attention). Openfax offers no cancel for a fax it has accepted.

import { cancelUnsentJob } from '../../outbox/job-actions.ts';
import { getJob } from '../../store/jobs-repo.ts';
import { CliError, type CliCommand, EXIT, outboxRefusal } from '../types.ts';

export const cancelCommand: CliCommand = {
  name: 'cancel',
  summary: 'Cancel faxes that Openfax has not accepted yet',
  help: `Usage: openfax cancel JOB...

Cancels each job that is still on this computer: queued, waiting to retry its upload, or
needing attention. A canceled fax is never sent. A fax Openfax has accepted cannot be canceled:
Openfax offers no way to, so it is left to end as it will (see openfax status).

Exit status: 0 every job was canceled, 2 a job does not exist or cannot be canceled (the
others named were canceled).`,
  options: {},
  allowPositionals: true,
  async run(ctx, _values, positionals) {
    if (!positionals.length) throw new CliError('Name the jobs to cancel: openfax cancel JOB... (see openfax status).', EXIT.usage);
    const ids = positionals.map((p) => {
      const id = Number(p);
      if (!Number.isInteger(id) || id < 1) throw new CliError(`"${p}" is not a job number (see openfax status).`, EXIT.usage);
      return id;
    });
    const db = ctx.store().db;
    for (const id of ids) {
      if (!getJob(db, id))
        throw new CliError(`There is no fax job ${id} in this data folder.`, EXIT.usage, 'See the jobs with: openfax status');
    }
    // No outbox is started (it would begin uploading the very jobs named here), and no account
    // is needed: canceling only changes jobs not yet handed to Openfax.
    let refused: CliError | undefined;
    for (const id of ids) {
      const r = cancelUnsentJob(db, id, Date.now());
      if (r.ok) ctx.note(`Job ${id}: canceled; it will not be sent.`);
      else {
        // One job: the refusal below says it; several: each is named as it comes.
        if (ids.length > 1) ctx.note(`Job ${id}: ${r.error.message} ${r.error.action}`);
        refused ??= outboxRefusal(r.error);
      }
    }
    if (refused) throw refused;
    return EXIT.ok;
  },
};
