// The installers electron-builder.yml describes. NSIS, the dmg and the AppImage tools cannot be
// fetched on these machines, so the installers themselves are built where they can be; here the
// configuration is read and validated by electron-builder's own code, and each promise to the
// user is held to its setting.

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENT_EXTENSIONS } from '../../shared/document-kinds.ts';
import { type BuilderConfig, loadBuilderConfig, validateBuilderConfig } from './builder-config.ts';

const ROOT = resolve(import.meta.dirname, '../..');
let config: BuilderConfig;
beforeAll(async () => {
  config = await loadBuilderConfig();
});

describe('installers (electron-builder.yml)', () => {
  it('is a configuration electron-builder accepts, and its check catches a misspelt installer setting', async () => {
    await expect(validateBuilderConfig(config)).resolves.toBeUndefined();
    await expect(validateBuilderConfig({ ...config, nsis: { ...config.nsis, perMachin: false } })).rejects.toThrow(/nsis/);
  });

  it('Windows: an NSIS installer per user, with a Start menu entry, keeping the data on uninstall unless asked', () => {
    expect(config.win?.target).toEqual(['nsis']);
    // One click and per user: no administrator, and no "anyone who uses this computer" page.
    expect(config.nsis).toMatchObject({
      oneClick: true,
      perMachine: false,
      createStartMenuShortcut: true,
      deleteAppDataOnUninstall: false,
      include: 'assets/installer.nsh',
    });
    const script = readFileSync(join(ROOT, 'assets/installer.nsh'), 'utf8');
    // The question is asked only on a real uninstall (not an update), and silence keeps the data.
    expect(script).toMatch(/!macro customUnInstall[\s\S]*\$\{ifNot\} \$\{isUpdated\}[\s\S]*MessageBox [^\n]*\/SD IDNO IDNO/);
    expect(script).toContain(`RMDir /r "$APPDATA\\\${PRODUCT_FILENAME}"`);
  });

  it('offers "Open with" for every document type without taking any from the default viewer', () => {
    // macOS and Linux through electron-builder; Windows through OpenWithProgids in installer.nsh,
    // since electron-builder's NSIS would make the app each type's default.
    expect(config.win?.fileAssociations).toBeUndefined();
    expect(config.fileAssociations).toBeUndefined();
    const associated = (list: BuilderConfig['fileAssociations']) => (list ?? []).flatMap((a) => [a.ext].flat()).sort();
    expect(associated(config.mac?.fileAssociations as BuilderConfig['fileAssociations'])).toEqual([...DOCUMENT_EXTENSIONS].sort());
    expect(config.linux?.fileAssociations).toEqual(config.mac?.fileAssociations);
    for (const a of (config.mac?.fileAssociations ?? []) as NonNullable<BuilderConfig['fileAssociations']>) {
      expect(a).toMatchObject({ role: 'Viewer', rank: 'Alternate' });
    }
    const script = readFileSync(join(ROOT, 'assets/installer.nsh'), 'utf8');
    const openWith = [...script.matchAll(/!insertmacro openfaxOpenWith "\.(\w+)"/g)].map((m) => m[1]);
    const removed = [...script.matchAll(/!insertmacro openfaxNoOpenWith "\.(\w+)"/g)].map((m) => m[1]);
    expect(openWith.sort()).toEqual([...DOCUMENT_EXTENSIONS].sort());
    expect(removed.sort()).toEqual([...DOCUMENT_EXTENSIONS].sort());
    // Never a type's default value (HKCU\Software\Classes\.pdf's own "" value).
    expect(script).not.toMatch(/WriteRegStr HKCU "Software\\Classes\\\.\w+" ""/);
  });

  it('macOS: dmg and zip, hardened runtime with the entitlements the app uses, notarised from the environment', () => {
    expect(config.mac).toMatchObject({ target: ['dmg', 'zip'], hardenedRuntime: true, notarize: true });
    const entitlements = readFileSync(join(ROOT, String(config.mac?.entitlements)), 'utf8');
    expect(config.mac?.entitlementsInherit).toBe(config.mac?.entitlements);
    // V8's JIT and nothing else: no library-validation opt-out, no camera, microphone or events.
    expect([...entitlements.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1])).toEqual(['com.apple.security.cs.allow-jit']);
    // Credentials are read from the environment, never written in the configuration.
    expect(JSON.stringify(config)).not.toMatch(/APPLE_(ID|APP_SPECIFIC_PASSWORD|API_KEY)|CSC_KEY_PASSWORD/);
  });

  it('Linux: an AppImage and a deb that brings the keyring and recommends CUPS', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.deb?.depends).toEqual(expect.arrayContaining(['libsecret-1-0', 'libgbm1', 'libasound2t64 | libasound2']));
    expect(config.deb?.recommends).toEqual(expect.arrayContaining(['cups', 'cups-client']));
  });

  it('has a generic update feed over https, the default a release build may replace', () => {
    expect(config.publish).toEqual([expect.objectContaining({ provider: 'generic', url: expect.stringMatching(/^https:\/\//) })]);
  });

  it('names only icons and resources that exist', () => {
    for (const path of [config.win, config.mac, config.linux].map((p) => p?.icon)) expect(existsSync(join(ROOT, String(path)))).toBe(true);
  });
});

// The one hand-written installer script, compiled by NSIS (Debian's makensis, which .ci/run
// installs) inside a stand-in uninstaller: electron-builder's own templates cannot be fetched
// here, so its `isUpdated` condition and product name are given the way its common.nsh does.
const makensis = ['/usr/bin/makensis', '/usr/local/bin/makensis'].find((p) => existsSync(p));
const STUB = `!include LogicLib.nsh
!include FileFunc.nsh
!macro _isUpdated _a _b _t _f
  \${GetParameters} $R9
  ClearErrors
  \${GetOptions} $R9 "--updated" $R8
  IfErrors \`\${_f}\` \`\${_t}\`
!macroend
!define isUpdated \`"" isUpdated ""\`
!define PRODUCT_FILENAME "Openfax Desktop"
!define APP_EXECUTABLE_FILENAME "Openfax Desktop.exe"
!define APP_PACKAGE_NAME "openfax-desktop"
Var installMode
Name "Openfax Desktop"
OutFile "\${OUT}"
RequestExecutionLevel user
!include "\${SCRIPT}"
Section
  StrCpy $installMode "CurrentUser"
  !insertmacro customInstall
  WriteUninstaller "$TEMP\\uninstall.exe"
SectionEnd
Section "Uninstall"
  !insertmacro customUnInstall
SectionEnd
`;

async function compile(script: string): Promise<{ ok: boolean; output: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'openfax-nsis-'));
  try {
    writeFileSync(join(dir, 'stub.nsi'), STUB);
    writeFileSync(join(dir, 'installer.nsh'), script);
    const args = ['-V2', `-DOUT=${join(dir, 'out.exe')}`, `-DSCRIPT=${join(dir, 'installer.nsh')}`, join(dir, 'stub.nsi')];
    return await new Promise((done) =>
      execFile(makensis ?? 'makensis', args, { encoding: 'utf8' }, (err, stdout, stderr) => done({ ok: !err, output: stdout + stderr })),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (!makensis && process.env.CI) {
  describe('the uninstall script', () => {
    it('has NSIS in CI', () => {
      throw new Error('CI must provide makensis: .ci/run installs the Debian package nsis.');
    });
  });
} else if (!makensis) {
  console.warn('NSIS script check skipped: needs makensis (Debian package nsis)');
  describe.skip('the uninstall script (skipped: needs makensis)', () => {
    it('compiles', () => {});
  });
} else {
  describe('the uninstall script (assets/installer.nsh)', () => {
    it('compiles with NSIS, and a broken one would not', async () => {
      const script = readFileSync(join(ROOT, 'assets/installer.nsh'), 'utf8');
      const good = await compile(script);
      expect(good.output).not.toMatch(/warning/i);
      expect(good.ok, good.output).toBe(true);
      expect((await compile(script.replace(`\${endIf}`, ''))).ok).toBe(false);
    });
  });
}
