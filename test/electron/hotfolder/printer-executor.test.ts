import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import {
  executePlan,
  formatReport,
  nodePrinterHost,
  type PrinterHost,
  type RunResult,
} from '../../../electron/hotfolder/printer/executor.ts';
import { installPrinter, printerStatus, removePrinter } from '../../../electron/hotfolder/printer/printer-setup.ts';
import { macServicePath } from '../../../electron/hotfolder/printer/macos.ts';
import { windowsInstallPlan, windowsPortPath } from '../../../electron/hotfolder/printer/windows.ts';
import { makePdf } from '../../fixtures/pdf/make-pdf.ts';
import { startHarness } from './harness.ts';

const run = promisify(execFile);
const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'printer-'));
  dirs.push(d);
  return d;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/**
 * A stand-in for Windows' print spooler: PowerShell scripts are interpreted against a small
 * model of ports and printers, so the plan's own probes decide what is "already" done.
 */
function fakeWindows(options: { admin: boolean; driver: boolean }) {
  const ports = new Set<string>();
  const printers = new Map<string, { port: string; driver: string }>();
  const ran: string[] = [];
  const q = (s: string) => s.replace(/''/g, "'");
  const host: PrinterHost = {
    ...nodePrinterHost(),
    async run(program, args, env): Promise<RunResult> {
      // The plan hands values over as environment variables; read them as PowerShell would.
      const script = (args.at(-1) ?? '').replace(/\$env:(\w+)/g, (_, name: string) => `'${(env?.[name] ?? '').replace(/'/g, "''")}'`);
      const ok = { code: 0, stdout: '', stderr: '' };
      const no = { code: 1, stdout: '', stderr: '' };
      if (program !== 'powershell.exe') return { code: 127, stdout: '', stderr: `${program}: not found` };
      if (script.startsWith('if (Get-PrinterDriver')) return options.driver ? ok : no;
      let m = /^if \(Get-PrinterPort -Name '((?:[^']|'')*)' .*exit (\d) } else { exit (\d) }$/.exec(script);
      if (m) return ports.has(q(m[1] as string)) ? { ...ok, code: Number(m[2]) } : { ...ok, code: Number(m[3]) };
      m = /^if \(Get-Printer -Name '((?:[^']|'')*)' .*exit (\d) } else { exit (\d) }$/.exec(script);
      if (m) return printers.has(q(m[1] as string)) ? { ...ok, code: Number(m[2]) } : { ...ok, code: Number(m[3]) };
      m = /^\$p = Get-Printer -Name '((?:[^']|'')*)' .*?-eq '((?:[^']|'')*)'/.exec(script);
      if (m && script.includes('exit 0')) return printers.get(q(m[1] as string))?.port === q(m[2] as string) ? ok : no;
      ran.push(script);
      if (!options.admin) return { code: 1, stdout: '', stderr: 'Access was denied' };
      m = /^Add-PrinterPort -Name '((?:[^']|'')*)'$/.exec(script);
      if (m) {
        ports.add(q(m[1] as string));
        return ok;
      }
      m = /Add-Printer -Name '((?:[^']|'')*)' -DriverName '([^']*)' -PortName '((?:[^']|'')*)'/.exec(script);
      if (m) {
        printers.set(q(m[1] as string), { driver: m[2] as string, port: q(m[3] as string) });
        return ok;
      }
      return { code: 1, stdout: '', stderr: `unexpected script ${script}` };
    },
  };
  return { host, ports, printers, ran };
}

describe('printer executor', () => {
  it('installs step by step, then finds everything already done', async () => {
    const hotFolder = join(await tempDir(), 'Openfax Outbox');
    const win = fakeWindows({ admin: true, driver: true });
    const plan = windowsInstallPlan({ hotFolder, homeDir: '/home/x' });
    const first = await executePlan(plan, win.host);
    expect(first.ok, formatReport(first)).toBe(true);
    expect(first.steps.map((s) => s.status)).toEqual(['ok', 'done', 'done', 'done', 'info']);
    expect(win.printers.get('Openfax')).toEqual({ driver: 'Microsoft Print to PDF', port: windowsPortPath(hotFolder) });
    expect(win.ports).toEqual(new Set([windowsPortPath(hotFolder)]));
    const second = await executePlan(plan, win.host);
    expect(second.steps.map((s) => s.status)).toEqual(['ok', 'already', 'already', 'already', 'info']);
    expect(win.ran).toHaveLength(2);
    expect(formatReport(second)).toContain('✓ already');
  });

  it('stops at the first failure, says what to do, and skips the rest', async () => {
    const hotFolder = join(await tempDir(), 'Outbox');
    const noDriver = await executePlan(windowsInstallPlan({ hotFolder, homeDir: '/h' }), fakeWindows({ admin: true, driver: false }).host);
    expect(noDriver.ok).toBe(false);
    expect(noDriver.steps[0]).toMatchObject({ status: 'failed', detail: expect.stringMatching(/Microsoft Print to PDF/) });
    expect(noDriver.steps.slice(1).map((s) => s.status)).toEqual(['skipped', 'skipped', 'skipped', 'skipped']);
    const notAdmin = await executePlan(windowsInstallPlan({ hotFolder, homeDir: '/h' }), fakeWindows({ admin: false, driver: true }).host);
    expect(notAdmin.steps[2]).toMatchObject({ status: 'failed', detail: expect.stringMatching(/run it again as an administrator/) });
  });

  it('installs the macOS "Send with Openfax" script for real, and it delivers a unique PDF that the hot folder takes', async () => {
    const home = await tempDir();
    const h = await startHarness();
    try {
      const setup = { platform: 'darwin' as const, hotFolder: h.folder, homeDir: home };
      expect((await printerStatus(setup)).installed).toBe(false);
      const report = await installPrinter(setup);
      expect(report.ok).toBe(true);
      const path = macServicePath(home);
      expect((await stat(path)).mode & 0o777).toBe(0o755);
      expect((await printerStatus(setup)).installed).toBe(true);
      expect((await installPrinter(setup)).steps.map((s) => s.status)).toEqual(['already', 'already', 'already', 'info']);

      // macOS calls it with the title, the options and the printed PDF: twice with one title.
      for (const n of [1, 2]) {
        const printed = join(home, `print-${n}.pdf`);
        await writeFile(printed, await makePdf({ pages: [`printed ${n}`] }));
        await run(path, ['Quarterly Report.pdf', 'options', printed]);
        await expect(stat(printed)).rejects.toThrow();
      }
      await h.waitFor(() => h.documents.length === 2, 'two documents');
      // Both prints arrive whole, each under the title: neither overwrote the other. (Their names
      // differ only when the second lands while the first is still in the folder, which depends
      // on how soon the hot folder takes the first.)
      for (const d of h.documents) expect(d.originalName).toMatch(/^Quarterly Report \d{8}-\d{6}( \(2\))?\.pdf$/);
      expect(new Set(h.documents.map((d) => d.sha256)).size).toBe(2);
      expect(h.rejected).toEqual([]);

      const removed = await removePrinter(setup);
      expect(removed.steps[0]?.status).toBe('done');
      expect((await printerStatus(setup)).installed).toBe(false);
      expect((await removePrinter(setup)).steps[0]?.status).toBe('already');
      expect(await readdir(join(home, 'Library', 'PDF Services'))).toEqual([]);
    } finally {
      await h.close();
    }
  });
});
