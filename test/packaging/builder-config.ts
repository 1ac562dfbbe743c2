// electron-builder.yml as electron-builder itself reads it (its own loader and its own schema
// check), so a misspelt key fails a test here and not at package time on a release machine.

import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

// The parts of the configuration the tests read; the schema check sees all of it.
export interface BuilderConfig {
  asar?: boolean | object | null;
  asarUnpack?: string[] | string | null;
  electronFuses?: Record<string, boolean> | null;
  fileAssociations?: Array<{ ext: string | string[]; role?: string; rank?: string }>;
  publish?: Array<{ provider: string; url?: string }> | null;
  win?: Record<string, unknown>;
  nsis?: Record<string, unknown>;
  mac?: Record<string, unknown>;
  linux?: Record<string, unknown>;
  deb?: Record<string, unknown>;
  [key: string]: unknown;
}
interface ConfigModule {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: null): Promise<BuilderConfig>;
  validateConfiguration(config: BuilderConfig, debugLogger: { add(): void; isEnabled: boolean }): Promise<void>;
}

// electron-builder's own config module, resolved from electron-builder as it resolves it.
export const fromBuilder = createRequire(createRequire(`${ROOT}/package.json`).resolve('electron-builder'));
const builderConfig = fromBuilder('app-builder-lib/out/util/config/config.js') as ConfigModule;
const quietLogger = { add() {}, isEnabled: false };

export const loadBuilderConfig = () => builderConfig.getConfig(ROOT, null, null);
export const validateBuilderConfig = (config: BuilderConfig) => builderConfig.validateConfiguration(config, quietLogger);
