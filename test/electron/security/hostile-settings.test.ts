// Injection strings in every setting that reaches a command. Settings are generated with
// fast-check: every string setting holds shell, PowerShell and AppleScript metacharacters
// (‘ ’ ‚ ‛ ' " ` $ ; | & line breaks…) as far as its own schema allows. The hot folder reaches
// the printer set-up (the same folderFor() the app uses), and the property proves that the
// commands of every plan, Windows, macOS and Linux, with every probe inside them, are the very
// same commands a plain folder gives: the value travels in the environment (Windows), as one
// single-quoted literal that /bin/sh reads back exactly (macOS), or on a config line of its own
// that a line break cannot add to (cups-pdf). Never as script text.

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { folderFor } from '../../../electron/hotfolder/hotfolder-service.ts';
import { cupsInstallPlan, cupsPdfConfig, cupsRemovePlan, cupsStatusChecks } from '../../../electron/hotfolder/printer/linux.ts';
import { macInstallPlan, macRemovePlan, macServiceScript, macStatusChecks, shQuote } from '../../../electron/hotfolder/printer/macos.ts';
import type { PrinterPlan, StatusCheck } from '../../../electron/hotfolder/printer/plan.ts';
import {
  windowsInstallPlan,
  windowsPortPath,
  windowsRemovePlan,
  windowsStatusChecks,
} from '../../../electron/hotfolder/printer/windows.ts';
import { checkSetting, SETTING_KEYS, SETTINGS_DEFAULTS, type SettingKey, type Settings, SettingsSchema } from '../../../shared/settings.ts';
import { allCommands, HOSTILE_FOLDER_NAMES } from '../hotfolder/printer-commands.ts';
import { HOSTILE_SEED } from './hostile-payloads.ts';

const run = promisify(execFile);
const DOCUMENTS = '/home/ann/Documents';

/** Characters that end a quote, expand, chain or split a command in sh, PowerShell or AppleScript. */
const META = [
  '‘',
  '’',
  '‚',
  '‛',
  "'",
  '"',
  '`',
  '$',
  '(',
  ')',
  ';',
  '|',
  '&',
  '\n',
  '\r',
  '\\',
  '<',
  '>',
  '*',
  '?',
  '~',
  '#',
  '%',
  '!',
  '{',
  '}',
  ' ',
  '\t',
  '-',
];
const PAYLOADS = [
  ...HOSTILE_FOLDER_NAMES,
  'Start-Process calc',
  '$(touch PWNED)',
  'do shell script "touch PWNED"',
  '| calc',
  '& calc &',
  '$env:PATH',
];
const ASCII_META = META.filter((c) => /^[\x20-\x7e]$/.test(c));

const metaRun = (chars: string[]) => fc.string({ unit: fc.constantFrom(...chars), maxLength: 6 });
const hostileText = fc.tuple(metaRun(META), fc.constantFrom(...PAYLOADS), metaRun(META)).map((parts) => parts.join(''));
const hostileAscii = fc
  .tuple(metaRun(ASCII_META), fc.constantFrom('calc', 'PWNED', '$HOME', '`id`'), metaRun(ASCII_META))
  .map((p) => p.join(''));
/** Candidates for any string setting; each setting keeps those its schema accepts. */
const candidates = fc.oneof(
  hostileText,
  hostileAscii,
  hostileText.map((t) => `/home/ann/${t}`),
  hostileText.map((t) => `C:\\Users\\ann\\${t}`),
  hostileAscii.map((t) => `https://fax.example/${t}`),
);

function isStringSetting(key: SettingKey): boolean {
  let def = (SettingsSchema.shape[key] as any)._zod.def;
  while (def.innerType) def = def.innerType._zod.def;
  return def.type === 'string';
}
const STRING_KEYS = SETTING_KEYS.filter(isStringSetting);
/** String settings whose format leaves no room for a metacharacter (an account number, a country code). */
const CLOSED_KEYS = STRING_KEYS.filter((key) =>
  fc.sample(candidates, { numRuns: 300, seed: HOSTILE_SEED }).every((v) => !checkSetting(key, v).ok),
);
const OPEN_KEYS = STRING_KEYS.filter((key) => !CLOSED_KEYS.includes(key));

/** Whole settings objects, valid by the schema, with a hostile value in every string setting that can hold one. */
const hostileSettings: fc.Arbitrary<Settings> = fc
  .record(Object.fromEntries(OPEN_KEYS.map((key) => [key, candidates.filter((v) => checkSetting(key, v).ok)])))
  .map((values) => SettingsSchema.parse({ ...SETTINGS_DEFAULTS, ...values }));

const HOMES = { win32: 'C:\\Users\\ann', darwin: '/Users/ann', linux: '/home/ann' } as const;

/** Every plan and status check the printer set-up builds for `folder`, per platform. */
function plansFor(folder: string): Record<keyof typeof HOMES, Array<PrinterPlan | StatusCheck[]>> {
  const o = (platform: keyof typeof HOMES) => ({ hotFolder: folder, homeDir: HOMES[platform] });
  const linux = (() => {
    try {
      return [cupsInstallPlan(o('linux')), cupsRemovePlan(o('linux')), cupsStatusChecks(o('linux'))];
    } catch (err) {
      // A folder with a line break is refused before any plan exists (checked below).
      if (/line break/.test(String(err))) return [];
      throw err;
    }
  })();
  return {
    win32: [windowsInstallPlan(o('win32')), windowsRemovePlan(o('win32')), windowsStatusChecks(o('win32'))],
    darwin: [macInstallPlan(o('darwin')), macRemovePlan(o('darwin')), macStatusChecks(o('darwin'))],
    linux,
  };
}

function stepsAndProbes(plans: Array<PrinterPlan | StatusCheck[]>): unknown[] {
  return plans.flatMap((p): unknown[] => (Array.isArray(p) ? p.map((c) => c.probe) : p.steps));
}

/** The commands as run: program and arguments (PowerShell's script text is the last argument). */
function commandsOf(plans: Array<PrinterPlan | StatusCheck[]>) {
  return allCommands(stepsAndProbes(plans)).map((c) => ({
    program: c.program,
    args: c.args,
  }));
}

const plain = plansFor(folderFor(SETTINGS_DEFAULTS, DOCUMENTS));

describe('injection strings in the settings', () => {
  it('reach every string setting that can hold one', () => {
    expect(OPEN_KEYS).toContain('hotFolderPath');
    expect(OPEN_KEYS).toEqual(expect.arrayContaining(['fromHeader', 'senderName']));
    // The rest cannot hold a metacharacter at all: their own schema refuses it.
    for (const key of CLOSED_KEYS) expect(checkSetting(key, `1${META.join('')}`).ok, key).toBe(false);
  });

  it('never change the text of a command the printer set-up runs, on any platform', () => {
    fc.assert(
      fc.property(hostileSettings, (settings) => {
        const folder = folderFor(settings, DOCUMENTS);
        const plans = plansFor(folder);
        for (const platform of ['win32', 'darwin', 'linux'] as const) {
          if (platform === 'linux' && /[\r\n]/.test(folder)) continue;
          expect(commandsOf(plans[platform]), platform).toEqual(commandsOf(plain[platform]));
          const text = JSON.stringify(commandsOf(plans[platform]));
          for (const key of OPEN_KEYS) expect(text).not.toContain(JSON.stringify(settings[key]).slice(1, -1));
        }
        // Windows: the folder is handed over whole, in the environment the script reads.
        const envs = allCommands(stepsAndProbes(plans.win32)).map((c) => c.env ?? {});
        expect(envs.some((env) => env.OPENFAX_PORT === windowsPortPath(folder))).toBe(true);
      }),
      { seed: HOSTILE_SEED, numRuns: 200 },
    );
  });

  it('reach the cups-pdf config only as its own line, and a line break is refused', () => {
    fc.assert(
      fc.property(hostileSettings, (settings) => {
        const folder = folderFor(settings, DOCUMENTS);
        if (/[\r\n]/.test(folder)) {
          expect(() => cupsInstallPlan({ hotFolder: folder, homeDir: HOMES.linux })).toThrow(/line break/);
          return;
        }
        const lines = cupsPdfConfig(folder).split('\n');
        expect(lines).toEqual(
          cupsPdfConfig('/F')
            .split('\n')
            .map((l) => l.replace(/ \/F$/, () => ` ${folder}`)),
        );
      }),
      { seed: HOSTILE_SEED, numRuns: 200 },
    );
  });

  it('reach the macOS script only as one single-quoted literal, which /bin/sh reads back exactly', async () => {
    await fc.assert(
      fc.asyncProperty(hostileSettings, async (settings) => {
        const folder = folderFor(settings, DOCUMENTS);
        const plainFolder = folderFor(SETTINGS_DEFAULTS, DOCUMENTS);
        const script = macServiceScript(folder);
        expect(script).toBe(macServiceScript(plainFolder).replace(`HOT=${shQuote(plainFolder)}`, () => `HOT=${shQuote(folder)}`));
        const { stdout } = await run('/bin/sh', ['-c', `HOT=${shQuote(folder)}\nprintf '%s' "$HOT"`]);
        expect(stdout).toBe(folder);
      }),
      { seed: HOSTILE_SEED, numRuns: 40 },
    );
  });
});
