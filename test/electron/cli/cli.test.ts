import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type CliRun, runCliIn } from './run-cli.ts';
import type { CliIo } from '../../../electron/cli/types.ts';
import { type Sandbox, startSandbox } from '../../../electron/sandbox/index.ts';
import { listJobs } from '../../../electron/store/jobs-repo.ts';
import { setSetting } from '../../../electron/store/settings-repo.ts';
import { openStore } from '../../../electron/store/store.ts';
import { makePdf } from '../outbox/harness.ts';

const BIN = join(import.meta.dirname, '..', '..', '..', 'bin', 'openfax.mjs');
let dir: string;
let dataDir: string;
let pdf: string;
let sb: Sandbox;

beforeAll(async () => {
  sb = await startSandbox({ speed: 3000 });
});
afterAll(() => sb.close());
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'openfax-cli-'));
  dataDir = join(dir, 'data');
  pdf = join(dir, 'memo.pdf');
  writeFileSync(pdf, await makePdf(2, 'memo'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const cli = (args: string[], env: NodeJS.ProcessEnv = {}, extra: Partial<CliIo> = {}) => runCliIn(dataDir, args, env, extra);

const envAccount = () => ({
  OPENFAX_ACCOUNT_ID: sb.demoAccount.accountId,
  OPENFAX_API_KEY: sb.demoAccount.apiKey,
  OPENFAX_API_URL: sb.url,
});

describe('openfax send', () => {
  it('sends with --sandbox and --wait, showing progress, and the faxes outlive the command', async () => {
    const r = await cli(['send', pdf, '--to', '212 555 0142', '--to-header', 'Accounts', '--sandbox', '--sandbox-speed', '2000', '--wait']);
    expect(r.err).toMatch(/local sandbox/);
    expect(r.err).toMatch(/Queued 1 fax of "memo.pdf"/);
    expect(r.err).toMatch(/Uploading job 1: 100%/);
    expect(r.out).toMatch(/^JOB\s+NUMBER\s+STATE/);
    expect(r.out).toMatch(/1\s+\+1 212 555 0142\s+delivered\s+\d+\s+1\s+0\.14\s+memo\.pdf/);
    expect(r.code).toBe(0);
    expect(existsSync(join(dataDir, 'sandbox'))).toBe(true);
    const again = await cli(['status', '--sandbox', '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out)).toMatchObject([{ id: 1, state: 'delivered', number: '12125550142', cost: 0.14, document: 'memo.pdf' }]);
  });

  it('broadcasts with an account from the environment and reports each recipient', async () => {
    const r = await cli(
      ['send', pdf, '--to', '2125550142,3125550142', '--to', '2025550105', '--paper', 'a4', '--priority', 'low', '--fine'],
      envAccount(),
    );
    expect(r.err).toMatch(/as broadcast 1/);
    // The broadcast's counts in the Outbox's words (shared/broadcast-counts.ts): the refused one was never sent.
    expect(r.err).toMatch(/Broadcast 1: 3 recipients: 1 refused before sending · 2 sent · /);
    // One recipient is refused by Openfax (restricted number): exit status 1, with the reason.
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/refused/);
    expect(r.out).toMatch(/may not be dialled/);
    const faxes = sb.faxes().filter((f) => f.faxNumber === '13125550142');
    expect(faxes.at(-1)).toMatchObject({ paperSize: 2, resolution: 1, priority: 'Low' });
    const store = openStore(dataDir);
    expect(
      listJobs(store.db)
        .map((j) => j.state)
        .sort(),
    ).toEqual(['rejected', 'submitted', 'submitted'].sort() as string[]);
    store.close();
    const status = await cli(['status', '--filter', 'failed'], envAccount());
    expect(status.code).toBe(0);
    expect(status.out).toMatch(/3 faxes: .* \(live\)/);
    // The sandbox charges as its faxes end, which may fall while the command runs: the credit
    // shown is the sandbox's own at some moment between these two readings (it only goes down).
    const before = sb.getCredit(sb.demoAccount.accountId);
    const credit = await cli(['credit', '--json'], envAccount());
    const after = sb.getCredit(sb.demoAccount.accountId);
    const shown = JSON.parse(credit.out) as { accountId: string; credit: number };
    expect(shown.accountId).toBe(sb.demoAccount.accountId);
    expect(shown.credit).toBeGreaterThanOrEqual(after);
    expect(shown.credit).toBeLessThanOrEqual(before);
  });

  it('merges several files into one fax', async () => {
    const second = join(dir, 'annex.pdf');
    writeFileSync(second, await makePdf(3, 'annex'));
    const r = await cli(['send', pdf, second, '--to', '2125550150', '--wait', '--sandbox', '--sandbox-speed', '2000']);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/Merged 2 files into one fax of 5 pages/);
    expect(r.out).toMatch(/memo\.pdf \+ annex\.pdf/);
    const store = openStore(dataDir);
    expect(listJobs(store.db)[0]).toMatchObject({ pages: 5, state: 'delivered', cost: 0.35 });
    store.close();
  });

  it("uses the app's account: the settings and the keychain entry", async () => {
    const store = openStore(dataDir);
    setSetting(store.db, 'accountId', sb.demoAccount.accountId);
    setSetting(store.db, 'apiUrl', sb.url);
    store.close();
    const asked: string[] = [];
    const r = await cli(
      ['credit'],
      {},
      {
        readApiKey: async (id) => {
          asked.push(id);
          return sb.demoAccount.apiKey;
        },
      },
    );
    expect(asked).toEqual([sb.demoAccount.accountId]);
    expect(r.out).toMatch(/Available credit on account 100000001: \d+\.\d\d/);
    expect(r.code).toBe(0);
  });

  it('says how to set up an account when there is none', async () => {
    const r = await cli(['send', pdf, '--to', '2125550142']);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/No Openfax account is configured/);
    expect(r.err).toMatch(/OPENFAX_ACCOUNT_ID and OPENFAX_API_KEY/);
    expect(r.err).toMatch(/--sandbox/);
  });

  it('reports a refused account clearly and exits non-zero', async () => {
    const r = await cli(['send', pdf, '--to', '2125550142'], { ...envAccount(), OPENFAX_API_KEY: 'not-the-key' });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/account refused/);
    expect(r.out).toMatch(/account ID or API key was not accepted/);
  });

  it('rejects wrong usage with exit status 2', async () => {
    expect((await cli(['send', pdf])).code).toBe(2);
    expect((await cli(['send', '--to', '1'])).code).toBe(2);
    const paper = await cli(['send', pdf, '--to', '2125550142', '--paper', 'a5']);
    expect(paper).toMatchObject({ code: 2 });
    expect(paper.err).toMatch(/letter, legal or a4/);
    const unknown = await cli(['send', pdf, '--to', '2125550142', '--colour']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/--colour/);
    expect((await cli(['frobnicate'])).code).toBe(2);
    const help = await cli(['help', 'send']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/Usage: openfax send FILE/);
  });

  it('refuses a damaged database with its path, and moves it aside only when asked', async () => {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, 'openfax.db'), Buffer.alloc(4096, 0x42));
    const r = await cli(['status']);
    expect(r.code).toBe(4);
    expect(r.err).toContain(join(dataDir, 'openfax.db'));
    expect(r.err).toMatch(/damaged/);
    expect(r.err).toMatch(/--move-damaged-db/);
    const moved = await cli(['status', '--move-damaged-db']);
    expect(moved.code).toBe(0);
    expect(readdirSync(dataDir).some((n) => n.startsWith('openfax.db.damaged-'))).toBe(true);
  });
});

describe('openfax status --watch', () => {
  it('redraws the outbox until interrupted, then exits cleanly', async () => {
    const sent = await cli(['send', pdf, '--to', '2125550142', '--sandbox', '--sandbox-speed', '2000']);
    expect(sent.code).toBe(0);
    const stop = new AbortController();
    let out = '';
    // Interrupted once it has drawn the delivered fax (Ctrl-C after reading the screen).
    const stdout = {
      write: (t: string) => {
        out += t;
        if (/1 fax: 0 in progress, 1 delivered/.test(out)) stop.abort();
      },
    };
    const r = await cli(['status', '--watch', '--sandbox', '--sandbox-speed', '2000'], {}, { signal: stop.signal, stdout });
    expect(r.code).toBe(0);
    // It saw the fax with Openfax, and (the sandbox being fast) delivered.
    expect(out).toMatch(/1 fax: 0 in progress, 1 delivered/);
    expect(out).toMatch(/\+1 212 555 0142\s+delivered/);
  });
});

describe('bin/openfax.mjs', () => {
  it('runs as a real process: send --sandbox --wait exits 0 with the delivered fax on stdout', { timeout: 30_000 }, async () => {
    const res = await new Promise<CliRun>((resolve) => {
      const child = spawn(
        process.execPath,
        [BIN, 'send', pdf, '--to', '+1 212 555 0177', '--sandbox', '--sandbox-speed', '2000', '--wait', '--data-dir', dataDir],
        { env: { ...process.env, OPENFAX_LOG_LEVEL: '', OPENFAX_QUIET: '' } },
      );
      let out = '';
      let err = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (err += d));
      child.on('exit', (code) => resolve({ code: code ?? -1, out, err }));
    });
    expect(res.err).not.toMatch(/INFO/);
    expect(res.out).toMatch(/\+1 212 555 0177\s+delivered/);
    expect(res.code).toBe(0);
  });
});
