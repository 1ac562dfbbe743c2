// Where a typed API key may go without a person saying so: Openfax's own address and loopback
// (the sandbox). Any other https address needs a yes first (Electron: a native dialog in main;
// the browser host: the request carries the origin the person agreed to; the CLI: a flag), and
// plain http to another machine is refused outright, since the key travels in the request body.
// The saved address was agreed to when it was saved, so it needs no second yes.

import { apiAddressKind } from '../../shared/api-address.ts';
import { AppError } from '../core/app-error.ts';
import { originOf } from './key-binding.ts';

/** Asks the person whether the key may go to `origin`; true only for an explicit yes. */
export type ConfirmAddress = (origin: string) => Promise<boolean>;

/** The key was not sent to an unusual address: nobody was asked (`asked` false), or the person said no. */
export class UnconfirmedAddressError extends AppError {
  override name = 'UnconfirmedAddressError';
  readonly origin: string;
  readonly asked: boolean;
  constructor(origin: string, asked: boolean) {
    const host = new URL(origin).host;
    super(
      asked
        ? `Nothing was sent to ${host}: you chose not to send your API key there.`
        : `${host} is not Openfax's own address. Confirm that you mean to send your API key there (only if your company runs its own Openfax-compatible server).`,
      { code: asked ? 'api-url-declined' : 'api-url-unconfirmed', field: 'apiUrl' },
    );
    this.origin = origin;
    this.asked = asked;
  }
}

/** Why the key can never go to `url` (plain http to another machine), in words; undefined otherwise. */
export function cleartextProblem(url: string): string | undefined {
  if (apiAddressKind(url) !== 'cleartext') return undefined;
  return `${originOf(url) ?? url} starts with http://, so your API key would cross the network unencrypted. Use the server's https:// address.`;
}

export interface AddressTrust {
  /**
   * Resolves when the person agreed to `url` (or it needs no yes); throws UnconfirmedAddressError
   * when not. `confirm` is asked at most once per origin in this session. Check cleartextProblem first.
   */
  check(url: string, savedUrl: string, confirm: ConfirmAddress | undefined): Promise<void>;
}

export function createAddressTrust(): AddressTrust {
  const agreed = new Set<string>();
  return {
    async check(url, savedUrl, confirm) {
      const origin = originOf(url);
      if (apiAddressKind(url) !== 'other' || !origin) return;
      if (origin === originOf(savedUrl) || agreed.has(origin)) return;
      if (!confirm) throw new UnconfirmedAddressError(origin, false);
      if (!(await confirm(origin))) throw new UnconfirmedAddressError(origin, true);
      agreed.add(origin);
    },
  };
}
