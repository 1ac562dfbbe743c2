// Mail-merge benchmark: 500 rows, a 2-page template with Word merge fields, the LibreOffice
// converter, the real outbox and the sandbox (in a child process of its own, as Openfax is
// another machine: its fax drawing does not count in this process's memory, though it shares
// the CPU). This process is the app's main: the merge service on the core, as services.ts builds it.
// Targets: the first fax accepted by the sandbox < 15 s after Send; the whole merge, until every
// row is queued and accepted, < 5 min (2 cores); RSS growth (peak, sampled every 100 ms, minus
// the RSS at Send) < 200 MB. Also reported: LibreOffice's share of the time (the wall time of
// its processes over the whole merge). Exits non-zero when a target is missed.
//
//   npx node bench/merge.ts            (BENCH_ROWS=N for another number of rows)

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { buildCore } from '../electron/app/core.ts';
import { DisposableStore } from '../electron/core/disposables.ts';
import { setLogLevel } from '../electron/core/logger.ts';
import { createMergeService } from '../electron/merge/merge-service.ts';
import { getSettings } from '../electron/store/settings-repo.ts';
import { mergeFieldTemplate, sofficeMissing } from '../test/fixtures/merge-templates.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 500);
const TARGET_FIRST_MS = 15_000;
const TARGET_WHOLE_MS = 5 * 60_000;
const TARGET_RSS_MB = 200;
const SAMPLE_MS = 100;

interface SandboxInfo {
  url: string;
  accountId: string;
  apiKey: string;
}

interface SandboxRecord {
  faxes: number;
  distinctNumbers: number;
  distinctDocuments: number;
  pages: number[];
  cpuMs: number;
}

/** The child: the sandbox, until stdin closes; "record" answers what it received. */
async function sandboxChild(): Promise<void> {
  const { startSandbox } = await import('../electron/sandbox/index.ts');
  setLogLevel('warn');
  const sb = await startSandbox({ speed: 1000 });
  sb.setCredit(sb.demoAccount.accountId, 1_000_000);
  const info: SandboxInfo = { url: sb.url, ...sb.demoAccount };
  process.stdout.write(`${JSON.stringify(info)}\n`);
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    if (line.trim() !== 'record') continue;
    const faxes = sb.faxes();
    const cpu = process.cpuUsage();
    const record: SandboxRecord = {
      faxes: faxes.length,
      distinctNumbers: new Set(faxes.map((f) => f.faxNumber)).size,
      distinctDocuments: new Set(faxes.map((f) => f.pdfSha256)).size,
      pages: [...new Set(faxes.map((f) => f.pages))],
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    };
    process.stdout.write(`${JSON.stringify(record)}\n`);
  }
  await sb.close();
}

function startSandboxChild(): Promise<{ info: SandboxInfo; record(): Promise<SandboxRecord>; stop(): void }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [import.meta.filename, '--sandbox-child'], {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: { ...process.env, OPENFAX_QUIET: '1' },
    });
    const lines = createInterface({ input: child.stdout });
    const waiting: Array<(line: string) => void> = [];
    let started = false;
    lines.on('line', (line) => {
      if (!started) {
        started = true;
        const info = JSON.parse(line) as SandboxInfo;
        resolve({
          info,
          record: () =>
            new Promise((answer) => {
              waiting.push((l) => answer(JSON.parse(l) as SandboxRecord));
              child.stdin.write('record\n');
            }),
          stop: () => child.stdin.end(),
        });
        return;
      }
      waiting.shift()?.(line);
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (!started) reject(new Error(`the sandbox child exited ${code}`));
    });
  });
}

function csvOf(rows: number): string {
  const lines = ['Name,Fax,Account,Patient list'];
  for (let i = 0; i < rows; i++) {
    // Ordinary numbers (not the sandbox's magic 555-01XX), one per row.
    lines.push(`Practice ${i + 1},212 204 ${String(1000 + i)},ACC-${100_000 + i},"Patient ${i}a; Patient ${i}b"`);
  }
  return lines.join('\r\n');
}

async function main(): Promise<number> {
  const missing = sofficeMissing();
  if (missing) {
    console.error(`Cannot run: ${missing}.`);
    return 2;
  }
  setLogLevel('warn');
  const dir = mkdtempSync(join(tmpdir(), 'openfax-bench-merge-'));
  const sandbox = await startSandboxChild();
  const disposables = new DisposableStore();
  try {
    const template = await mergeFieldTemplate({ simple: false, pages: 2 });
    const csv = csvOf(ROWS);
    writeFileSync(join(dir, 'rows.csv'), csv);
    const core = await buildCore(
      {
        dataDir: join(dir, 'data'),
        secrets: { label: 'none', get: async () => undefined, set: async () => undefined, delete: async () => false },
        sandbox: false,
        pin: { kind: 'live', accountId: sandbox.info.accountId, apiKey: sandbox.info.apiKey, apiUrl: sandbox.info.url },
      },
      disposables,
    );
    await core.outbox.start();
    let soffice = { ms: 0, processes: 0, documents: 0 };
    const service = await createMergeService({
      db: core.store.db,
      dataDir: core.dataDir,
      outbox: core.outbox,
      getSettings: () => getSettings(core.store.db),
      converters: {
        onProcess: (e) => {
          if (e.kind === 'start') soffice = { ...soffice, processes: soffice.processes + 1, documents: soffice.documents + e.documents };
          else soffice = { ...soffice, ms: soffice.ms + e.ms };
        },
      },
      adoptOrphans: false,
    });
    disposables.add('merge', () => service.dispose());

    const prepared = performance.now();
    let view = await service.openTemplate('notice.docx', template);
    view = await service.openData(view.id, { kind: 'bytes', fileName: 'rows.csv', bytes: new TextEncoder().encode(csv) });
    view = await service.update(view.id, { converter: 'libreoffice' });
    if (view.blockers.length) throw new Error(`the merge is blocked: ${view.blockers.map((b) => b.message).join(' ')}`);
    const prepareMs = performance.now() - prepared;

    // Every fax Openfax (the sandbox) accepted: its answer reached the outbox.
    const accepted = new Set<number>();
    let firstAcceptedMs: number | undefined;
    let allAccepted: () => void = () => undefined;
    const everyOne = new Promise<void>((resolve) => {
      allAccepted = resolve;
    });
    let t0 = 0;
    const off = core.outbox.on('job-changed', (j) => {
      if (j.state !== 'submitted' || accepted.has(j.id)) return;
      accepted.add(j.id);
      firstAcceptedMs ??= performance.now() - t0;
      if (accepted.size === ROWS) allAccepted();
    });
    disposables.add('accepted', off);

    global.gc?.();
    const rssStart = process.memoryUsage.rss();
    let rssPeak = rssStart;
    const maxRssBefore = process.resourceUsage().maxRSS * 1024;
    const sampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
    }, SAMPLE_MS);
    t0 = performance.now();
    await service.start(view.id);
    await service.idle();
    const queuedMs = performance.now() - t0;
    const end = service.get(view.id);
    const failed = end?.progress?.failed ?? 0;
    // A row that could not be made is never accepted: stop waiting for it.
    if (failed === 0) await everyOne;
    const wholeMs = performance.now() - t0;
    clearInterval(sampler);
    const maxRssAfter = process.resourceUsage().maxRSS * 1024;
    if (maxRssAfter > maxRssBefore) rssPeak = Math.max(rssPeak, maxRssAfter);
    const record = await sandbox.record();

    const growthMb = (rssPeak - rssStart) / 1024 / 1024;
    const share = soffice.ms / wholeMs;
    const rows = [
      ['rows (queued / failed)', `${end?.progress?.queued ?? 0} / ${failed}`, String(ROWS)],
      [
        'sandbox received (faxes / numbers / documents)',
        `${record.faxes} / ${record.distinctNumbers} / ${record.distinctDocuments}`,
        `${ROWS} each`,
      ],
      ['pages per fax (sandbox)', record.pages.join(', '), '2'],
      [`prepare: template, ${ROWS} rows, checks (s)`, (prepareMs / 1000).toFixed(2), ''],
      ['first fax accepted after Send (s)', firstAcceptedMs === undefined ? '-' : (firstAcceptedMs / 1000).toFixed(1), '< 15'],
      ['every row queued (s)', (queuedMs / 1000).toFixed(1), ''],
      ['every row queued and accepted (s)', (wholeMs / 1000).toFixed(1), '< 300'],
      ['main RSS at Send / peak (MB)', `${(rssStart / 1024 / 1024).toFixed(0)} / ${(rssPeak / 1024 / 1024).toFixed(0)}`, ''],
      ['main RSS growth (MB)', growthMb.toFixed(1), '< 200'],
      [
        'LibreOffice: processes, documents, wall time (s)',
        `${soffice.processes}, ${soffice.documents}, ${(soffice.ms / 1000).toFixed(1)}`,
        '',
      ],
      ['LibreOffice share of the time', `${(share * 100).toFixed(0)} %`, ''],
      ['sandbox child CPU (s)', (record.cpuMs / 1000).toFixed(1), ''],
    ];
    const header = ['metric', 'measured', 'target'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
    const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
    console.log(
      `${availableParallelism()} cores, load ${loadavg()[0]?.toFixed(2)}, Node ${process.versions.node}, ${view.converters.find((c) => c.id === 'libreoffice')?.label}`,
    );
    console.log(line(header));
    console.log(line(widths.map((w) => '-'.repeat(w))));
    for (const r of rows) console.log(line(r));
    console.log(
      JSON.stringify({
        bench: 'merge',
        rows: ROWS,
        queued: end?.progress?.queued ?? 0,
        failed,
        sandboxFaxes: record.faxes,
        firstAcceptedMs: firstAcceptedMs === undefined ? null : Math.round(firstAcceptedMs),
        queuedMs: Math.round(queuedMs),
        wholeMs: Math.round(wholeMs),
        rssStartMb: Math.round(rssStart / 1024 / 1024),
        rssGrowthMb: Math.round(growthMb * 10) / 10,
        converterMs: Math.round(soffice.ms),
        converterShare: Math.round(share * 1000) / 1000,
        converterProcesses: soffice.processes,
        cores: availableParallelism(),
      }),
    );

    const misses: string[] = [];
    if (failed > 0 || (end?.progress?.queued ?? 0) !== ROWS)
      misses.push(`${end?.progress?.queued ?? 0} of ${ROWS} rows queued (${failed} failed)`);
    if (record.faxes !== ROWS || record.distinctNumbers !== ROWS)
      misses.push(`the sandbox has ${record.faxes} faxes to ${record.distinctNumbers} numbers`);
    if (firstAcceptedMs === undefined || !(firstAcceptedMs < TARGET_FIRST_MS)) misses.push('first fax accepted ≥ 15 s');
    if (!(wholeMs < TARGET_WHOLE_MS)) misses.push('whole merge ≥ 5 min');
    if (!(growthMb < TARGET_RSS_MB)) misses.push('RSS growth ≥ 200 MB');
    if (misses.length) {
      console.error(`MISSED: ${misses.join('; ')}`);
      return 1;
    }
    console.log('all targets met');
    return 0;
  } finally {
    await disposables.dispose();
    sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv.includes('--sandbox-child')) {
  sandboxChild().catch((err) => {
    console.error(err);
    process.exit(1);
  });
} else {
  main().then(
    (code) => process.exit(code),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
