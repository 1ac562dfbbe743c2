// The CLI sees its faxes through: a lost answer is settled by this command, not left to a
// background that does not exist; and `openfax retry` sends again what needs attention. The
// judge is the sandbox's record of which document (by hash) each fax carried.

import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCliIn } from './run-cli.ts';
import { EXIT } from '../../../electron/cli/types.ts';
import { startSandbox } from '../../../electron/sandbox/index.ts';
import { getJob } from '../../../electron/store/jobs-repo.ts';
import { openStore } from '../../../electron/store/store.ts';
import { makePdf, startHarness } from '../outbox/harness.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'openfax-cli-through-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const cli = (dataDir: string, args: string[], env: NodeJS.ProcessEnv = {}) => runCliIn(dataDir, args, env);

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('send --wait under lost answers', () => {
  it('keeps reading the report while it cannot be read, and ends with the fax delivered once', { timeout: 60_000 }, async () => {
    const dataDir = join(dir, 'data');
    const pdf = join(dir, 'invoice.pdf');
    writeFileSync(pdf, await makePdf(1, 'invoice'));
    // Seed 17: the upload's answer is lost, then several report reads in a row, so the job is
    // held as "needs attention: unknown outcome" for a while before a read gets through.
    const r = await cli(dataDir, [
      'send',
      pdf,
      '--to',
      '202 555 0166',
      '--wait',
      '--sandbox',
      '--sandbox-speed',
      '2000',
      '--sandbox-faults',
      'rate=0.7,kinds=drop-after-accept,paths=submit+report,seed=17',
    ]);
    expect(r.err).toMatch(/Job 1: the answer from Openfax was lost on the way\. This command now reads Openfax's report/);
    expect(r.err).toMatch(/Job 1: Openfax's report cannot be read just now.*This command keeps reading it/);
    expect(r.err).not.toMatch(/checks again automatically/);
    expect(r.code, r.err).toBe(EXIT.ok);
    expect(r.out).toMatch(/1\s+\+1 202 555 0166\s+delivered/);
    const sb = await startSandbox({ dataDir: join(dataDir, 'sandbox') });
    const faxes = sb.faxes();
    await sb.close();
    expect(faxes.map((f) => f.pdfSha256)).toEqual([sha(pdf)]);
  });
});

describe('openfax retry', () => {
  it('sends again a fax that needs attention, and refuses what cannot be retried', { timeout: 60_000 }, async () => {
    // Every upload dropped before Openfax reads it, and one try only: the job needs attention.
    const h = await startHarness({
      faults: { rate: 1, kinds: ['drop'], paths: ['/faxSendSubmit.php'] },
      timing: { maxSubmitTries: 1 },
    });
    try {
      const pdf = await h.writePdf('claim.pdf', 2);
      const submitted = await h.outbox.submit({ pdfPath: pdf, to: { number: '202 555 0166' } });
      if (!submitted.ok) throw new Error(submitted.error.message);
      const [jobId] = submitted.value.jobIds;
      await expect.poll(() => getJob(h.store.db, jobId as number)?.state, { timeout: 10_000 }).toBe('needs-attention');
      expect(getJob(h.store.db, jobId as number)?.error?.kind).toBe('retries-exhausted');
      await h.outbox.stop();
      h.sb.setFaults(undefined);
      const env = { OPENFAX_ACCOUNT_ID: h.sb.demoAccount.accountId, OPENFAX_API_KEY: h.sb.demoAccount.apiKey, OPENFAX_API_URL: h.sb.url };

      const r = await cli(h.store.dataDir, ['retry'], env);
      expect(r.err).toMatch(new RegExp(`Job ${jobId}: back in the queue\\.`));
      expect(r.code, r.err).toBe(EXIT.ok);
      expect(r.out).toMatch(/with Openfax/);
      expect(h.sb.faxes().map((f) => f.pdfSha256)).toEqual([sha(pdf)]);

      const none = await cli(h.store.dataDir, ['retry'], env);
      expect(none).toMatchObject({ code: EXIT.ok, err: expect.stringMatching(/No fax needs attention: there is nothing to retry\./) });

      // A fax refused by Openfax has ended: retry says so and what to do instead.
      const refused = await cli(h.store.dataDir, ['send', pdf, '--to', '202 555 0105'], env);
      expect(refused.code).toBe(EXIT.failed);
      const store = openStore(h.store.dataDir);
      const rejectedId = (jobId as number) + 1;
      expect(getJob(store.db, rejectedId)?.state).toBe('rejected');
      store.close();
      const again = await cli(h.store.dataDir, ['retry', String(rejectedId)], env);
      expect(again.code).toBe(EXIT.usage);
      expect(again.err).toContain(`Job ${rejectedId} has ended (rejected): only a fax that needs attention can be retried.`);
      expect(again.err).toMatch(/send its file again: openfax send FILE --to NUMBER/);
      expect(h.sb.faxes()).toHaveLength(1);
    } finally {
      await h.close();
    }
  });
});
