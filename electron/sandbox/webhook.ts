// The vendor's single-fax postback: form fields to a URL once a fax is final. The sandbox
// tries a few times; an owed postback is kept in the store and sent again after a restart.

import type { AttemptRecord, FaxRecord } from './store-records.ts';

/** The documented postback fields. RealCost is the fax's total over all attempts. */
export function webhookFields(fax: FaxRecord, lastRow: AttemptRecord | undefined): Record<string, string> {
  return {
    OutTransID: String(fax.outTransId),
    AccountID: fax.accountId,
    From: fax.fromHeader,
    To: fax.toHeader,
    PagesSent: String(lastRow?.pagesSent ?? 0),
    CallDuration: String(lastRow?.callDuration ?? 0),
    LastStatus: String(fax.lastStatus),
    RealCost: String(fax.cost),
  };
}

/** Posts the fields as application/x-www-form-urlencoded; true when the receiver answered 2xx. */
export async function postWebhook(url: string, fields: Record<string, string>, tries = 3): Promise<boolean> {
  for (let i = 0; i < tries; i++) {
    try {
      const res = await fetch(url, { method: 'POST', body: new URLSearchParams(fields), signal: AbortSignal.timeout(10_000) });
      await res.arrayBuffer();
      if (res.ok) return true;
    } catch {
      // the receiver may be starting up; try again shortly
    }
    await new Promise((r) => setTimeout(r, 200 * (i + 1)));
  }
  return false;
}
