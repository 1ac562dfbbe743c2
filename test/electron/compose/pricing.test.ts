// The price per page for estimates: learned from this account's own delivered faxes, the
// person's price only as an override, the sandbox's own price in the sandbox, and "unknown"
// rather than a made-up default.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pricingInputs, resolvePricing } from '../../../electron/compose/pricing.ts';
import { DEFAULT_PRICE_PER_PAGE } from '../../../electron/sandbox/defaults.ts';
import { accountKeyOf, LOCAL_SANDBOX_ENDPOINT, learnedPricePerPage } from '../../../electron/store/account-state-repo.ts';
import { openDatabase } from '../../../electron/store/database.ts';
import { insertDocument } from '../../../electron/store/documents-repo.ts';
import { insertJob, updateJob } from '../../../electron/store/jobs-repo.ts';
import { MIGRATIONS } from '../../../electron/store/migrations.ts';
import { getSetting } from '../../../electron/store/settings-repo.ts';
import type { Db } from '../../../electron/store/sql.ts';
import { tempStore } from '../store/helpers.ts';

const LIVE = { endpoint: 'https://api.openfax.com', accountId: '123456' };
const LIVE_KEY = accountKeyOf(LIVE.endpoint, LIVE.accountId);
const SANDBOX_KEY = accountKeyOf(LOCAL_SANDBOX_ENDPOINT, '100000001');

let s: ReturnType<typeof tempStore>;
beforeEach(() => {
  s = tempStore();
  insertDocument(s.db, {
    id: 'd',
    spoolPath: '/x/d.pdf',
    sha256: 'aa',
    size: 1,
    pages: 2,
    paperSize: 'letter',
    originalName: 'd.pdf',
    source: 'cli',
    createdAt: 1,
  });
});
afterEach(() => s.cleanup());

let at = 1_000;
function delivered(db: Db, accountKey: string, pages: number, cost: number, state: 'delivered' | 'failed' = 'delivered') {
  const id = insertJob(db, {
    documentId: 'd',
    numberRaw: '2125550100',
    faxNumber: '12125550100',
    toHeader: '',
    fromHeader: '',
    paperSize: 'letter',
    resolution: 'standard',
    priority: 'Normal',
    pages,
    state: 'queued',
  });
  at += 1000;
  updateJob(db, id, { state, accountKey, pagesSent: pages, cost, finalAt: at });
}

const account = (mode: 'sandbox' | 'live', credit?: number) => ({
  mode: () => mode,
  current: () => (mode === 'live' ? LIVE : { endpoint: LOCAL_SANDBOX_ENDPOINT, accountId: '100000001' }),
  status: () => ({ credit }),
});

describe('resolvePricing', () => {
  it('uses the sandbox price in the sandbox, the override, then the learned price, else none', () => {
    const learned = { perPage: 0.09, faxes: 12 };
    expect(resolvePricing({ mode: 'sandbox', sandboxPricePerPage: 0.07, overridePricePerPage: 0.2, learned })).toEqual({
      pricePerPage: 0.07,
      priceSource: 'sandbox',
      credit: undefined,
    });
    expect(resolvePricing({ mode: 'live', overridePricePerPage: 0.2, learned, credit: 3 })).toEqual({
      pricePerPage: 0.2,
      priceSource: 'settings',
      credit: 3,
    });
    expect(resolvePricing({ mode: 'live', overridePricePerPage: null, learned })).toEqual({
      pricePerPage: 0.09,
      priceSource: 'history',
      learnedFrom: 12,
      credit: undefined,
    });
    expect(resolvePricing({ mode: 'live', overridePricePerPage: null })).toEqual({ credit: undefined });
    expect(resolvePricing({ mode: 'live', learned: { perPage: Number.NaN, faxes: 2 } })).toEqual({ credit: undefined });
  });
});

describe('the learned price', () => {
  it("is the cost per page of this account's last delivered faxes, never another account's", () => {
    expect(learnedPricePerPage(s.db, LIVE_KEY)).toBeUndefined();
    delivered(s.db, LIVE_KEY, 2, 0.2);
    delivered(s.db, LIVE_KEY, 3, 0.3);
    delivered(s.db, LIVE_KEY, 5, 9, 'failed');
    delivered(s.db, SANDBOX_KEY, 10, 9);
    expect(learnedPricePerPage(s.db, LIVE_KEY)).toEqual({ perPage: 0.1, faxes: 2 });
    expect(learnedPricePerPage(s.db, SANDBOX_KEY)).toEqual({ perPage: 0.9, faxes: 1 });
  });

  it('follows the latest faxes when the price changes', () => {
    for (let i = 0; i < 25; i++) delivered(s.db, LIVE_KEY, 1, 0.05);
    for (let i = 0; i < 20; i++) delivered(s.db, LIVE_KEY, 1, 0.08);
    expect(learnedPricePerPage(s.db, LIVE_KEY)?.perPage).toBeCloseTo(0.08, 10);
    expect(learnedPricePerPage(s.db, LIVE_KEY)?.faxes).toBe(20);
  });

  it('reaches the estimate with its source, and the credit of the account in use', () => {
    delivered(s.db, LIVE_KEY, 4, 0.48);
    expect(resolvePricing(pricingInputs({ db: s.db, account: account('live', 12), overridePricePerPage: null }))).toEqual({
      pricePerPage: 0.12,
      priceSource: 'history',
      learnedFrom: 1,
      credit: 12,
    });
    expect(resolvePricing(pricingInputs({ db: s.db, account: account('live'), overridePricePerPage: 0.1 }))).toMatchObject({
      pricePerPage: 0.1,
      priceSource: 'settings',
    });
    expect(resolvePricing(pricingInputs({ db: s.db, account: account('sandbox', 5), overridePricePerPage: null }))).toEqual({
      pricePerPage: DEFAULT_PRICE_PER_PAGE,
      priceSource: 'sandbox',
      credit: 5,
    });
  });
});

describe('migrating the old price setting', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  function migrated(stored: string | undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'openfax-price-'));
    dirs.push(dir);
    const path = join(dir, 'x.db');
    const old = openDatabase(path, { migrations: MIGRATIONS.filter((m) => m.version < 4) });
    if (stored !== undefined) old.prepare("INSERT INTO settings(key, value, updated_at) VALUES ('pricePerPage', ?, 1)").run(stored);
    old.close();
    const db = openDatabase(path);
    try {
      return getSetting(db, 'pricePerPage');
    } finally {
      db.close();
    }
  }

  it('unsets the old default and "0", and keeps a price someone typed', () => {
    expect(migrated(undefined)).toBeNull();
    expect(migrated('0.07')).toBeNull();
    expect(migrated('0')).toBeNull();
    expect(migrated('0.12')).toBe(0.12);
  });
});
