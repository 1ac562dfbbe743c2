// What a page costs, for the estimate: the sandbox knows its own price; a live account has
// no price API, so we use the per-page price the user set in Settings, else the mean cost
// of recent delivered faxes; with none of these the estimate shows no cost.

import type { ComposePricing } from '../../shared/ipc/contract/compose.ts';

export interface PricingInputs {
  mode: 'sandbox' | 'live';
  sandboxPricePerPage?: number;
  settingsPricePerPage?: number;
  historyPricePerPage?: number;
  credit?: number;
}

export function resolvePricing(p: PricingInputs): ComposePricing {
  const valid = (n: number | undefined) => n !== undefined && Number.isFinite(n) && n > 0;
  const credit = p.credit !== undefined && Number.isFinite(p.credit) ? p.credit : undefined;
  if (p.mode === 'sandbox' && valid(p.sandboxPricePerPage)) return { pricePerPage: p.sandboxPricePerPage, priceSource: 'sandbox', credit };
  if (valid(p.settingsPricePerPage)) return { pricePerPage: p.settingsPricePerPage, priceSource: 'settings', credit };
  if (valid(p.historyPricePerPage)) return { pricePerPage: p.historyPricePerPage, priceSource: 'history', credit };
  return { credit };
}
