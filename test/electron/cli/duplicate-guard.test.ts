// `openfax send` meets the outbox's duplicate guard: the same PDF to a number Openfax already
// accepted exits non-zero with when it went, how it ended and the hint; --allow-duplicate sends
// it. `openfax cancel` cancels a queued fax, which then never reaches Openfax. The judge is the
// sandbox's own record.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore as openSandboxStore } from '../../../electron/sandbox/store.ts';
import { listJobs } from '../../../electron/store/jobs-repo.ts';
import { openStore } from '../../../electron/store/store.ts';
import { makePdf } from '../outbox/harness.ts';
import { runCliIn } from './run-cli.ts';

let dir: string;
let dataDir: string;
let pdf: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'openfax-cli-dup-'));
  dataDir = join(dir, 'data');
  pdf = join(dir, 'memo.pdf');
  writeFileSync(pdf, await makePdf(1, `memo ${Math.random()}`));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const cli = (args: string[]) => runCliIn(dataDir, [...args, '--sandbox', '--sandbox-speed', '3000']);
/** What the CLI's own sandbox (its file in the data folder) received for this number. */
function faxesTo(digits: string) {
  const sandbox = openSandboxStore(join(dataDir, 'sandbox'));
  try {
    return sandbox.faxes().filter((f) => f.faxNumber === digits);
  } finally {
    sandbox.close();
  }
}

describe('openfax send and the duplicate guard', () => {
  it('refuses the same PDF to a number Openfax accepted, with when and how it ended, until --allow-duplicate', async () => {
    const first = await cli(['send', pdf, '--to', '212 555 0170', '--wait']);
    expect(first.code).toBe(0);
    expect(faxesTo('12125550170')).toHaveLength(1);

    const again = await cli(['send', pdf, '--to', '212-555-0170', '--wait']);
    expect(again.code).toBe(6);
    expect(again.err).toMatch(
      /Openfax already accepted this document for \+1 212 555 0170 today at .+; it was delivered\. Nothing was queued\./,
    );
    expect(again.err).toMatch(/add --allow-duplicate/);
    expect(again.out).toBe('');
    expect(faxesTo('12125550170')).toHaveLength(1);

    // A broadcast names the number that already has it; the other recipient is not sent either.
    const broadcast = await cli(['send', pdf, '--to', '2125550170,2125550171']);
    expect(broadcast.code).toBe(6);
    expect(broadcast.err).toMatch(/\+1 212 555 0170/);
    expect(faxesTo('12125550171')).toHaveLength(0);

    const yes = await cli(['send', pdf, '--to', '2125550170', '--allow-duplicate', '--wait']);
    expect(yes.code).toBe(0);
    expect(faxesTo('12125550170')).toHaveLength(2);
  });

  it('cancels a queued fax without starting the queue; it never reaches Openfax', async () => {
    // Queued in the data folder without an outbox running (as the app would, offline).
    const store = openStore(dataDir);
    try {
      const { createOutbox } = await import('../../../electron/outbox/outbox.ts');
      const outbox = createOutbox({ db: store.db, dataDir: store.dataDir, getAccount: () => undefined });
      const r = await outbox.submit({ pdfPath: pdf, to: { number: '2125550172' } });
      if (!r.ok) throw new Error(r.error.message);
    } finally {
      store.close();
    }
    const canceled = await cli(['cancel', '1']);
    expect(canceled.err).toMatch(/Job 1: canceled; it will not be sent\./);
    expect(canceled.code).toBe(0);
    expect((await cli(['cancel', '1'])).code).toBe(2);
    expect((await cli(['cancel', '99'])).err).toMatch(/There is no fax job 99/);

    // A send afterwards starts the queue: the canceled fax stays unsent.
    expect((await cli(['send', pdf, '--to', '2125550173', '--wait'])).code).toBe(0);
    expect(faxesTo('12125550172')).toHaveLength(0);
    expect(faxesTo('12125550173')).toHaveLength(1);
    const check = openStore(dataDir);
    try {
      expect(listJobs(check.db).map((j) => [j.id, j.state])).toEqual([
        [2, 'delivered'],
        [1, 'canceled'],
      ]);
    } finally {
      check.close();
    }
  });
});
