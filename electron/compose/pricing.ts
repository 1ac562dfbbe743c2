// What a page costs, for the estimate. The sandbox knows its own price. A live account has no
// price API, so the price is learned from the account's own delivered faxes (their cost over
// the pages sent); a price the person typed in Settings is an override. With neither, the
// price is unknown and the estimate says so: no made-up default is shown as fact.

import type { ComposePricing } from '../../shared/ipc/contract/compose.ts';
import { DEFAULT_PRICE_PER_PAGE } from '../sandbox/defaults.ts';
import { accountKeyOf, learnedPricePerPage } from '../store/account-state-repo.ts';
import type { Db } from '../store/sql.ts';

export interface PricingInputs {
  mode: 'sandbox' | 'live';
  sandboxPricePerPage?: number;
  /** The Settings override; null or undefined when none is set. */
  overridePricePerPage?: number | null;
  /** From this account's last delivered faxes (store/account-state-repo.ts). */
  learned?: { perPage: number; faxes: number };
  credit?: number;
}

const valid = (n: number | null | undefined): n is number => typeof n === 'number' && Number.isFinite(n) && n > 0;

export function resolvePricing(p: PricingInputs): ComposePricing {
  const credit = p.credit !== undefined && Number.isFinite(p.credit) ? p.credit : undefined;
  if (p.mode === 'sandbox' && valid(p.sandboxPricePerPage)) return { pricePerPage: p.sandboxPricePerPage, priceSource: 'sandbox', credit };
  if (valid(p.overridePricePerPage)) return { pricePerPage: p.overridePricePerPage, priceSource: 'settings', credit };
  if (p.learned && valid(p.learned.perPage) && p.learned.faxes > 0) {
    return { pricePerPage: p.learned.perPage, priceSource: 'history', learnedFrom: p.learned.faxes, credit };
  }
  return { credit };
}

export interface PricingSources {
  db: Db;
  account: {
    mode(): 'sandbox' | 'live';
    current(): { accountId: string; endpoint: string } | undefined;
    status(): { credit?: number };
  };
  overridePricePerPage: number | null;
}

/** The inputs for the account in use now: its own faxes teach the price, its own credit counts. */
export function pricingInputs(src: PricingSources): PricingInputs {
  const current = src.account.current();
  let learned: PricingInputs['learned'];
  try {
    learned = current ? learnedPricePerPage(src.db, accountKeyOf(current.endpoint, current.accountId)) : undefined;
  } catch {
    // An estimate without a price beats no Compose: the line then says the price is unknown.
    learned = undefined;
  }
  return {
    mode: src.account.mode(),
    sandboxPricePerPage: DEFAULT_PRICE_PER_PAGE,
    overridePricePerPage: src.overridePricePerPage,
    learned,
    credit: src.account.status().credit,
  };
}
