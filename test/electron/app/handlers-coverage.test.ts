// Every IPC channel goes through the real router in a test. Each contract feature
// (shared/ipc/contract/<feature>.ts) has a handlers-<feature>.test.ts here that ends with
// itDispatchedEvery(<feature>Methods, …), which fails if one of the feature's channels was
// never dispatched. This file checks the other half without running those files (so file order
// does not matter): every feature has such a test, and the features add up to METHOD_NAMES.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../../shared/ipc/contract.ts';

const root = join(import.meta.dirname, '../../..');
const contractDir = join(root, 'shared/ipc/contract');
const features = readdirSync(contractDir)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => basename(f, '.ts'));

async function methodsOf(feature: string): Promise<string[]> {
  const mod = (await import(join(contractDir, `${feature}.ts`))) as Record<string, unknown>;
  const table = mod[`${feature}Methods`];
  if (!table || typeof table !== 'object') throw new Error(`contract/${feature}.ts exports no ${feature}Methods`);
  return Object.keys(table);
}

describe('handler coverage', () => {
  it('the features of the contract declare exactly the channels of METHOD_NAMES', async () => {
    const declared = (await Promise.all(features.map(methodsOf))).flat();
    expect(declared.sort()).toEqual([...METHOD_NAMES].sort());
  });

  it.each(features)('%s has a handlers test that checks every one of its channels was dispatched', (feature) => {
    const file = join(import.meta.dirname, `handlers-${feature}.test.ts`);
    expect(existsSync(file), `test/electron/app/handlers-${feature}.test.ts`).toBe(true);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(new RegExp(`itDispatchedEvery\\(${feature}Methods, dispatched\\);`));
  });
});
