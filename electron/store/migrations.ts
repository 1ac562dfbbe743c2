// Versioned schema. Pending migrations run once, together in one exclusive transaction, each bumping
// PRAGMA user_version. Never edit a shipped migration: append a new one.

import type { Db } from './sql.ts';

export interface Migration {
  version: number;
  name: string;
  up: string | ((db: Db) => void);
}

const JOB_STATE_CHECK = `state IN ('draft','queued','submitting','submitted','delivered','failed','canceled',
  'rejected','needs-attention','auth-failed','no-credit')`;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    up: `
CREATE TABLE contacts (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL DEFAULT '' COLLATE NOCASE,
  company TEXT NOT NULL DEFAULT '' COLLATE NOCASE,
  fax_raw TEXT NOT NULL DEFAULT '',
  fax_number TEXT NOT NULL DEFAULT '',
  to_header TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  favourite INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX contacts_by_name ON contacts(name);
CREATE INDEX contacts_by_company ON contacts(company);
CREATE INDEX contacts_by_number ON contacts(fax_number);
CREATE INDEX contacts_by_favourite ON contacts(favourite DESC, name);

CREATE TABLE groups (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  created_at INTEGER NOT NULL
);
CREATE TABLE contact_groups (
  contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
  PRIMARY KEY (contact_id, group_id)
) WITHOUT ROWID;
CREATE INDEX contact_groups_by_group ON contact_groups(group_id, contact_id);

CREATE TABLE documents (
  id TEXT PRIMARY KEY,
  spool_path TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL,
  pages INTEGER NOT NULL,
  paper_size TEXT NOT NULL CHECK (paper_size IN ('letter','legal','a4')),
  original_name TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL CHECK (source IN ('drop','hotfolder','cli','resend','compose')),
  created_at INTEGER NOT NULL,
  deleted_at INTEGER
);
CREATE INDEX documents_live ON documents(deleted_at, created_at);

CREATE TABLE broadcasts (
  id INTEGER PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES documents(id),
  name TEXT NOT NULL DEFAULT '',
  recipients INTEGER NOT NULL,
  credit_at_start REAL,
  estimated_cost REAL,
  created_at INTEGER NOT NULL
);

CREATE TABLE jobs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  document_id TEXT NOT NULL REFERENCES documents(id),
  broadcast_id INTEGER REFERENCES broadcasts(id) ON DELETE SET NULL,
  contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
  resend_of INTEGER REFERENCES jobs(id) ON DELETE SET NULL,
  number_raw TEXT NOT NULL,
  fax_number TEXT NOT NULL DEFAULT '',
  to_header TEXT NOT NULL DEFAULT '',
  from_header TEXT NOT NULL DEFAULT '',
  paper_size TEXT NOT NULL CHECK (paper_size IN ('letter','legal','a4')),
  resolution TEXT NOT NULL CHECK (resolution IN ('standard','fine')),
  priority TEXT NOT NULL CHECK (priority IN ('Normal','Low')),
  pages INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (${JOB_STATE_CHECK}),
  account_key TEXT,
  out_trans_id TEXT,
  current_state INTEGER,
  last_status INTEGER,
  attempts INTEGER NOT NULL DEFAULT 0,
  pages_sent INTEGER,
  last_history_id INTEGER,
  cost REAL,
  submit_tries INTEGER NOT NULL DEFAULT 0,
  next_try_at INTEGER,
  cursor_at_submit INTEGER,
  error_kind TEXT,
  error_code TEXT,
  error_message TEXT,
  error_action TEXT,
  created_at INTEGER NOT NULL,
  submit_started_at INTEGER,
  submitted_at INTEGER,
  updated_at INTEGER NOT NULL,
  final_at INTEGER
);
CREATE UNIQUE INDEX jobs_by_trans ON jobs(account_key, out_trans_id);
CREATE INDEX jobs_by_state ON jobs(state, id);
CREATE INDEX jobs_by_broadcast ON jobs(broadcast_id, state);
CREATE INDEX jobs_by_document ON jobs(document_id, state);
CREATE INDEX jobs_by_updated ON jobs(updated_at);
CREATE INDEX jobs_by_contact ON jobs(contact_id);

CREATE TABLE attempts (
  account_key TEXT NOT NULL,
  history_id INTEGER NOT NULL,
  out_trans_id TEXT NOT NULL,
  job_id INTEGER REFERENCES jobs(id) ON DELETE SET NULL,
  account_id TEXT,
  fax_number TEXT,
  current_state INTEGER,
  caller_id TEXT,
  max_attempts INTEGER,
  retry_count INTEGER,
  to_header TEXT,
  from_header TEXT,
  fax_resolution INTEGER,
  render_status INTEGER,
  fax_doc_url TEXT,
  page_count INTEGER,
  paper_size INTEGER,
  last_status INTEGER,
  pages_sent INTEGER,
  call_duration REAL,
  real_cost REAL,
  date TEXT,
  raw TEXT NOT NULL,
  seen_at INTEGER NOT NULL,
  PRIMARY KEY (account_key, history_id)
);
CREATE INDEX attempts_by_trans ON attempts(account_key, out_trans_id, history_id);
CREATE INDEX attempts_unmatched ON attempts(account_key, fax_number, history_id) WHERE job_id IS NULL;

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE drafts (
  id TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE account_state (
  account_key TEXT PRIMARY KEY,
  last_history_id INTEGER NOT NULL DEFAULT 0,
  credit REAL,
  credit_at INTEGER,
  updated_at INTEGER NOT NULL
);

CREATE TABLE engine_lease (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  owner TEXT NOT NULL,
  pid INTEGER NOT NULL,
  host TEXT NOT NULL,
  heartbeat_at INTEGER NOT NULL
);
`,
  },
  {
    version: 2,
    name: 'content key per job (duplicate guard)',
    // The key is the document as sent without a per-recipient cover; older jobs carried no
    // cover of their own, so their document's hash is the key.
    up: `
ALTER TABLE jobs ADD COLUMN content_key TEXT;
UPDATE jobs SET content_key = (SELECT sha256 FROM documents d WHERE d.id = jobs.document_id);
CREATE INDEX jobs_by_content ON jobs(content_key, fax_number, account_key, submitted_at) WHERE out_trans_id IS NOT NULL;
`,
  },
  {
    version: 3,
    name: 'several compose drafts: which one is shown',
    // The one draft of older versions (id 'compose') is the shown one.
    up: `
ALTER TABLE drafts ADD COLUMN current INTEGER NOT NULL DEFAULT 0;
UPDATE drafts SET current = 1 WHERE id = 'compose';
`,
  },
  {
    version: 4,
    name: 'price per page: an override, unset unless a person chose one',
    // 0.07 was the default every install stored on its first save of the section, not a
    // price anyone chose: unset it so the price learned from the account's faxes is used.
    // 0 meant "no price" and is no longer a valid override. Any other value was typed.
    up: `
DELETE FROM settings WHERE key = 'pricePerPage' AND (value IN ('0.07', '0', 'null') OR CAST(value AS REAL) <= 0);
`,
  },
  // Jobs are stamped with their account's key when queued (not when uploaded) from now on, with
  // no change to the schema: older jobs still queued with no key keep the old rule and go with
  // whichever account is in use when their turn comes (shared/outbox-filters.ts accountSendsJob).
  {
    version: 5,
    name: 'what the cover of each job said',
    // JSON (electron/pdf/recipient-cover.ts CoverSaid): page 1 of the job's document is that
    // cover, so a resend to a corrected number can replace it with one naming the new number.
    // Older jobs have none (NULL): they are resent as they were.
    up: `
ALTER TABLE jobs ADD COLUMN cover TEXT;
`,
  },
  {
    version: 6,
    name: 'the image Openfax sent of each fax',
    // One row per fax whose report row carried a FaxDocURL (electron/as-sent/): the image
    // downloaded once into the data folder (state 'stored', file and what it holds), or refused
    // with why (state 'refused'), so a URL is fetched once and never again once stored.
    up: `
CREATE TABLE as_sent (
  job_id INTEGER PRIMARY KEY REFERENCES jobs(id) ON DELETE CASCADE,
  url TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('stored', 'refused')),
  file TEXT,
  pages INTEGER,
  bytes INTEGER,
  sha256 TEXT,
  lines_per_inch INTEGER,
  reason TEXT,
  tried_at INTEGER NOT NULL
);
`,
  },
  {
    version: 7,
    name: 'the archive folder: since when, and which faxes are written there',
    // archive_since has one row while an archive folder is set: every fax that ends from then on
    // is archived (also one that ended while the app was closed). archived_jobs remembers each
    // fax written (path, and the state it was written in: a later final result is written again
    // as a new file) or still waiting after a failed write (tries, last_error), so a fax is
    // written once per result, and one that could not be is tried again at the next start.
    // The claim (owner, pid, host, at) lets one process write it while another waits; the
    // pending name and hash, recorded before the file gets its name, let a start after a crash
    // recognise a file already written instead of writing it again.
    up: `
CREATE TABLE archive_since (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  since INTEGER NOT NULL
);
CREATE TABLE archived_jobs (
  job_id INTEGER PRIMARY KEY REFERENCES jobs(id) ON DELETE CASCADE,
  path TEXT,
  state TEXT,
  written_at INTEGER,
  tries INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  pending_path TEXT,
  pending_sha256 TEXT,
  pending_state TEXT,
  claim_owner TEXT,
  claim_pid INTEGER,
  claim_host TEXT,
  claim_at INTEGER,
  updated_at INTEGER NOT NULL
);
`,
  },
  {
    version: 8,
    name: 'mail merges: a template, its rows and where each row is',
    // One row per merge (electron/merge/): its template (a private copy under
    // <data>/merges/<id>/template.docx, and what was read from it), its data's columns, the
    // person's choices (JSON), and once it runs, its broadcast, the account it was started in
    // and which process makes its documents (owner, pid, host, heartbeat: another process takes
    // a running merge over only once that heartbeat is stale or the process is gone). `version`
    // moves with every change the row checks depend on; `closed_at`: discarded after it sent
    // (kept, without its cells, for its broadcast's counts). merge_rows holds the data's rows as read
    // (cells: JSON array) with `line`, the number the person finds it by in their file (a CSV's
    // line, a sheet's row, a group's position: "row N" everywhere), the person's fixes and left-outs, and once started the row as it is
    // sent (`sent`: number, values, To header, content key), its state, its job (set in the same
    // transaction that queues the job, so a crash never leaves the two apart), pages and error.
    // `planned`: part of the send (the broadcast's recipients), as opposed to skipped at start.
    up: `
CREATE TABLE merges (
  id TEXT PRIMARY KEY,
  state TEXT NOT NULL CHECK (state IN ('draft','running','paused','canceled','done')),
  template_path TEXT,
  template_name TEXT,
  template_sha256 TEXT,
  template_fields TEXT,
  template_kinds TEXT,
  template_pages INTEGER,
  data_kind TEXT CHECK (data_kind IS NULL OR data_kind IN ('csv','xlsx','group')),
  data_name TEXT,
  data_columns TEXT,
  data_notes TEXT,
  mapping TEXT NOT NULL,
  options TEXT NOT NULL,
  converter TEXT,
  preview_pages INTEGER,
  broadcast_id INTEGER REFERENCES broadcasts(id) ON DELETE SET NULL,
  account_key TEXT,
  run TEXT,
  owner TEXT,
  owner_pid INTEGER,
  owner_host TEXT,
  heartbeat_at INTEGER,
  version INTEGER NOT NULL DEFAULT 0,
  closed_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX merges_by_state ON merges(state, updated_at);
CREATE INDEX merges_by_broadcast ON merges(broadcast_id);

CREATE TABLE merge_rows (
  merge_id TEXT NOT NULL REFERENCES merges(id) ON DELETE CASCADE,
  row INTEGER NOT NULL,
  line INTEGER NOT NULL,
  cells TEXT NOT NULL,
  edits TEXT,
  left_out INTEGER NOT NULL DEFAULT 0,
  state TEXT CHECK (state IS NULL OR state IN ('pending','rendering','queued','failed','skipped','canceled')),
  planned INTEGER NOT NULL DEFAULT 0,
  sent TEXT,
  job_id INTEGER REFERENCES jobs(id) ON DELETE SET NULL,
  pages INTEGER,
  page_mismatch INTEGER NOT NULL DEFAULT 0,
  error TEXT,
  PRIMARY KEY (merge_id, row)
) WITHOUT ROWID;
CREATE INDEX merge_rows_by_state ON merge_rows(merge_id, state, row);
CREATE INDEX merge_rows_by_job ON merge_rows(job_id);
`,
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
