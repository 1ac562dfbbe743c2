// The sandbox fault setting from the command line: `send --sandbox --wait` under lost answers
// still delivers each document exactly once (the sandbox's own record of document hashes is
// the judge), and a wrong setting is refused before anything is queued.

import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCliIn } from './run-cli.ts';
import { startSandbox } from '../../../electron/sandbox/index.ts';
import { makePdf } from '../outbox/harness.ts';

let dir: string;
let dataDir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'openfax-cli-faults-'));
  dataDir = join(dir, 'data');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const cli = (args: string[], env: NodeJS.ProcessEnv = {}) => runCliIn(dataDir, args, env);

async function writePdf(name: string): Promise<string> {
  const path = join(dir, name);
  writeFileSync(path, await makePdf(1, name));
  return path;
}

const send = (pdf: string) => [
  'send',
  pdf,
  '--to',
  '202 555 0166',
  '--to-header',
  'Accounts',
  '--sandbox',
  '--sandbox-speed',
  '2000',
  '--wait',
];

describe('--sandbox-faults', () => {
  it('send --sandbox --wait with lost answers delivers each document once', { timeout: 60_000 }, async () => {
    const pdfs = await Promise.all(['invoice-1.pdf', 'invoice-2.pdf', 'invoice-3.pdf', 'invoice-4.pdf'].map(writePdf));
    // Every upload's answer lost after Openfax accepted it: the job is found in the report.
    const first = await cli([...send(pdfs[0]), '--sandbox-faults', 'rate=1,kinds=drop-after-accept,paths=submit']);
    expect(first.err).toContain('Sandbox faults on: 100% of submit requests: drop-after-accept (seed 1).');
    expect(first.code, first.err).toBe(0);
    // Half the answers lost, set from the environment. These seeds' first uploads meet: a drop
    // (not accepted, sent again), two drops, and a lost answer after acceptance.
    const seeds = [8, 18, 7];
    for (const [i, pdf] of pdfs.slice(1).entries()) {
      const r = await cli(send(pdf), { OPENFAX_SANDBOX_FAULTS: `rate=0.5,kinds=drop-after-accept+drop,seed=${seeds[i]},paths=submit` });
      expect(r.err).toContain('Sandbox faults on: 50% of submit requests');
      expect(r.code, r.err).toBe(0);
    }
    const sb = await startSandbox({ dataDir: join(dataDir, 'sandbox') });
    const faxes = sb.faxes();
    await sb.close();
    const sent = faxes.map((f) => f.pdfSha256).sort();
    const wanted = pdfs.map((p) => createHash('sha256').update(readFileSync(p)).digest('hex')).sort();
    expect(sent).toEqual(wanted);
  });

  it('refuses a wrong setting before anything is queued, naming it and the fix', async () => {
    const pdf = await writePdf('memo.pdf');
    const bad = await cli([...send(pdf), '--sandbox-faults', 'rate=0.3,kinds=dropp']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--sandbox-faults "rate=0\.3,kinds=dropp": "dropp" is not a fault kind: use drop, drop-after-accept/);
    expect(bad.err).toMatch(/For example: --sandbox-faults rate=0\.3,kinds=drop-after-accept\+drop,seed=7/);
    const fromEnv = await cli(send(pdf), { OPENFAX_SANDBOX_FAULTS: 'rate=2' });
    expect(fromEnv.code).toBe(2);
    expect(fromEnv.err).toMatch(/OPENFAX_SANDBOX_FAULTS "rate=2": rate=2 is not a share from 0 to 1/);
    const live = await cli(['status', '--sandbox-faults', 'rate=0.3']);
    expect(live.code).toBe(2);
    expect(live.err).toMatch(/--sandbox-faults changes only the local simulator\.\nAdd --sandbox/);
    const status = await cli(['status', '--sandbox', '--json']);
    expect(JSON.parse(status.out)).toEqual([]);
  });

  it('is in the help', async () => {
    const r = await cli(['help', 'send']);
    expect(r.out).toMatch(/--sandbox-faults SPEC\s+Make the simulator fail a share of requests/);
    expect(r.out).toMatch(/OPENFAX_SANDBOX_FAULTS/);
  });
});
