// The feed address the app was built with. electron-builder writes its `publish` entry into
// resources/app-update.yml; Settings shows that address as what an empty Update feed means.

import { readFileSync } from 'node:fs';

/** The generic feed's url in `appUpdateYml` (a path), or undefined when there is none to read. */
export function readBuiltInFeed(appUpdateYml: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(appUpdateYml, 'utf8');
  } catch {
    return undefined;
  }
  // A flat file of `key: value` lines; the url may be quoted.
  if (!/^provider:\s*['"]?generic['"]?\s*$/m.test(text)) return undefined;
  const url = /^url:\s*(.+?)\s*$/m.exec(text)?.[1]?.replace(/^(['"])(.*)\1$/, '$2');
  return url || undefined;
}
