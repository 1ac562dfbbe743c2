import { describe, expect, it } from 'vitest';
import { cupsInstallPlan, cupsPdfConfig, cupsRemovePlan, cupsStatusChecks } from '../../../electron/hotfolder/printer/linux.ts';
import { macInstallPlan, macRemovePlan, macServicePath, macServiceScript, shQuote } from '../../../electron/hotfolder/printer/macos.ts';
import { buildInstallPlan } from '../../../electron/hotfolder/printer/printer-setup.ts';
import { psQuote, windowsInstallPlan, windowsPortPath, windowsRemovePlan } from '../../../electron/hotfolder/printer/windows.ts';

const script = (step: { args?: string[] }) => step.args?.at(-1) ?? '';

describe('Windows printer commands', () => {
  const options = { hotFolder: "C:\\Users\\O'Brien\\Documents\\Openfax Outbox", homeDir: "C:\\Users\\O'Brien" };

  it('adds a local file port in the hot folder and a printer on Microsoft Print to PDF', () => {
    expect(windowsPortPath(options.hotFolder)).toBe("C:\\Users\\O'Brien\\Documents\\Openfax Outbox\\openfax-print.pdf");
    const plan = windowsInstallPlan(options);
    const kinds = plan.steps.map((s) => s.kind);
    expect(kinds).toEqual(['require', 'mkdir', 'run', 'run', 'note']);
    const [driver, , port, printer] = plan.steps;
    for (const step of [port, printer]) {
      expect(step).toMatchObject({ program: 'powershell.exe' });
      expect((step as { args: string[] }).args.slice(0, 5)).toEqual([
        '-NoProfile',
        '-NonInteractive',
        '-ExecutionPolicy',
        'Bypass',
        '-Command',
      ]);
    }
    const quotedPort = "'C:\\Users\\O''Brien\\Documents\\Openfax Outbox\\openfax-print.pdf'";
    expect(script(port as never)).toBe(`Add-PrinterPort -Name ${quotedPort}`);
    expect(script(printer as never)).toContain(`Add-Printer -Name 'Openfax' -DriverName 'Microsoft Print to PDF' -PortName ${quotedPort}`);
    expect(script(printer as never)).toContain(`Set-Printer -Name 'Openfax' -PortName ${quotedPort}`);
    expect(driver).toMatchObject({ kind: 'require', fix: expect.stringMatching(/Turn Windows features on or off/) });
    expect((port as { done: { args: string[] } }).done.args.at(-1)).toContain(`Get-PrinterPort -Name ${quotedPort}`);
  });

  it('removes the printer, then its port, and leaves the folder', () => {
    const plan = windowsRemovePlan({ ...options, printerName: 'Fax Desk' });
    expect(script(plan.steps[0] as never)).toBe("Remove-Printer -Name 'Fax Desk'");
    expect(script(plan.steps[1] as never)).toMatch(/^Remove-PrinterPort -Name '.*openfax-print\.pdf'$/);
    expect(plan.steps.some((s) => s.kind === 'remove-file')).toBe(false);
  });

  it('quotes for PowerShell by doubling single quotes only', () => {
    expect(psQuote("a'b $c `d")).toBe("'a''b $c `d'");
  });
});

describe('macOS PDF Services entry', () => {
  it('writes an executable script into ~/Library/PDF Services pointing at the hot folder', () => {
    const plan = macInstallPlan({ hotFolder: "/Users/ann/Documents/Ann's Outbox", homeDir: '/Users/ann' });
    const write = plan.steps.find((s) => s.kind === 'write-file');
    expect(write).toMatchObject({ path: '/Users/ann/Library/PDF Services/Send with Openfax', mode: 0o755 });
    expect((write as { content: string }).content).toContain(`HOT='/Users/ann/Documents/Ann'\\''s Outbox'`);
    expect(macRemovePlan({ hotFolder: '/x', homeDir: '/Users/ann' }).steps[0]).toMatchObject({
      kind: 'remove-file',
      path: macServicePath('/Users/ann'),
    });
    expect(shQuote("it's")).toBe(`'it'\\''s'`);
    expect(macServiceScript('/x').startsWith('#!/bin/sh\n')).toBe(true);
  });
});

describe('CUPS queue', () => {
  const options = { hotFolder: '/home/ann/Openfax Outbox', homeDir: '/home/ann' };

  it('writes a per-queue cups-pdf config and adds the queue on cups-pdf:/openfax', () => {
    const plan = cupsInstallPlan(options);
    expect(plan.steps.filter((s) => s.kind === 'require').map((s) => (s as { probe: unknown }).probe)).toEqual([
      { kind: 'file-exists', path: '/usr/lib/cups/backend/cups-pdf' },
      { kind: 'file-exists', path: '/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd' },
      { kind: 'run-succeeds', program: 'lpstat', args: ['-r'] },
    ]);
    expect(plan.steps.find((s) => s.kind === 'write-file')).toMatchObject({
      path: '/etc/cups/cups-pdf-openfax.conf',
      content: cupsPdfConfig(options.hotFolder),
    });
    expect(cupsPdfConfig(options.hotFolder)).toContain('\nOut /home/ann/Openfax Outbox\n');
    expect(plan.steps.find((s) => s.kind === 'run')).toMatchObject({
      program: 'lpadmin',
      args: [
        '-p',
        'Openfax',
        '-v',
        'cups-pdf:/openfax',
        '-E',
        '-P',
        '/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd',
        '-D',
        'Print to Openfax',
        '-L',
        'Openfax Desktop',
      ],
      done: { kind: 'run-output-includes', program: 'lpstat', args: ['-v', 'Openfax'], text: 'cups-pdf:/openfax' },
    });
    expect(cupsRemovePlan(options).steps.map((s) => s.kind)).toEqual(['run', 'remove-file', 'note']);
    expect(cupsStatusChecks(options)).toHaveLength(2);
  });

  it('refuses names CUPS or a config file cannot take', () => {
    expect(() => cupsInstallPlan({ ...options, printerName: 'My Fax' })).toThrow(/letters, digits/);
    expect(() => cupsInstallPlan({ ...options, instance: '../x' })).toThrow(/letters, digits/);
    expect(() => cupsPdfConfig('/tmp/a\nOut /etc')).toThrow(/line break/);
  });

  it('picks the builder for the platform', () => {
    expect(buildInstallPlan({ ...options, platform: 'linux' }).title).toMatch(/CUPS/);
    expect(buildInstallPlan({ ...options, platform: 'darwin' }).title).toMatch(/Send with Openfax/);
    expect(buildInstallPlan({ ...options, platform: 'win32' }).title).toMatch(/"Openfax" printer/);
    expect(() => buildInstallPlan({ ...options, platform: 'aix' })).toThrow(/cannot be set up on aix/);
  });
});
