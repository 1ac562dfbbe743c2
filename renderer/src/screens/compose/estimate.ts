// The estimate under the form: pages, about how long the call to each recipient takes (the
// figures in shared/call-timing.ts, which the sandbox simulates too), and what it costs when
// the price is known.

import { transmissionSeconds } from '../../../../shared/call-timing.ts';
import type { Resolution } from '../../../../shared/domain.ts';

export interface EstimateInput {
  pages: number;
  recipients: number;
  resolution: Resolution;
  pricePerPage?: number;
  /** Where the price came from (ComposePricing); 'unknown' when there is none. */
  priceSource?: 'sandbox' | 'settings' | 'history' | 'unknown';
  /** How many delivered faxes a learned price comes from. */
  learnedFrom?: number;
  credit?: number;
}

export interface Estimate {
  pages: number;
  recipients: number;
  secondsPerRecipient: number;
  /** Undefined when the price is not known. */
  costPerRecipient?: number;
  totalCost?: number;
  credit?: number;
  /** Which price the cost uses, in words ("learned from your last 12 faxes"); "price unknown" without one. */
  priceNote?: string;
  /** The credit does not cover the total. */
  short: boolean;
}

/** Says which price an estimate used, so a guess is never read as a fact. */
function priceNote(source: EstimateInput['priceSource'], learnedFrom: number | undefined, priced: boolean): string | undefined {
  if (!priced) return source === undefined ? undefined : 'price unknown';
  if (source === 'sandbox') return 'sandbox price';
  if (source === 'settings') return 'your set price';
  if (source !== 'history') return undefined;
  if (learnedFrom === undefined) return 'learned from your recent faxes';
  return learnedFrom === 1 ? 'learned from your last fax' : `learned from your last ${learnedFrom} faxes`;
}

export function estimateFax(i: EstimateInput): Estimate {
  const priced = i.pricePerPage !== undefined && i.pricePerPage > 0;
  const costPerRecipient = priced ? roundCents(i.pages * (i.pricePerPage as number)) : undefined;
  const totalCost = costPerRecipient !== undefined ? roundCents(costPerRecipient * i.recipients) : undefined;
  return {
    pages: i.pages,
    recipients: i.recipients,
    secondsPerRecipient: transmissionSeconds(i.pages, i.resolution),
    costPerRecipient,
    totalCost,
    credit: i.credit,
    priceNote: priceNote(i.priceSource, i.learnedFrom, priced),
    short: totalCost !== undefined && i.credit !== undefined && totalCost > i.credit,
  };
}

/** "about 50 s", "about 1 min 30 s", "about 12 min" (rounded to 10 s, then to the minute past 10 min). */
export function formatDuration(seconds: number): string {
  if (seconds <= 0) return '0 s';
  if (seconds < 60) return `about ${Math.max(10, Math.round(seconds / 10) * 10)} s`;
  if (seconds >= 600) return `about ${Math.round(seconds / 60)} min`;
  const rounded = Math.round(seconds / 10) * 10;
  const min = Math.floor(rounded / 60);
  const sec = rounded % 60;
  return sec === 0 ? `about ${min} min` : `about ${min} min ${sec} s`;
}

const MONEY = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Openfax bills in US dollars. */
export function formatMoney(amount: number): string {
  return MONEY.format(amount);
}

/** "3 pages · about 1 min 30 s per recipient · $0.21", with the broadcast total when there are several. */
export function estimateLine(e: Estimate): string {
  const parts = [`${e.pages} page${e.pages === 1 ? '' : 's'}`];
  if (e.pages > 0) parts.push(`${formatDuration(e.secondsPerRecipient)} per recipient`);
  if (e.costPerRecipient !== undefined) {
    parts.push(
      e.recipients > 1
        ? `${formatMoney(e.costPerRecipient)} each, ${formatMoney(e.totalCost as number)} for ${e.recipients}`
        : formatMoney(e.costPerRecipient),
    );
  }
  if (e.priceNote) {
    if (e.costPerRecipient !== undefined) parts[parts.length - 1] += ` (${e.priceNote})`;
    else if (e.pages > 0) parts.push(e.priceNote);
  }
  return parts.join(' · ');
}

/** What choosing fine costs in time, for the resolution field's hint. */
export function resolutionHint(pages: number, resolution: Resolution): string {
  const standard = formatDuration(transmissionSeconds(Math.max(pages, 1), 'standard'));
  const fine = formatDuration(transmissionSeconds(Math.max(pages, 1), 'fine'));
  return resolution === 'fine'
    ? `Sharper small print; ${fine} per recipient instead of ${standard.replace('about ', '')}.`
    : `Faster: ${standard} per recipient (fine: ${fine.replace('about ', '')}).`;
}

function roundCents(n: number): number {
  return Math.round(n * 100) / 100;
}
