// What a typed API key or API address must look like before anything is stored or sent, in
// the words shown under the field (Save and Test connection check the same way).

import { checkSetting } from '../../shared/settings.ts';

/** Why a typed key cannot be a key; undefined when it can. */
export function apiKeyProblem(key: string): string | undefined {
  if (!key) return 'The API key is empty. Paste the key from your Openfax portal settings.';
  if (/\s/.test(key)) return 'The API key contains spaces. Paste it exactly as the portal shows it.';
  return undefined;
}

/** Why a typed address cannot be the API address; undefined when it can. */
export function apiUrlProblem(url: string): string | undefined {
  const c = checkSetting('apiUrl', url);
  return c.ok ? undefined : `Enter the server address as a full URL, e.g. https://api.openfax.com. (${c.reason})`;
}
