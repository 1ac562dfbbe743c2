// Every user setting, its type and its default, declared once. Main validates writes with
// this schema, the renderer validates forms with it, the CLI reads through it. Secrets
// (the API key) never live here: they go to the OS keychain.

import { z } from 'zod';
import { accountIdProblem } from './account-id.ts';
import { DEFAULT_API_URL } from './api-address.ts';
import { MAX_HEADER_LENGTH, PAPER_SIZES, PRIORITIES, RESOLUTIONS } from './domain.ts';
import { updateFeedProblem } from './update-feed.ts';

const header = z
  .string()
  .max(MAX_HEADER_LENGTH, `At most ${MAX_HEADER_LENGTH} characters (the vendor's limit).`)
  .regex(/^[\x20-\x7e]*$/, 'Only plain letters, digits, spaces and punctuation (printable ASCII).');

export const SettingsSchema = z.object({
  /** Openfax account number; '' until the user sets one up. */
  accountId: z
    .string()
    .superRefine((id, ctx) => {
      const problem = id === '' ? undefined : accountIdProblem(id);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .default(''),
  /** Which Openfax the app talks to: the built-in simulator, or the real account. */
  accountMode: z.enum(['sandbox', 'live']).default('sandbox'),
  /** Base URL of the Openfax API (or a compatible server, or the local sandbox). */
  apiUrl: z.url({ protocol: /^https?$/ }).default(DEFAULT_API_URL),
  /** Country assumed for numbers typed without a country code (ISO 3166 alpha-2). */
  defaultCountry: z
    .string()
    .regex(/^[A-Z]{2}$/, 'Two capital letters, e.g. US.')
    .default('US'),
  fromHeader: header.default(''),
  paperSize: z.enum(PAPER_SIZES).default('letter'),
  resolution: z.enum(RESOLUTIONS).default('standard'),
  priority: z.enum(PRIORITIES).default('Normal'),
  /** Faxes uploaded at the same time. */
  concurrency: z.int().min(1).max(16).default(4),
  /** Seconds between report checks while a fax is in flight. */
  pollIntervalSeconds: z.int().min(5).max(600).default(15),
  /** Days a sent document's PDF is kept in the spool folder after its last fax is final (0 = delete at once). */
  spoolRetentionDays: z.int().min(0).max(3650).default(30),
  /** Desktop notification when a fax is delivered or fails. */
  notifyOnResult: z.boolean().default(true),
  theme: z.enum(['system', 'light', 'dark']).default('system'),
  /** Sender name printed on cover pages ("default From header and sender"). */
  senderName: z.string().max(80, 'At most 80 characters.').default(''),
  /** Folder watched for PDFs to fax ('' = the default folder in Documents). Main also checks it is writable. */
  hotFolderPath: z
    .string()
    .max(1024, 'The path is too long (at most 1024 characters).')
    .refine((p) => p === '' || isAbsolutePath(p), 'Use a full folder path, e.g. /home/you/Faxes or C:\\Faxes.')
    .default(''),
  /**
   * Where every fax that ends is also written, the document followed by its transmission report
   * ('' = no archive). Main checks it: a folder of the person's own that we can write to.
   */
  archiveFolderPath: z
    .string()
    .max(1024, 'The path is too long (at most 1024 characters).')
    .refine((p) => p === '' || isAbsolutePath(p), 'Use a full folder path, e.g. /home/you/Fax archive or C:\\Fax archive.')
    .default(''),
  /** Read routing codes (fax number in the file name or first page) from hot-folder files. */
  autoRouting: z.boolean().default(true),
  /** Warn in the top bar when the credit falls below this amount. */
  lowCreditThreshold: z
    .number('Enter an amount, e.g. 5.')
    .min(0, 'The warning level cannot be negative.')
    .max(100_000, 'At most 100,000.')
    .default(5),
  /**
   * A price per page the person set, over the one learned from the account's own delivered
   * faxes (the vendor has no price API). null: none set, so the estimate uses what it learned.
   */
  pricePerPage: z
    .number('Enter a price, e.g. 0.07, or leave the box empty.')
    .positive('The price must be more than 0; leave the box empty to use the price learned from your faxes.')
    .max(10, 'At most 10 per page.')
    .nullable()
    .default(null),
  /** Slowest report check (when idle or after errors), in seconds; pollIntervalSeconds is the fastest. */
  pollMaxIntervalSeconds: z
    .int('Whole seconds only.')
    .min(30, 'At least 30 seconds.')
    .max(3600, 'At most 3600 seconds (one hour).')
    .default(300),
  /**
   * Hours during which the same document to a number Openfax already accepted needs an explicit
   * yes before it goes again (0 turns the duplicate guard off).
   */
  duplicateWindowHours: z
    .int('Whole hours only.')
    .min(0, 'At least 0 hours (0 turns the check off).')
    .max(24 * 30, 'At most 720 hours (30 days).')
    .default(24),
  /**
   * A print, a hot-folder file or "Open with" joins the draft on Compose even when it already
   * holds documents ("add to this fax"). Off: it starts a new draft, so nothing is added to a
   * fax by surprise. A draft that was sent, or is being sent, never takes new documents.
   */
  arrivalsJoinOpenDraft: z.boolean().default(false),
  /** Start Openfax Desktop (minimised to the tray) when the user logs in. */
  startAtLogin: z.boolean().default(false),
  /** Where the installed app looks for updates ('' = the address it was built with). */
  updateFeedUrl: z
    .string()
    .trim()
    .max(2048, 'The address is too long (at most 2048 characters).')
    .superRefine((url, ctx) => {
      const problem = url === '' ? undefined : updateFeedProblem(url);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .default(''),
  /** The person closed "Getting started": it no longer opens by itself (Help and Settings still show it). */
  gettingStartedDone: z.boolean().default(false),
});

function isAbsolutePath(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\');
}

/** Rules that tie two settings together; a broken rule gives a reason under each field involved. */
export function crossCheckSettings(s: Settings): Partial<Record<SettingKey, string>> {
  const errors: Partial<Record<SettingKey, string>> = {};
  if (s.pollMaxIntervalSeconds < s.pollIntervalSeconds) {
    errors.pollMaxIntervalSeconds = `Must be at least the fastest check (${s.pollIntervalSeconds} seconds).`;
    errors.pollIntervalSeconds = `Must be at most the slowest check (${s.pollMaxIntervalSeconds} seconds).`;
  }
  return errors;
}

export type Settings = z.infer<typeof SettingsSchema>;
export type SettingKey = keyof Settings;
export const SETTING_KEYS = Object.keys(SettingsSchema.shape) as SettingKey[];

/** The defaults, as one object. */
export const SETTINGS_DEFAULTS: Readonly<Settings> = Object.freeze(SettingsSchema.parse({}));

export type SettingCheck<K extends SettingKey> = { ok: true; value: Settings[K] } | { ok: false; reason: string };

/** Validates one value for `key`; the reason is a sentence a person can act on. */
export function checkSetting<K extends SettingKey>(key: K, value: unknown): SettingCheck<K> {
  const schema = SettingsSchema.shape[key];
  if (!schema) return { ok: false, reason: `Unknown setting "${String(key)}".` };
  const r = schema.safeParse(value);
  if (r.success) return { ok: true, value: r.data as Settings[K] };
  return { ok: false, reason: r.error.issues.map((i) => i.message).join(' ') };
}

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(SettingsSchema.shape, key);
}
