// The mail merge in main: what the IPC handlers and the CLI call (electron/merge/types.ts
// MergeService). A merge is prepared as a draft (its template, its rows, the person's choices,
// all in SQLite), previewed row by row, then started: every ready row becomes its own fax of
// one broadcast, made as it goes (merge-pipeline.ts), which a crash or a quit does not stop
// for good (merge-runs.ts takes it up again). Refusals are AppErrors with the problem's code.

import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { duplicateMessage } from '../../shared/duplicate-sends.ts';
import type { EventName, EventPayload } from '../../shared/ipc/contract.ts';
import type { ConverterInfo, MergeMapping, MergeOptions, MergeView } from '../../shared/ipc/contract/merge.ts';
import type { Settings } from '../../shared/settings.ts';
import { AppError } from '../core/app-error.ts';
import { createLogger, type Logger } from '../core/logger.ts';
import { type PricingInputs, resolvePricing } from '../compose/pricing.ts';
import {
  deleteMerge,
  forgetMergeCells,
  getMerge,
  getMergeRows,
  insertMerge,
  listMergeRows,
  type MergeRecord,
  mergeRowCounts,
  moveAllRows,
  newestOpenMerge,
  replaceMergeRows,
  type SentRow,
  setRowEdits,
  setRowsLeftOut,
  snapshotRows,
  updateMerge,
} from '../store/merges-repo.ts';
import { activeMerge, endedOpenMerges, forgetEndedMergeData, notSentReasons } from '../store/merge-state-repo.ts';
import type { Db } from '../store/sql.ts';
import { transaction } from '../store/sql.ts';
import { mergeContentKey } from './content-key.ts';
import { rowCover } from './cover-text.ts';
import { DEFAULT_MERGE_TIMING, type MergeEngine, type MergeOutbox, type MergeTiming } from './merge-engine.ts';
import { newMergeId, removeMergeFiles, saveTemplateCopy } from './merge-files.ts';
import { carryMapping, defaultOptions, EMPTY_MAPPING, sentOptions } from './merge-options.ts';
import { createPreviews, PreviewProblem } from './merge-preview.ts';
import { readMergeMapping, readMergeOptions } from './merge-record.ts';
import { createRowChecks, pageOfRows, toMergeRow } from './merge-rows.ts';
import { createMergeRuns } from './merge-runs.ts';
import { RowLabel } from './row-label.ts';
import { buildMergeView } from './merge-view.ts';
import { type ConverterOptions, type MergeParts, realParts } from './parts.ts';
import type { MergeProblem, MergeService, MergeTable } from './types.ts';

type MergeEventName = Extract<EventName, 'mergeChanged' | 'mergeProgress'>;

export interface MergeServiceDeps {
  db: Db;
  dataDir: string;
  outbox: MergeOutbox;
  getSettings: () => Settings;
  /** Mode, prices and credit for the estimate (compose/pricing.ts); without it the cost is unknown. */
  pricing?: () => PricingInputs;
  /** Where mergeChanged and mergeProgress go; none (the CLI) is fine. */
  emit?: <K extends MergeEventName>(name: K, payload: EventPayload<K>) => void;
  /**
   * The host's built-in printer (Electron's hidden window, headless Chromium), LibreOffice's
   * path, each document's timeout, and a listener to each converter process (the benchmark).
   */
  converters?: Pick<ConverterOptions, 'builtin' | 'soffice' | 'timeoutMs' | 'onProcess'> & { platform?: NodeJS.Platform };
  /** Take up running merges whose process is gone (default true; the CLI, which makes only its own, says false). */
  adoptOrphans?: boolean;
  /**
   * Each template opened starts a merge of its own, never replacing the draft being prepared
   * (the CLI: the app's draft in the same data folder is the person's, not the command's).
   */
  alwaysNewMerge?: boolean;
  /** The parts (tests put a fake converter in). */
  parts?: Partial<MergeParts>;
  timing?: Partial<MergeTiming>;
  now?: () => number;
  /** This process's identity as a merge's owner (tests run several services in one process). */
  instanceId?: string;
  log?: Logger;
}

const refuse = (p: MergeProblem, field?: string): AppError =>
  new AppError(p.action ? `${p.message} ${p.action}` : p.message, { code: p.code, ...(field ? { field } : {}) });

const NOT_FOUND: MergeProblem = { code: 'no-merge', message: 'This merge is no longer open.', action: 'Open the template again.' };
const STARTED: MergeProblem = {
  code: 'merge-started',
  message: 'This merge has started: its rows and choices are fixed.',
  action: 'Open a template to prepare another merge.',
};

export async function createMergeService(deps: MergeServiceDeps): Promise<MergeService> {
  const log = deps.log ?? createLogger('merge');
  const now = deps.now ?? Date.now;
  const parts: MergeParts = { ...realParts, ...deps.parts };
  const timing = { ...DEFAULT_MERGE_TIMING, ...deps.timing };
  const { platform: _platform, ...converterOptions } = deps.converters ?? {};
  let converters: ConverterInfo[] = [];
  const findConverters = async () => {
    try {
      converters = await parts.findConverters({
        platform: deps.converters?.platform ?? process.platform,
        ...(deps.converters?.builtin ? { builtin: deps.converters.builtin } : {}),
        ...(deps.converters?.soffice ? { soffice: deps.converters.soffice } : {}),
      });
    } catch (err) {
      log.warn('could not look for converters', err);
    }
  };
  // Looking runs programs (soffice --version): the app's start does not wait for it. What needs
  // the converters (a preview, Send, a pick) waits; the screen is told once they are known.
  let lookup = findConverters();
  let disposed = false;

  // mergeChanged at most every coalesceMs per merge: the first at once, the rest at the end of the window.
  const lastSent = new Map<string, number>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const sendChanged = (id: string) => {
    timers.delete(id);
    lastSent.set(id, Date.now());
    if (!deps.emit) return;
    try {
      const rec = getMerge(deps.db, id);
      if (rec) deps.emit('mergeChanged', view(rec));
    } catch (err) {
      log.warn('could not announce the merge', err);
    }
  };
  const engine: MergeEngine = {
    db: deps.db,
    dataDir: deps.dataDir,
    parts,
    outbox: deps.outbox,
    settings: deps.getSettings,
    log,
    now,
    timing,
    converterOptions,
    changed(id) {
      if (disposed || !deps.emit || timers.has(id)) return;
      const wait = (lastSent.get(id) ?? 0) + timing.coalesceMs - Date.now();
      if (wait <= 0) sendChanged(id);
      else {
        const t = setTimeout(() => sendChanged(id), wait);
        t.unref?.();
        timers.set(id, t);
      }
    },
    progress(mergeId, step, done, total) {
      try {
        deps.emit?.('mergeProgress', { mergeId, step, done, total });
      } catch (err) {
        log.warn('could not announce the merge step', err);
      }
    },
  };
  const checks = createRowChecks(deps.db, parts, () => deps.getSettings().defaultCountry);
  const previews = createPreviews(engine);
  const runs = createMergeRuns(engine, {
    instanceId: deps.instanceId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    adoptOrphans: deps.adoptOrphans !== false,
  });

  function converterOf(rec: MergeRecord): MergeView['converter'] {
    const picked = converters.find((c) => c.id === rec.converter);
    if (picked) return picked.id;
    return parts.preferredConverter(converters);
  }

  function view(rec: MergeRecord): MergeView {
    const mapping = readMergeMapping(rec);
    const options = readMergeOptions(rec, deps.getSettings());
    let pricePerPage: number | undefined;
    try {
      pricePerPage = deps.pricing ? resolvePricing(deps.pricing()).pricePerPage : undefined;
    } catch {
      pricePerPage = undefined;
    }
    return buildMergeView({
      record: rec,
      mapping,
      options,
      rows: checks.checked(rec, mapping),
      converters,
      converter: rec.state === 'draft' ? converterOf(rec) : ((rec.run?.converter as MergeView['converter']) ?? converterOf(rec)),
      pricePerPage,
      progress: rec.state === 'draft' ? undefined : mergeRowCounts(deps.db, rec.id),
      ...(rec.state === 'draft' ? {} : { notSent: notSentReasons(deps.db, rec.id) }),
      ...(rec.state === 'paused' && rec.run?.held ? { held: rec.run.held } : {}),
    });
  }

  function record(id: string): MergeRecord {
    const rec = getMerge(deps.db, id);
    if (!rec || rec.closedAt !== null) throw refuse(NOT_FOUND);
    return rec;
  }

  function draft(id: string): MergeRecord {
    const rec = record(id);
    if (rec.state !== 'draft') throw refuse(STARTED);
    return rec;
  }

  /** Writes a draft's change (its checks' version moves) and answers its view. */
  function changeDraft(id: string, patch: Parameters<typeof updateMerge>[2]): MergeView {
    if (!updateMerge(deps.db, id, patch, { now: now(), bump: true, from: ['draft'] })) throw refuse(STARTED);
    engine.changed(id);
    return view(record(id));
  }

  function tableOf(rec: MergeRecord): MergeTable | undefined {
    if (!rec.data) return undefined;
    const stored = listMergeRows(deps.db, rec.id);
    return {
      source: { kind: rec.data.kind, name: rec.data.name },
      columns: rec.data.columns,
      rows: stored.map((r) => r.cells),
      lines: stored.map((r) => r.line),
      notes: rec.data.notes,
    };
  }

  /** "A merge is paused (Notice.docx, 120 of 400 made): resume or cancel it first." */
  function inProgress(rec: MergeRecord): MergeProblem {
    const c = mergeRowCounts(deps.db, rec.id);
    const what = `${rec.template?.name ?? 'a template'}, ${c.rendered} of ${c.total} made`;
    return {
      code: 'merge-in-progress',
      message: `A merge is ${rec.state === 'paused' ? 'paused' : 'sending'} (${what}):`,
      action: `${rec.state === 'paused' ? 'resume' : 'pause'} or cancel it first.`,
    };
  }

  /**
   * Ended merges are closed once another is prepared: nothing can need their rows' data any
   * more (their faxes are in the Outbox), so names and values go; states, numbers and jobs stay.
   */
  function closeEnded(): void {
    for (const id of endedOpenMerges(deps.db)) {
      transaction(deps.db, () => {
        updateMerge(deps.db, id, { closedAt: now() }, { now: now() });
        forgetEndedMergeData(deps.db, id);
      });
      checks.forget(id);
      void previews.forget(id).catch((err: unknown) => log.warn('could not forget the previews', err));
      void removeMergeFiles(deps.dataDir, id).catch((err: unknown) => log.warn('could not remove the merge files', err));
    }
  }

  const service: MergeService = {
    current() {
      // A merge that is sending (or paused) is the one shown, not a newer draft beside it.
      const rec = activeMerge(deps.db) ?? newestOpenMerge(deps.db);
      return rec ? view(rec) : null;
    },

    get(id) {
      const rec = getMerge(deps.db, id);
      return rec && rec.closedAt === null ? view(rec) : null;
    },

    async openTemplate(fileName, bytes) {
      const read = await parts.readTemplate(bytes, fileName);
      if (!read.ok) throw refuse(read.problem);
      const t = read.value;
      lookup = findConverters();
      await lookup;
      if (!deps.alwaysNewMerge) {
        // One merge sends at a time; a second would hide the paused one (and its held reason).
        const active = activeMerge(deps.db);
        if (active) throw refuse(inProgress(active));
        closeEnded();
      }
      const open = deps.alwaysNewMerge ? undefined : newestOpenMerge(deps.db);
      const id = open?.state === 'draft' ? open.id : newMergeId();
      const path = await saveTemplateCopy(deps.dataDir, id, bytes);
      if (open?.state !== 'draft') {
        insertMerge(deps.db, { id, mapping: EMPTY_MAPPING, options: defaultOptions(deps.getSettings()), converter: null, now: now() });
      }
      const rec = record(id);
      const table = tableOf(rec);
      const mapping = table
        ? carryMapping(
            readMergeMapping(rec),
            parts.guessMapping(t.fields, table, deps.getSettings().defaultCountry),
            t.fields,
            table.columns,
          )
        : { ...EMPTY_MAPPING, fields: Object.fromEntries(t.fields.map((f) => [f, null])) };
      await previews.forget(id);
      log.info(`merge ${id}: template with ${t.fields.length} field(s) (${t.kinds.mergeFields} merge fields, ${t.kinds.tags} tags)`);
      return changeDraft(id, {
        template: { path, name: t.name, sha256: t.sha256, fields: t.fields, kinds: t.kinds, pages: t.pages ?? null },
        mapping,
        previewPages: null,
      });
    },

    async openData(id, source) {
      const rec = draft(id);
      const read =
        source.kind === 'bytes' ? await parts.readMergeFile(source.bytes, source.fileName) : parts.groupTable(deps.db, source.groupId);
      if (!read.ok) throw refuse(read.problem);
      const table = read.value;
      draft(id);
      const fields = rec.template?.fields ?? [];
      const mapping = carryMapping(
        readMergeMapping(rec),
        parts.guessMapping(fields, table, deps.getSettings().defaultCountry),
        fields,
        table.columns,
      );
      replaceMergeRows(deps.db, id, table.rows, table.lines);
      log.info(`merge ${id}: ${table.rows.length} row(s) from a ${table.source.kind}`);
      return changeDraft(id, {
        data: { kind: table.source.kind, name: table.source.name, columns: table.columns, notes: table.notes },
        mapping,
      });
    },

    async update(id, patch) {
      await lookup;
      const rec = draft(id);
      const change: Parameters<typeof updateMerge>[2] = {};
      if (patch.mapping) change.mapping = checkMapping(rec, patch.mapping);
      if (patch.options) change.options = patch.options satisfies MergeOptions;
      if (patch.converter) {
        const c = converters.find((x) => x.id === patch.converter);
        if (!c?.available) {
          throw refuse(
            {
              code: 'converter-unavailable',
              message: `${c?.label ?? patch.converter} cannot convert here${c ? `: ${c.detail}` : '.'}`,
              action: 'Pick another converter.',
            },
            'converter',
          );
        }
        change.converter = c.id;
      }
      // The pages of a fax may change with the cover, the paper or the converter: the next preview says.
      if (patch.options || patch.converter) change.previewPages = null;
      if (patch.options || patch.converter) await previews.forget(id);
      return changeDraft(id, change);
    },

    listRows(id, filter, offset, limit) {
      const rec = record(id);
      return pageOfRows(deps.db, rec, checks.checked(rec, readMergeMapping(rec)), filter, offset, limit);
    },

    async fixRow(id, row, values) {
      const rec = draft(id);
      const [stored] = getMergeRows(deps.db, id, [row]);
      if (!stored)
        throw refuse(
          { code: 'no-row', message: 'That row is not in the data (it was read again meanwhile).', action: 'Refresh the list of rows.' },
          'row',
        );
      const unknown = Object.keys(values).filter((c) => !rec.data?.columns.includes(c));
      if (unknown.length) {
        throw refuse(
          {
            code: 'no-column',
            message: `The data has no column ${unknown.map((c) => `«${c}»`).join(', ')}.`,
            action: 'Refresh the list of rows.',
          },
          'values',
        );
      }
      setRowEdits(deps.db, id, row, { ...stored.edits, ...values });
      const merge = changeDraft(id, {});
      const after = record(id);
      const checked = checks.checked(after, readMergeMapping(after)).find((r) => r.row === row);
      if (!checked)
        throw refuse(
          { code: 'no-row', message: 'That row is not in the data (it was read again meanwhile).', action: 'Refresh the list of rows.' },
          'row',
        );
      const twin = checked.duplicateOf !== undefined ? getMergeRows(deps.db, id, [checked.duplicateOf])[0] : undefined;
      return { row: toMergeRow(checked, undefined, stored.line, twin?.line), merge };
    },

    async setLeftOut(id, rows, leftOut) {
      draft(id);
      setRowsLeftOut(deps.db, id, rows, leftOut);
      return changeDraft(id, {});
    },

    async preview(id, row) {
      await lookup;
      const rec = record(id);
      const mapping = readMergeMapping(rec);
      const checked = checks.checked(rec, mapping).find((r) => r.row === row);
      if (!checked)
        throw refuse(
          { code: 'no-row', message: 'That row is not in the data (it was read again meanwhile).', action: 'Pick a row of the data.' },
          'row',
        );
      const converter = rec.state === 'draft' ? converterOf(rec) : ((rec.run?.converter as MergeView['converter']) ?? converterOf(rec));
      const info = converters.find((c) => c.id === converter);
      if (!converter || !info?.available) {
        throw refuse({
          code: 'no-converter',
          message: 'No converter can turn the template into PDF on this computer.',
          action: 'Install LibreOffice, or pick another converter.',
        });
      }
      // A preview shows the fax as it would go: never with defaults standing in for unreadable choices.
      const stored = sentOptions(rec.options);
      if (!stored.ok) throw refuse(stored.problem);
      const options = stored.value;
      let out: Awaited<ReturnType<typeof previews.preview>>;
      try {
        out = await previews.preview(rec, checked, options, converter);
      } catch (err) {
        if (err instanceof PreviewProblem) throw refuse(err.problem);
        throw err;
      }
      if (rec.state === 'draft' && rec.previewPages !== out.faxPages) {
        updateMerge(deps.db, id, { previewPages: out.faxPages }, { now: now() });
        engine.changed(id);
      }
      const { faxPages: _, ...preview } = out;
      return preview;
    },

    async start(id, opts = {}) {
      await lookup;
      const rec = record(id);
      if (rec.state === 'running') return view(rec);
      if (rec.state !== 'draft') throw refuse(STARTED);
      const before = view(rec);
      if (before.blockers.length) {
        const [only] = before.blockers;
        throw new AppError(before.blockers.map((b) => `${b.message} ${b.action}`).join(' '), {
          code: before.blockers.length === 1 && only ? only.code : 'merge-blocked',
        });
      }
      const template = rec.template;
      const converter = before.converter;
      if (!template || !converter) throw refuse(NOT_FOUND);
      const stored = sentOptions(rec.options);
      if (!stored.ok) throw refuse(stored.problem);
      const options = stored.value;
      engine.progress(id, 'Checking the rows', 0, 3);
      const rows = checks.checked(rec, readMergeMapping(rec));
      const sent = new Map<number, SentRow>();
      for (const r of rows) {
        if (r.leftOut || r.problems.length || !r.number) continue;
        const contentKey = mergeContentKey({
          templateSha256: template.sha256,
          values: r.values,
          cover: options.cover.enabled ? rowCover(options.cover, r.values) : undefined,
          paperSize: options.paperSize,
        });
        sent.set(r.row, {
          number: r.number,
          display: r.display,
          values: r.values,
          ...(r.toHeader !== undefined ? { toHeader: r.toHeader } : {}),
          contentKey,
        });
      }
      if (!opts.allowDuplicate) {
        engine.progress(id, 'Looking for faxes already sent', 1, 3);
        const already: Array<{ row: number; dup: ReturnType<MergeOutbox['findDuplicates']>[number] }> = [];
        for (const [row, s] of sent) for (const dup of deps.outbox.findDuplicates(s.contentKey, [s.number])) already.push({ row, dup });
        if (already.length) {
          // Named by their number in the person's file, as everywhere (row-label.ts).
          const lineOf = new Map(listMergeRows(deps.db, id).map((r) => [r.row, r.line]));
          const names = already.slice(0, 10).map((a) => lineOf.get(a.row) ?? a.row + 1);
          const more = already.length > names.length ? ` and ${already.length - names.length} more` : '';
          throw new AppError(
            `${already.length === 1 ? `${RowLabel(names[0] as number)} has` : `Rows ${names.join(', ')}${more} have`} already been sent this same document: ${duplicateMessage(
              already.map((a) => a.dup),
              now(),
            )} Nothing was sent. Leave ${already.length === 1 ? 'that row' : 'those rows'} out, or send anyway to fax ${already.length === 1 ? 'it' : 'them'} again.`,
            { code: 'duplicate' },
          );
        }
      }
      engine.progress(id, 'Checking the credit', 2, 3);
      // Pages not known (no count in the template, no preview): the check says so rather than assume one a fax.
      const perFax = before.estimate.pagesPerFax;
      const credit = await deps.outbox.checkCredit(perFax === null ? null : perFax * sent.size);
      if (perFax === null) log.info(`merge ${id}: pages a fax unknown, the credit is checked without an estimate`);
      if (!credit.ok) throw new AppError(`${credit.error.message} ${credit.error.action}`, { code: credit.error.kind });
      const startedAt = now();
      transaction(deps.db, () => {
        const again = getMerge(deps.db, id);
        // Someone changed it (the other window, the CLI) while the credit was read: its checks are stale.
        if (again?.state !== 'draft' || again.version !== rec.version) {
          throw new AppError('The merge changed while it was being checked. Nothing was sent. Send it again.', { code: 'merge-changed' });
        }
        snapshotRows(
          deps.db,
          id,
          rows.map((r) => {
            const s = sent.get(r.row);
            return s ? { row: r.row, state: 'pending' as const, sent: s } : { row: r.row, state: 'skipped' as const };
          }),
        );
        updateMerge(
          deps.db,
          id,
          {
            state: 'running',
            converter,
            accountKey: deps.outbox.accountInUse(),
            run: {
              allowDuplicate: opts.allowDuplicate === true,
              pagesPerFax: before.estimate.pagesPerFax,
              creditAtStart: credit.value.creditAtStart,
              estimatedCost: credit.value.estimate ?? before.estimate.cost,
              recipients: sent.size,
              converter,
              startedAt,
            },
          },
          { now: startedAt, from: ['draft'] },
        );
      });
      engine.progress(id, 'Started', 3, 3);
      log.info(`merge ${id}: started, ${sent.size} fax(es) with ${converter}`);
      runs.launch(id);
      engine.changed(id);
      return view(record(id));
    },

    async pause(id) {
      const rec = record(id);
      if (rec.state === 'paused') return view(rec);
      if (rec.state !== 'running')
        throw refuse({ code: 'not-running', message: 'This merge is not running.', action: 'Nothing to pause.' });
      // The batch in hand is finished and queued; no more is taken.
      updateMerge(deps.db, id, { state: 'paused' }, { now: now(), from: ['running'] });
      engine.changed(id);
      return view(record(id));
    },

    async resume(id) {
      const rec = record(id);
      if (rec.state === 'running') return view(rec);
      if (rec.state !== 'paused' || !rec.run)
        throw refuse({ code: 'not-paused', message: 'This merge is not paused.', action: 'Nothing to resume.' });
      if (rec.run.held?.code === 'account-changed' && rec.accountKey !== null && deps.outbox.accountInUse() !== rec.accountKey) {
        throw refuse(rec.run.held);
      }
      const { held: _, ...run } = rec.run;
      updateMerge(deps.db, id, { state: 'running', run }, { now: now(), from: ['paused'] });
      runs.launch(id);
      engine.changed(id);
      return view(record(id));
    },

    async cancel(id) {
      const rec = record(id);
      if (rec.state === 'canceled') return view(rec);
      if (rec.state !== 'running' && rec.state !== 'paused') {
        throw refuse({ code: 'not-running', message: 'This merge is not sending.', action: 'Discard it instead.' });
      }
      transaction(deps.db, () => {
        updateMerge(deps.db, id, { state: 'canceled' }, { now: now(), from: ['running', 'paused'] });
        moveAllRows(deps.db, id, 'canceled', ['pending', 'rendering']);
      });
      // The converter stops at once; a row being queued right now is rolled back (its row is canceled).
      runs.abort(id);
      if (rec.broadcastId !== null) deps.outbox.broadcastChanged(rec.broadcastId);
      log.info(`merge ${id}: canceled`);
      engine.changed(id);
      return view(record(id));
    },

    async discard(id) {
      const rec = getMerge(deps.db, id);
      if (rec && rec.closedAt === null) {
        if (rec.state === 'running') {
          throw refuse({ code: 'merge-running', message: 'This merge is sending.', action: 'Pause or cancel it first.' });
        }
        if (rec.state === 'paused') await service.cancel(id);
        await previews.forget(id);
        checks.forget(id);
        if (rec.broadcastId === null && rec.state === 'draft') deleteMerge(deps.db, id);
        else {
          // Its broadcast still counts its rows: the states stay, the data goes.
          transaction(deps.db, () => {
            updateMerge(deps.db, id, { closedAt: now() }, { now: now() });
            forgetMergeCells(deps.db, id);
          });
        }
        await removeMergeFiles(deps.dataDir, id);
        log.info(`merge ${id}: discarded`);
      }
      return service.current();
    },

    idle: () => runs.idle(),

    async dispose() {
      disposed = true;
      await runs.dispose();
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
      await previews.dispose();
    },
  };

  // A merge a crash or a quit left running is taken up again (if its process is gone).
  runs.adoptOrphans();
  // The screen is told once the converters are known, unless the service was disposed meanwhile (a quit during start-up: the database is closed).
  void lookup
    .then(() => {
      if (disposed) return;
      const open = activeMerge(deps.db) ?? newestOpenMerge(deps.db);
      if (open) engine.changed(open.id);
    })
    .catch((err: unknown) => log.warn('could not announce the converters', err));
  return service;
}

/** The person's mapping, checked against the template and the data (a stale screen may name what is gone). */
function checkMapping(rec: MergeRecord, mapping: MergeMapping): MergeMapping {
  const columns = rec.data?.columns ?? [];
  const fields = rec.template?.fields ?? [];
  const bad = (c: string | null | undefined) => c != null && !columns.includes(c);
  const wrong = [
    ...Object.entries(mapping.fields).flatMap(([f, c]) => (bad(c) ? [`«${c}»`] : !fields.includes(f) ? [`field «${f}»`] : [])),
    ...(bad(mapping.numberColumn) ? [`«${mapping.numberColumn}»`] : []),
    ...(mapping.toHeaderField !== null && !fields.includes(mapping.toHeaderField) ? [`field «${mapping.toHeaderField}»`] : []),
  ];
  if (wrong.length) {
    throw refuse({ code: 'mapping', message: `The merge has no ${wrong.join(', ')}.`, action: 'Refresh, then pick again.' }, 'mapping');
  }
  const out: Record<string, string | null> = {};
  for (const f of fields) out[f] = mapping.fields[f] ?? null;
  return { fields: out, numberColumn: mapping.numberColumn, toHeaderField: mapping.toHeaderField };
}
