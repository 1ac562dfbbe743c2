// The CLI takes numbers by the same rules as Compose: a list split at commas and semicolons,
// an extension left out with a note, a number not in use refused with the reason. The judge is
// the sandbox's own record of what arrived.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../../electron/sandbox/index.ts';
import { makePdf } from '../outbox/harness.ts';
import { runCliIn } from './run-cli.ts';

let dir: string;
let sb: Sandbox;
let pdf: string;

beforeAll(async () => {
  sb = await startSandbox({ speed: 3000 });
  dir = mkdtempSync(join(tmpdir(), 'openfax-cli-numbers-'));
  pdf = join(dir, 'memo.pdf');
  writeFileSync(pdf, await makePdf(1, 'memo'));
});
afterAll(async () => {
  await sb.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('openfax send --to', () => {
  it('drops an extension with a note, refuses a number not in use, and sends the rest', async () => {
    const r = await runCliIn(join(dir, 'data'), ['send', pdf, '--to', '212 555 0163 x12; 999 555 0100', '--to', '212 555 0164'], {
      OPENFAX_ACCOUNT_ID: sb.demoAccount.accountId,
      OPENFAX_API_KEY: sb.demoAccount.apiKey,
      OPENFAX_API_URL: sb.url,
    });
    expect(r.err).toContain('212 555 0163 x12 (dialled as +1 212 555 0163): Extension 12 is left out: a fax cannot dial extensions');
    expect(r.err).toMatch(/Not sent to 999 555 0100: Area code 999 is not in use in North America/);
    // The table shows the numbers the one way everything shows them.
    expect(r.out).toMatch(/\+1 212 555 0163/);
    expect(r.code).toBe(1); // one recipient refused
    const arrived = sb
      .faxes()
      .map((f) => f.faxNumber)
      .filter((n) => n.startsWith('1212555016') || n.startsWith('1999'));
    expect(arrived.sort()).toEqual(['12125550163', '12125550164']);
  });
});
