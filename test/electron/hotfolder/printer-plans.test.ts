import { describe, expect, it } from 'vitest';
import { cupsInstallPlan, cupsPdfConfig, cupsRemovePlan, cupsStatusChecks } from '../../../electron/hotfolder/printer/linux.ts';
import { macInstallPlan, macRemovePlan, macServicePath, macServiceScript, shQuote } from '../../../electron/hotfolder/printer/macos.ts';
import { buildInstallPlan } from '../../../electron/hotfolder/printer/printer-setup.ts';
import {
  windowsInstallPlan,
  windowsPortPath,
  windowsRemovePlan,
  windowsStatusChecks,
} from '../../../electron/hotfolder/printer/windows.ts';
import { allCommands } from './printer-commands.ts';

const script = (step: { args?: string[] }) => step.args?.at(-1) ?? '';

describe('Windows printer commands', () => {
  const options = { hotFolder: "C:\\Users\\O'Brien\\Documents\\Openfax Outbox", homeDir: "C:\\Users\\O'Brien" };
  const port = "C:\\Users\\O'Brien\\Documents\\Openfax Outbox\\openfax-print.pdf";

  it('adds a local file port in the hot folder and a printer on Microsoft Print to PDF', () => {
    expect(windowsPortPath(options.hotFolder)).toBe(port);
    const plan = windowsInstallPlan(options);
    const kinds = plan.steps.map((s) => s.kind);
    expect(kinds).toEqual(['require', 'mkdir', 'run', 'run', 'note']);
    const [driver, , portStep, printer] = plan.steps;
    for (const step of [portStep, printer]) {
      expect(step).toMatchObject({
        program: 'powershell.exe',
        env: { OPENFAX_PRINTER: 'Openfax', OPENFAX_PORT: port, OPENFAX_DRIVER: 'Microsoft Print to PDF' },
      });
      expect((step as { args: string[] }).args.slice(0, 5)).toEqual([
        '-NoProfile',
        '-NonInteractive',
        '-ExecutionPolicy',
        'Bypass',
        '-Command',
      ]);
    }
    expect(script(portStep as never)).toBe('Add-PrinterPort -Name $env:OPENFAX_PORT');
    expect(script(printer as never)).toContain(
      'Add-Printer -Name $env:OPENFAX_PRINTER -DriverName $env:OPENFAX_DRIVER -PortName $env:OPENFAX_PORT',
    );
    expect(script(printer as never)).toContain('Set-Printer -Name $env:OPENFAX_PRINTER -PortName $env:OPENFAX_PORT');
    expect(driver).toMatchObject({ kind: 'require', fix: expect.stringMatching(/Turn Windows features on or off/) });
    expect((portStep as { done: { args: string[] } }).done.args.at(-1)).toContain('Get-PrinterPort -Name $env:OPENFAX_PORT');
  });

  it('removes the printer, then its port, and leaves the folder', () => {
    const plan = windowsRemovePlan({ ...options, printerName: 'Fax Desk' });
    expect(script(plan.steps[0] as never)).toBe('Remove-Printer -Name $env:OPENFAX_PRINTER');
    expect(plan.steps[0]).toMatchObject({ env: { OPENFAX_PRINTER: 'Fax Desk' } });
    expect(script(plan.steps[1] as never)).toBe('Remove-PrinterPort -Name $env:OPENFAX_PORT');
    expect(plan.steps.some((s) => s.kind === 'remove-file')).toBe(false);
  });

  // PowerShell closes '…' on ' and on ‘ ’ ‚ ‛: a value inside script text is one missed
  // quote character from running code. No value from the settings may appear in a script.
  it('puts no value from the settings into any script it runs', () => {
    const hostile = [
      'C:\\Users\\ann\\x’+(Start-Process calc)+’',
      "C:\\Users\\ann\\x'+(Start-Process calc)+'",
      'C:\\Users\\ann\\O‘Brien ‚x‛ $(calc) `calc` ; calc',
    ];
    for (const hotFolder of hostile) {
      for (const printerName of ['Openfax', 'Fax’; Start-Process calc; ’']) {
        const o = { hotFolder, homeDir: 'C:\\Users\\ann', printerName };
        const scripts = allCommands([
          ...windowsInstallPlan(o).steps,
          ...windowsRemovePlan(o).steps,
          ...windowsStatusChecks(o).map((c) => c.probe),
        ]);
        expect(scripts.length).toBeGreaterThan(8);
        for (const c of scripts) {
          expect(c.args.join(' ')).not.toContain('calc');
          expect(c.args.join(' ')).not.toContain('Users');
          expect(c.env).toMatchObject({ OPENFAX_PORT: windowsPortPath(hotFolder), OPENFAX_PRINTER: printerName });
        }
      }
    }
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
