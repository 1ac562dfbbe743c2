// Account, credit, connection, settings and hot-folder changes → renderer events. (The outbox's
// credit readings reach the account through services.ts, which then reports a change here.)

import type { EventName, EventPayload } from '../../shared/ipc/contract.ts';
import type { Settings } from '../../shared/settings.ts';
import type { AccountService } from './account-service.ts';
import type { HotFolderState } from '../hotfolder/events.ts';
import type { OutboxEvents } from '../outbox/types.ts';
import { type SandboxFacts, toAccountView, toConnectionView, toHotFolderView } from './account-view.ts';

export interface AccountFeedDeps {
  account: Pick<AccountService, 'status' | 'onChange'>;
  settings: { get(): Settings; onChange(listener: (changed: Array<keyof Settings>, settings: Settings) => void): () => void };
  sandbox: SandboxFacts;
  outbox?: { on(event: 'poller-health', cb: (h: OutboxEvents['poller-health']) => void): () => void };
  hotfolder?: { on(event: 'state', cb: (s: HotFolderState) => void): () => void };
  emit: <K extends EventName>(name: K, payload: EventPayload<K>) => void;
}

/** Starts forwarding; returns the disposer. */
export function startAccountFeed(deps: AccountFeedDeps): () => void {
  const offs: Array<() => void> = [];
  const accountView = () => toAccountView(deps.account.status(), deps.settings.get(), deps.sandbox);
  offs.push(deps.account.onChange(() => deps.emit('accountChanged', accountView())));
  offs.push(
    deps.settings.onChange((changed, settings) => {
      deps.emit('settingsChanged', settings);
      if (changed.includes('lowCreditThreshold')) deps.emit('accountChanged', accountView());
    }),
  );
  if (deps.outbox) {
    let last = '';
    offs.push(
      deps.outbox.on('poller-health', (h) => {
        const view = toConnectionView(h);
        const key = `${view.state}|${view.message}`;
        if (key === last) return;
        last = key;
        deps.emit('connectionChanged', view);
      }),
    );
  }
  if (deps.hotfolder) offs.push(deps.hotfolder.on('state', (s) => deps.emit('hotFolderChanged', toHotFolderView(s))));
  return () => {
    for (const off of offs.reverse()) off();
  };
}
