import type { jobsMethods } from '../../../shared/ipc/contract/jobs.ts';
import type { Handlers } from '../ipc-router.ts';
import type { AppServices } from '../services.ts';

export function jobsHandlers(_s: AppServices): Pick<Handlers, keyof typeof jobsMethods> {
  return {};
}
