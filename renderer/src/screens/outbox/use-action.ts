// Runs an Outbox action and reports its outcome as a toast.

import { useState } from 'react';
import type { ActionOutcome } from '../../../../shared/ipc/contract/jobs.ts';
import { messageOf } from '../../ipc/message-of.ts';
import { useStore } from '../../store/index.ts';

export function useOutboxAction(): [
  busy: string | undefined,
  run: (name: string, title: string, fn: () => Promise<ActionOutcome>) => Promise<ActionOutcome | undefined>,
] {
  const pushToast = useStore((s) => s.pushToast);
  const [busy, setBusy] = useState<string>();
  const run = async (name: string, title: string, fn: () => Promise<ActionOutcome>) => {
    setBusy(name);
    try {
      const r = await fn();
      if (r.ok) pushToast({ level: 'success', title, message: r.message });
      // A duplicate to confirm is asked in the panel itself (the shared dialog).
      else if (r.duplicates?.length) return r;
      else pushToast({ level: 'error', title: `${title}: not done`, message: [r.reason, r.action].filter(Boolean).join(' ') });
      return r;
    } catch (err) {
      pushToast({ level: 'error', title: `${title}: not done`, message: messageOf(err) });
      return undefined;
    } finally {
      setBusy(undefined);
    }
  };
  return [busy, run];
}
