// What the CLI says about the numbers it was given before it sends: an extension is left out
// (a fax cannot dial one), in the same words Compose and the address book use.

import { extensionNote, normalizeFaxNumber } from '../../shared/fax-number.ts';

/** One note per number that carried an extension ("212 555 0100 x12: Extension 12 is left out…"). */
export function extensionNotes(numbers: readonly string[], defaultCountry: string): string[] {
  return numbers.flatMap((typed) => {
    const n = normalizeFaxNumber(typed, defaultCountry);
    return n.ok && n.value.extension ? [`${typed} (dialled as ${n.value.display}): ${extensionNote(n.value.extension)}`] : [];
  });
}
