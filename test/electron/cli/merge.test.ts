// `openfax merge`: the check it prints, what stops it, and the send. The judge is the sandbox's
// own record of what arrived (each row's fax once, its document's hash) and pdf.js's text of
// the PDF that was uploaded for each row; a dry run must leave that record as it was.
// LibreOffice makes the documents: without `soffice` those tests are skipped with the reason
// (under CI they fail: .ci/run installs it).

import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main.ts';
import { EXIT } from '../../../electron/cli/types.ts';
import { extractText } from '../../../electron/pdf/extract-text.ts';
import { type Sandbox, startSandbox } from '../../../electron/sandbox/index.ts';
import { insertContact } from '../../../electron/store/contacts-repo.ts';
import { getDocument } from '../../../electron/store/documents-repo.ts';
import { addToGroup, createGroup } from '../../../electron/store/groups-repo.ts';
import { listJobs } from '../../../electron/store/jobs-repo.ts';
import { all, get } from '../../../electron/store/sql.ts';
import { openStore } from '../../../electron/store/store.ts';
import { mergeFieldTemplate, sofficeMissing } from '../../fixtures/merge-templates.ts';
import { type CliRun, runCliIn } from './run-cli.ts';

const noSoffice = sofficeMissing();
if (noSoffice && process.env.CI) throw new Error(`${noSoffice}: the merge CLI tests need it under CI.`);
const withLibreOffice = noSoffice ? describe.skip : describe;
if (noSoffice) describe.skip(`openfax merge with LibreOffice: skipped, ${noSoffice}`, () => undefined);

let sb: Sandbox;
let dir: string;
let dataDir: string;

beforeAll(async () => {
  sb = await startSandbox({ speed: 3000 });
});
afterAll(() => sb.close());
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'openfax-cli-merge-'));
  dataDir = join(dir, 'data');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const envAccount = () => ({
  OPENFAX_ACCOUNT_ID: sb.demoAccount.accountId,
  OPENFAX_API_KEY: sb.demoAccount.apiKey,
  OPENFAX_API_URL: sb.url,
});
const cli = (args: string[]) => runCliIn(dataDir, args, envAccount());

interface Doctor {
  name: string;
  fax: string;
  account: string;
  patients: string;
}

const DOCTORS: Doctor[] = [
  { name: 'Ada Lovelace', fax: '212 555 0131', account: 'ACC-7101', patients: 'Byron; Babbage' },
  { name: 'Ben Okafor', fax: '(212) 555-0132', account: 'ACC-7102', patients: 'Nwosu, Eze' },
  { name: 'Chloé Martin', fax: '+1 212 555 0133', account: 'ACC-7103', patients: 'Durand' },
];

function csv(rows: readonly Doctor[], header = 'Name,Fax,Account,Patient list'): string {
  const cell = (s: string) => (/[",;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return [header, ...rows.map((r) => [r.name, r.fax, r.account, r.patients].map(cell).join(','))].join('\r\n');
}

function write(name: string, bytes: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

async function template(pages: 1 | 2 = 1): Promise<string> {
  return write('notice.docx', await mergeFieldTemplate({ simple: false, pages }));
}

/** The faxes the sandbox received for this data folder's jobs. */
function received(all = sb.faxes()): ReturnType<Sandbox['faxes']> {
  const store = openStore(dataDir);
  const ids = new Set(listJobs(store.db).map((j) => j.outTransId));
  store.close();
  return all.filter((f) => ids.has(f.outTransId));
}

/** What the sandbox of `--sandbox` received: its own record, kept in the data folder, read once the command ended. */
async function receivedBySandboxMode(): Promise<ReturnType<Sandbox['faxes']>> {
  const own = await startSandbox({ dataDir: join(dataDir, 'sandbox'), listen: false });
  try {
    return received(own.faxes());
  } finally {
    await own.close();
  }
}

/** Each job's number and the PDF the outbox uploaded for it. */
function uploaded(): Array<{ number: string; outTransId: string | null; pdf: Uint8Array }> {
  const store = openStore(dataDir);
  try {
    return listJobs(store.db).map((j) => {
      const doc = getDocument(store.db, j.documentId);
      if (!doc) throw new Error(`job ${j.id} has no document`);
      return { number: j.faxNumber, outTransId: j.outTransId, pdf: new Uint8Array(readFileSync(doc.spoolPath)) };
    });
  } finally {
    store.close();
  }
}

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const digits = (fax: string) => `1${fax.replace(/\D/g, '').slice(-10)}`;

describe('openfax merge: what it is given', () => {
  it('names the groups when --group names none, and sends nothing', async () => {
    const store = openStore(dataDir);
    createGroup(store.db, 'Cardiology');
    const g = createGroup(store.db, 'Pharmacies');
    addToGroup(store.db, g.id, [
      insertContact(store.db, { name: 'Main St Pharmacy', faxRaw: '212 555 0150', faxNumber: '12125550150' }).id,
    ]);
    store.close();
    const before = sb.faxes().length;
    const r = await cli(['merge', await template(), '--group', 'Dentists']);
    expect(r.code).toBe(EXIT.usage);
    expect(r.err).toMatch(/There is no address-book group "Dentists"/);
    expect(r.err).toMatch(/"Cardiology" \(0 members\), "Pharmacies" \(1 member\)/);
    expect(sb.faxes().length).toBe(before);
  });

  it('refuses a command line that names no rows, or two sources', async () => {
    const t = await template();
    const none = await cli(['merge', t]);
    expect(none.code).toBe(EXIT.usage);
    expect(none.err).toMatch(/--data FILE.csv\|FILE.xlsx or --group NAME/);
    const both = await cli(['merge', t, '--data', write('a.csv', csv(DOCTORS)), '--group', 'X']);
    expect(both.code).toBe(EXIT.usage);
    expect(both.err).toMatch(/not both/);
    const builtin = await cli(['merge', t, '--data', write('b.csv', csv(DOCTORS)), '--converter', 'builtin']);
    expect(builtin.code).toBe(EXIT.usage);
    expect(builtin.err).toMatch(/use it from Openfax Desktop/);
  });

  it('says which file cannot be read, and sends nothing', async () => {
    const r = await cli(['merge', join(dir, 'missing.docx'), '--data', write('a.csv', csv(DOCTORS))]);
    expect(r.code).toBe(EXIT.document);
    expect(r.err).toMatch(/The template .*missing\.docx cannot be read: there is no such file\. Nothing was sent\./);
  });
});

withLibreOffice('openfax merge with LibreOffice', () => {
  it('a dry run names the fields, the mapping, each problem row by its line, the estimate, and sends nothing', {
    timeout: 60_000,
  }, async () => {
    const rows = [
      ...DOCTORS,
      { name: 'Dan Bad', fax: '555 01', account: 'ACC-7104', patients: 'x' },
      { ...DOCTORS[0], name: 'Ada Again' } as Doctor,
    ];
    const data = write('doctors.csv', csv(rows));
    const before = sb.faxes().length;
    const r = await cli(['merge', await template(2), '--data', data, '--dry-run', '--leave-out-problems', '--to-header-field', 'name']);
    expect(r.code, r.err).toBe(EXIT.ok);
    expect(r.out).toMatch(/Template: notice\.docx, 2 pages: 4 fields \(4 Word merge fields\)\n {2}Name, Fax, Account, Patient list/);
    expect(r.out).toMatch(/Data: doctors\.csv \(CSV\): 5 rows, 4 columns/);
    expect(r.out).toMatch(/Patient list +← Patient list/);
    expect(r.out).toMatch(/Fax number +← Fax/);
    expect(r.out).toMatch(/To header +← field Name/);
    expect(r.out).toMatch(/Converter: LibreOffice/);
    // The bad number is row 5 of the file (the header is row 1), with the number rule's words.
    expect(r.out).toMatch(/Problem rows \(1\):\n {2}row 5 +555 01 +.*too short.*\(left out\)/);
    expect(r.out).toMatch(/Duplicate numbers \(1\):\n {2}row 6 +\+1 212 555 0131 +same number as row 2/);
    expect(r.out).toMatch(/Made row 2's document to check it: 2 pages with LibreOffice [\d.]+ in \d+\.\d s/);
    expect(r.out).toMatch(/Estimate: 4 faxes, 2 pages each \(8 pages\)/);
    expect(r.err).toMatch(/Dry run: nothing was sent/);
    expect(sb.faxes().length).toBe(before);
    // Nothing queued, and no draft left behind for the app to show.
    const store = openStore(dataDir);
    expect(listJobs(store.db)).toEqual([]);
    expect(get(store.db, 'SELECT count(*) AS n FROM merges')).toEqual({ n: 0 });
    store.close();
  });

  it('stops on a field no column fills, naming it and the fix, with nothing sent', { timeout: 60_000 }, async () => {
    const data = write('doctors.csv', csv(DOCTORS, 'Name,Fax,Account,Patients'));
    const before = sb.faxes().length;
    const r = await cli(['merge', await template(), '--data', data]);
    expect(r.code).toBe(EXIT.usage);
    expect(r.out).toMatch(/Patient list +← MISSING: no column fills it/);
    expect(r.err).toMatch(/no column in “doctors\.csv”: «Patient list»/);
    expect(r.err).toMatch(/--field "FIELD=COLUMN" \(the columns are "Name", "Fax", "Account", "Patients"\)/);
    expect(r.err).toMatch(/Nothing was sent/);
    expect(sb.faxes().length).toBe(before);
    // The fix it names works: the same command with the field mapped passes its check.
    const fixed = await cli(['merge', await template(), '--data', data, '--field', 'Patient list=patients', '--dry-run']);
    expect(fixed.code, fixed.err).toBe(EXIT.ok);
    expect(fixed.out).toMatch(/Patient list +← Patients/);
  });

  it('sends each row its own fax once: the sandbox has one per row, each PDF holds its own row only', { timeout: 90_000 }, async () => {
    const data = write('doctors.csv', csv(DOCTORS));
    const letter = await template();
    // --sandbox: its outbox polls at the sandbox's speed, so --wait sees each fax end in moments.
    const sandboxMode = ['--sandbox', '--sandbox-speed', '3000'];
    const r = await cli(['merge', letter, '--data', data, '--to-header-field', 'Name', '--wait', '--json', ...sandboxMode]);
    expect(r.code, r.err).toBe(EXIT.ok);
    const out = JSON.parse(r.out) as { sent: boolean; state: string; broadcastId: number; jobs: Array<{ number: string; state: string }> };
    expect(out).toMatchObject({ sent: true, state: 'done' });
    // --wait: the command stayed until each fax ended, as send --wait does.
    expect(out.jobs.map((j) => j.state)).toEqual(DOCTORS.map(() => 'delivered'));
    const faxes = await receivedBySandboxMode();
    expect(faxes.map((f) => f.faxNumber).sort()).toEqual(DOCTORS.map((d) => digits(d.fax)).sort());
    expect(new Set(faxes.map((f) => f.outTransId)).size).toBe(DOCTORS.length);
    for (const f of faxes) expect(f.pages).toBe(1);
    const docs = uploaded();
    for (const d of DOCTORS) {
      const doc = docs.find((x) => x.number === digits(d.fax));
      if (!doc) throw new Error(`no job for ${d.name}`);
      // What the sandbox received is this job's own PDF, and it speaks of this row only.
      expect(faxes.find((f) => f.outTransId === doc.outTransId)?.pdfSha256).toBe(sha(doc.pdf));
      const text = (await extractText(doc.pdf)).replace(/\s+/g, ' ');
      expect(text).toContain(d.name);
      expect(text).toContain(d.account);
      for (const other of DOCTORS.filter((o) => o !== d)) {
        expect(text).not.toContain(other.name);
        expect(text).not.toContain(other.account);
      }
      expect(text).not.toMatch(/«|»|\{\{|MERGEFIELD/);
    }
    // The merge is closed once done: the app shows no open merge; its broadcast stays in the Outbox.
    const store = openStore(dataDir);
    expect(all(store.db, 'SELECT state, closed_at IS NOT NULL AS closed, broadcast_id AS b FROM merges')).toEqual([
      { state: 'done', closed: 1, b: out.broadcastId },
    ]);
    store.close();
    // Each To header is its row's Name, by the header rule (printable ASCII: é becomes e).
    expect(faxes.map((f) => f.toHeader).sort()).toEqual(['Ada Lovelace', 'Ben Okafor', 'Chloe Martin']);
    // Run again: the duplicate guard refuses every row, and nothing more arrives.
    const again = await cli(['merge', letter, '--data', data, '--to-header-field', 'Name', ...sandboxMode]);
    expect(again.code).toBe(EXIT.duplicate);
    expect(again.err).toMatch(/already been sent this same document/);
    expect(again.err).toMatch(/--allow-duplicate/);
    expect(await receivedBySandboxMode()).toHaveLength(DOCTORS.length);
  });

  it('first Ctrl-C stops making documents; what was queued stays, sent once', { timeout: 90_000 }, async () => {
    const many = Array.from({ length: 8 }, (_, i) => ({
      name: `Doctor ${String.fromCharCode(65 + i)}`,
      fax: `212 555 01${String(40 + i)}`,
      account: `ACC-${8000 + i}`,
      patients: `P${i}`,
    }));
    const data = write('many.csv', csv(many));
    const stop = new AbortController();
    let err = '';
    let out = '';
    // Ctrl-C as soon as the first fax is queued (the progress line says so).
    const code = await runCli(['--data-dir', dataDir, 'merge', await template(), '--data', data], {
      stdout: { write: (t: string) => (out += t) },
      stderr: {
        write: (t: string) => {
          err += t;
          if (/Made and queued [1-9]/.test(t)) stop.abort();
        },
      },
      env: { OPENFAX_QUIET: '1', ...envAccount() },
      signal: stop.signal,
    });
    const r: CliRun = { code, out, err };
    expect(r.code, r.err).toBe(EXIT.interrupted);
    expect(r.err).toMatch(/Stopped: no more documents are made \(the merge is canceled\)/);
    expect(r.err).toMatch(/already queued stays? in the Outbox/);
    expect(r.out).toMatch(/canceled before they were made/);
    const store = openStore(dataDir);
    const jobs = listJobs(store.db);
    const states = all<{ state: string; n: number }>(store.db, 'SELECT state, count(*) AS n FROM merge_rows GROUP BY state');
    const merge = get(store.db, 'SELECT state, closed_at IS NOT NULL AS closed FROM merges');
    store.close();
    expect(merge).toEqual({ state: 'canceled', closed: 1 });
    const canceled = states.find((s) => s.state === 'canceled')?.n ?? 0;
    const queued = states.find((s) => s.state === 'queued')?.n ?? 0;
    expect(canceled).toBeGreaterThan(0);
    expect(queued).toBe(jobs.length);
    expect(queued + canceled).toBe(many.length);
    // Whatever reached the sandbox is one fax per queued job, never two.
    const faxes = received();
    expect(new Set(faxes.map((f) => f.faxNumber)).size).toBe(faxes.length);
    expect(faxes.length).toBeLessThanOrEqual(jobs.length);
  });
});
