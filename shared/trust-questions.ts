// The questions asked before the app trusts something a person chose: an API address that is
// not Openfax's, a hot folder that already holds files. Main asks them in a native dialog
// (Electron), the renderer in its own dialog (the browser host): the same words either way.

import { DEFAULT_API_URL } from './api-address.ts';
import type { FolderContents } from './ipc/contract/account.ts';

export interface TrustQuestion {
  title: string;
  /** The question itself, one line. */
  message: string;
  /** What saying yes does, in a sentence or two. */
  detail: string;
  /** The button that says yes; Cancel is always the other one, and the default. */
  confirmLabel: string;
}

function hostOf(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return origin;
  }
}

/** Before the API key goes to an address that is neither Openfax's nor this computer. */
export function apiAddressQuestion(origin: string): TrustQuestion {
  const host = hostOf(origin);
  return {
    title: 'Another Openfax server',
    message: `Send your Openfax API key to ${host}?`,
    detail: `Only do this if your company runs its own Openfax-compatible server. ${host} is not Openfax's own address (${hostOf(DEFAULT_API_URL)}): whoever runs it gets your key and can send faxes on your account.`,
    confirmLabel: `Send the key to ${host}`,
  };
}

/** Before updates come from an address other than the one the app was built with. */
export function updateFeedQuestion(url: string): TrustQuestion {
  const host = hostOf(url);
  return {
    title: 'Another update server',
    // The whole address: a path on a shared host is someone else's feed as much as another host is.
    message: `Get Openfax Desktop updates from ${url}?`,
    detail: `Openfax Desktop installs the versions ${host} offers, and they run with your faxes, contacts and API key. Only do this if your company runs its own update server for Openfax Desktop.`,
    confirmLabel: `Get updates from ${host}`,
  };
}

function items(n: number): string {
  return `${n} ${n === 1 ? 'item' : 'items'}`;
}

/** Before a folder that already holds files becomes the hot folder. */
export function folderContentsQuestion(listing: FolderContents): TrustQuestion {
  return {
    title: 'This folder is not empty',
    message: `${listing.path} already holds ${items(listing.count)}. Use it as the hot folder anyway?`,
    detail:
      'The hot folder takes every file put in it: PDFs and images into Openfax Desktop to fax, anything else into Rejected. Folders inside it are left alone. Unless you mean that, choose an empty folder of its own.',
    confirmLabel: 'Use this folder',
  };
}

/** The listing as one line, for a dialog that shows text only: "In it: a.pdf, b.txt and 3 more." */
export function listingLine(listing: FolderContents): string {
  const more = listing.count - listing.names.length;
  return `In it: ${listing.names.join(', ')}${more > 0 ? ` and ${more} more` : ''}.`;
}
