// The merge service as `openfax merge` builds it: on the command's own store, with no event bus
// (its events go to the progress line), taking up no other process's merge, and with an outbox
// that exists only once the check has passed. Until the command attaches the started outbox,
// every call that could queue or look up a fax throws: a check, and so a dry run, cannot send.

import type { EventName, EventPayload } from '../../shared/ipc/contract.ts';
import { pricingInputs } from '../compose/pricing.ts';
import { createMergeService } from '../merge/merge-service.ts';
import type { MergeOutbox } from '../merge/merge-engine.ts';
import type { MergeRow } from '../../shared/ipc/contract/merge.ts';
import type { MergeService } from '../merge/types.ts';
import type { Outbox } from '../outbox/types.ts';
import { getSettings } from '../store/settings-repo.ts';
import type { CliContext, ResolvedAccount } from './types.ts';

type MergeEventName = Extract<EventName, 'mergeChanged' | 'mergeProgress'>;
export type MergeListener = <K extends MergeEventName>(name: K, payload: EventPayload<K>) => void;

export interface MergeSession {
  service: MergeService;
  /** The account whose prices the estimate uses (none: the cost is unknown). */
  priceFor(account: ResolvedAccount | undefined): void;
  /** The started outbox: from here on the merge can queue faxes. */
  attach(outbox: Outbox): void;
  /** Where the service's events go. */
  listen(listener: MergeListener | undefined): void;
}

/** An outbox that refuses everything until the real one is attached. */
function deferredOutbox(): { outbox: MergeOutbox; attach(o: Outbox): void } {
  let real: Outbox | undefined;
  const need = (): Outbox => {
    if (!real) throw new Error('openfax merge: the outbox is used before the check has passed (nothing is sent by a check).');
    return real;
  };
  const outbox: MergeOutbox = {
    queuePersonal: (input) => need().queuePersonal(input),
    checkCredit: (pages) => need().checkCredit(pages),
    queueState: () => need().queueState(),
    on: (event, listener) => need().on(event, listener),
    broadcastChanged: (id) => need().broadcastChanged(id),
    accountInUse: () => need().accountInUse(),
    findDuplicates: (key, numbers) => need().findDuplicates(key, numbers),
  };
  return { outbox, attach: (o) => void (real = o) };
}

/** Builds the service for this command; it is disposed when the command ends. */
export async function openMergeSession(ctx: CliContext): Promise<MergeSession> {
  const db = ctx.store().db;
  const { outbox, attach } = deferredOutbox();
  let account: ResolvedAccount | undefined;
  let listener: MergeListener | undefined;
  const service = await createMergeService({
    db,
    dataDir: ctx.store().dataDir,
    outbox,
    getSettings: () => getSettings(db),
    pricing: () =>
      pricingInputs({
        db,
        account: {
          mode: () => (account?.source === 'sandbox' ? 'sandbox' : 'live'),
          current: () => account && { accountId: account.accountId, endpoint: account.endpoint },
          // The credit is read at the start, by the outbox's own check.
          status: () => ({}),
        },
        overridePricePerPage: getSettings(db).pricePerPage ?? null,
      }),
    emit: (name, payload) => listener?.(name, payload),
    ...(ctx.io.env.OPENFAX_SOFFICE ? { converters: { soffice: ctx.io.env.OPENFAX_SOFFICE } } : {}),
    // The app (or its next start) takes up a merge whose process is gone; this command makes only
    // its own, a new one each run, and never takes over a draft the app is preparing.
    adoptOrphans: false,
    alwaysNewMerge: true,
  });
  let disposed: Promise<void> | undefined;
  const dispose = () => {
    disposed ??= service.dispose();
    return disposed;
  };
  ctx.defer(dispose);
  return {
    service,
    priceFor: (a) => void (account = a),
    attach(o) {
      attach(o);
      // Registered after the outbox started: the merge stops before the outbox does.
      ctx.defer(dispose);
    },
    listen: (l) => void (listener = l),
  };
}

/** Every row of the merge, a page at a time. */
export function allMergeRows(service: MergeService, id: string): MergeRow[] {
  const first = service.listRows(id, 'all', 0, 500);
  const rows = [...first.rows];
  while (rows.length < first.total) {
    const page = service.listRows(id, 'all', rows.length, 500);
    if (!page.rows.length) break;
    rows.push(...page.rows);
  }
  return rows;
}
