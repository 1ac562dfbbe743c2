// The fuses a packaged app ships with, read from electron-builder.yml the way electron-builder
// reads it (its own loader, then its own schema check, so a misspelt fuse fails here and not
// silently at package time). No Electron binary is available in CI, so the flipped fuse wire
// itself is checked where a package is built: `npx @electron/fuses read --app <path>`.

import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');

interface BuilderConfig {
  asar?: boolean | object | null;
  asarUnpack?: string[] | string | null;
  electronFuses?: Record<string, boolean> | null;
}
interface ConfigModule {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: null): Promise<BuilderConfig>;
  validateConfiguration(config: BuilderConfig, debugLogger: { add(): void; isEnabled: boolean }): Promise<void>;
}

// electron-builder's own config module, resolved from electron-builder as it resolves it.
const fromBuilder = createRequire(createRequire(`${ROOT}/package.json`).resolve('electron-builder'));
const builderConfig = fromBuilder('app-builder-lib/out/util/config/config.js') as ConfigModule;
const quietLogger = { add() {}, isEnabled: false };

let config: BuilderConfig;
beforeAll(async () => {
  config = await builderConfig.getConfig(ROOT, null, null);
});

describe('packaged fuses (electron-builder.yml)', () => {
  it('is a configuration electron-builder accepts', async () => {
    await expect(builderConfig.validateConfiguration(config, quietLogger)).resolves.toBeUndefined();
  });

  it('the schema check would catch a misspelt fuse', async () => {
    const misspelt = { ...config, electronFuses: { ...config.electronFuses, runAsNod: false } };
    await expect(builderConfig.validateConfiguration(misspelt, quietLogger)).rejects.toThrow(/electronFuses/);
  });

  it.each([
    // Off: a local process could otherwise run code as the signed app, or attach a debugger.
    ['runAsNode', false],
    ['enableNodeOptionsEnvironmentVariable', false],
    ['enableNodeCliInspectArguments', false],
    // Off: the page comes from app://, so file:// pages need no more than a browser gives them.
    ['grantFileProtocolExtraPrivileges', false],
    // On: cookies encrypted with the OS key; app.asar checked against the signed hashes, and
    // the only place the app's code is loaded from.
    ['enableCookieEncryption', true],
    ['enableEmbeddedAsarIntegrityValidation', true],
    ['onlyLoadAppFromAsar', true],
  ])('%s is %s', (fuse, value) => {
    expect(config.electronFuses?.[fuse]).toBe(value);
  });

  it('packs the app into app.asar (the integrity fuses check nothing without it)', () => {
    // Left out, electron-builder's default is an archive; only an explicit false or null disables it.
    expect(config.asar === undefined || config.asar === true || (typeof config.asar === 'object' && config.asar !== null)).toBe(true);
  });

  it('unpacks only the keyring’s native module, which the OS must load from a real file', () => {
    expect(config.asarUnpack).toEqual(['**/node_modules/@napi-rs/keyring*/**']);
  });
});
