// How each converter is described to the person: its name, whether it can run here and why
// not, and how close its layout is to Word's own.

import type { ConverterInfo } from '../types.ts';
import { libreOfficeLabel, type SofficeLookup } from './soffice-find.ts';
import type { WordLookup } from './word-find.ts';

const BUILTIN_LABEL = 'Built in (approximate layout)';

export function libreOfficeInfo(lookup: SofficeLookup, given?: string): ConverterInfo {
  const base = { id: 'libreoffice', fidelity: 'close' } as const;
  if (lookup.found)
    return { ...base, label: libreOfficeLabel(lookup.soffice.version), available: true, detail: `Found at ${lookup.soffice.path}` };
  if (lookup.reason === 'given-missing') {
    const source = given?.trim() ? 'the LibreOffice path that was set' : 'OPENFAX_SOFFICE';
    return {
      ...base,
      label: 'LibreOffice',
      available: false,
      detail: `Not found at ${lookup.path} (${source}): correct it, or clear it to look in the usual places`,
    };
  }
  return {
    ...base,
    label: 'LibreOffice',
    available: false,
    detail: 'Not installed: install LibreOffice from libreoffice.org for a close layout',
  };
}

/** Before a converter made without findConverters' answer has looked for its program. */
export function notCheckedInfo(id: 'word' | 'libreoffice'): ConverterInfo {
  return id === 'word'
    ? { id, label: 'Microsoft Word', available: true, detail: 'Looked for at the first document', fidelity: 'exact' }
    : { id, label: 'LibreOffice', available: true, detail: 'Looked for at the first document', fidelity: 'close' };
}

export function wordInfo(lookup: WordLookup, platform: NodeJS.Platform): ConverterInfo {
  const base = { id: 'word', label: 'Microsoft Word', fidelity: 'exact' } as const;
  if (lookup.found) return { ...base, available: true, detail: lookup.detail };
  if (platform !== 'win32' && platform !== 'darwin') {
    return { ...base, available: false, detail: 'Not available on this system: Microsoft Word runs on Windows and macOS' };
  }
  return { ...base, available: false, detail: 'Not installed: Microsoft Word, when installed, gives the exact layout' };
}

export function builtinInfo(hasPort: boolean): ConverterInfo {
  const base = { id: 'builtin', label: BUILTIN_LABEL, fidelity: 'approximate' } as const;
  return hasPort
    ? { ...base, available: true, detail: 'Drawn by the app itself: fonts, spacing and page breaks may differ from Word' }
    : {
        ...base,
        available: false,
        detail: 'Not available here: it needs the app’s window to draw the document (the command line has none)',
      };
}
