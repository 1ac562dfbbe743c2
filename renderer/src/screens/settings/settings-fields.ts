// How each setting is shown: label, control, hint. Keys not listed here still get a plain
// control (from their type), so a setting added to the schema is never missing from the form.

import { PAPER_SIZE_LABEL, PAPER_SIZES, PRIORITIES, RESOLUTIONS } from '../../../../shared/domain.ts';
import { type SettingKey, SETTING_KEYS, SETTINGS_DEFAULTS } from '../../../../shared/settings.ts';

export type FieldKind = 'text' | 'number' | 'select' | 'checkbox';

export interface FieldSpec {
  label: string;
  kind: FieldKind;
  hint?: string;
  options?: ReadonlyArray<{ value: string; label: string }>;
  step?: number;
  unit?: string;
  maxLength?: number;
  placeholder?: string;
  /** A number that may be left empty (saved as null: "not set"). */
  optional?: boolean;
}

const FIELD_SPECS: Partial<Record<SettingKey, FieldSpec>> = {
  fromHeader: {
    label: 'From header',
    kind: 'text',
    maxLength: 15,
    hint: 'Printed at the top of every page you send (at most 15 characters).',
    placeholder: 'e.g. ACME LEGAL',
  },
  senderName: { label: 'Sender name', kind: 'text', hint: 'Your name or company, for cover pages.' },
  defaultCountry: {
    label: 'Default country',
    kind: 'text',
    hint: 'Two letters (e.g. US, GB): numbers typed without + are read as this country’s.',
  },
  resolution: {
    label: 'Resolution',
    kind: 'select',
    options: RESOLUTIONS.map((r) => ({ value: r, label: r === 'fine' ? 'Fine (204×196 dpi)' : 'Standard (204×98 dpi)' })),
  },
  paperSize: { label: 'Paper size', kind: 'select', options: PAPER_SIZES.map((p) => ({ value: p, label: PAPER_SIZE_LABEL[p] })) },
  priority: { label: 'Priority', kind: 'select', options: PRIORITIES.map((p) => ({ value: p, label: p })) },
  pricePerPage: {
    label: 'Your price per page (optional)',
    kind: 'number',
    step: 0.01,
    unit: '$',
    optional: true,
    placeholder: 'learned from your faxes',
    hint: 'Leave empty: estimates use what a page cost on your last delivered faxes. A price here is used instead (the sandbox keeps its own price).',
  },
  concurrency: { label: 'Uploads at once', kind: 'number', step: 1, hint: '1 to 16 faxes uploaded at the same time.' },
  pollIntervalSeconds: {
    label: 'Fastest result check',
    kind: 'number',
    step: 1,
    unit: 'seconds',
    hint: 'How often results are read while a fax is in flight (5 to 600 seconds).',
  },
  pollMaxIntervalSeconds: {
    label: 'Slowest result check',
    kind: 'number',
    step: 1,
    unit: 'seconds',
    hint: 'When idle or after errors (30 to 3600 seconds).',
  },
  spoolRetentionDays: {
    label: 'Keep sent PDFs for',
    kind: 'number',
    step: 1,
    unit: 'days',
    hint: '0 deletes a PDF as soon as its faxes are finished; resend needs the PDF.',
  },
  duplicateWindowHours: {
    label: 'Ask before sending the same document again within',
    kind: 'number',
    step: 1,
    unit: 'hours',
    hint: 'A document Openfax already accepted for a number needs your yes to go to it again. 0 turns this off.',
  },
  notifyOnResult: { label: 'Notify me when a fax is delivered or fails', kind: 'checkbox' },
  lowCreditThreshold: { label: 'Warn when credit falls below', kind: 'number', step: 1, unit: '$' },
  hotFolderPath: { label: 'Folder path', kind: 'text', hint: 'A full path, e.g. /home/you/Faxes or C:\\Faxes. Empty: the default folder.' },
  archiveFolderPath: {
    label: 'Archive folder',
    kind: 'text',
    hint: 'A full path, e.g. /home/you/Fax archive or C:\\Fax archive. Empty: faxes are not archived.',
  },
  autoRouting: { label: 'Read the fax number from file names and first pages (auto-routing)', kind: 'checkbox' },
  arrivalsJoinOpenDraft: {
    label: 'Add new prints to the fax open on Compose',
    kind: 'checkbox',
    hint: 'Off: a print, a hot-folder file or an opened file that arrives while the open fax holds documents starts a new draft. A fax that was sent never takes new documents.',
  },
  startAtLogin: {
    label: 'Start Openfax Desktop when I log in',
    kind: 'checkbox',
    hint: 'It starts in the tray, watching the hot folder: a login item on Windows and macOS, an entry in your desktop’s startup applications on Linux. Installed apps only.',
  },
  updateFeedUrl: {
    label: 'Update feed',
    kind: 'text',
    placeholder: 'the address the app was built with',
    hint: 'An https:// address that serves latest.yml (electron-builder’s generic feed). Empty: the address the app was built with.',
  },
  theme: {
    label: 'Appearance',
    kind: 'select',
    options: [
      { value: 'system', label: 'Follow the system' },
      { value: 'light', label: 'Light' },
      { value: 'dark', label: 'Dark' },
    ],
  },
};

export const SECTIONS: ReadonlyArray<{ id: string; title: string; keys: SettingKey[] }> = [
  {
    id: 'sending',
    title: 'Sending defaults',
    keys: ['fromHeader', 'senderName', 'defaultCountry', 'resolution', 'paperSize', 'priority', 'pricePerPage', 'arrivalsJoinOpenDraft'],
  },
  {
    id: 'outbox',
    title: 'Outbox',
    keys: ['concurrency', 'pollIntervalSeconds', 'pollMaxIntervalSeconds', 'spoolRetentionDays', 'duplicateWindowHours', 'notifyOnResult'],
  },
  { id: 'app', title: 'App', keys: ['startAtLogin', 'theme'] },
];

/** Keys the account, hot-folder and archive sections handle themselves. */
const OWN_SECTION_KEYS: ReadonlySet<SettingKey> = new Set([
  'accountId',
  'accountMode',
  'apiUrl',
  'lowCreditThreshold',
  'hotFolderPath',
  'autoRouting',
  'archiveFolderPath',
  // Settings → Updates shows it beside the check it drives.
  'updateFeedUrl',
  // Not a choice: a mark that Getting started was closed (Settings → Help opens it again).
  'gettingStartedDone',
]);

/** Schema keys no section lists: shown under "Other" with a control from their type. */
export function otherKeys(): SettingKey[] {
  const listed = new Set(SECTIONS.flatMap((s) => s.keys));
  return SETTING_KEYS.filter((k) => !listed.has(k) && !OWN_SECTION_KEYS.has(k));
}

function humanize(key: string): string {
  const words = key.replace(/([A-Z])/g, ' $1').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function specFor(key: SettingKey): FieldSpec {
  const spec = FIELD_SPECS[key];
  if (spec) return spec;
  const d = SETTINGS_DEFAULTS[key];
  const kind: FieldKind = typeof d === 'boolean' ? 'checkbox' : typeof d === 'number' ? 'number' : 'text';
  return { label: humanize(key), kind };
}
