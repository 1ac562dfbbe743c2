// The update engine with electron-updater's real NsisUpdater against a local feed: a newer
// version is downloaded, its sha512 checked and made ready; the same version changes nothing; a
// file whose checksum or signature fails is refused and nothing is installed; an unreachable
// feed is quiet and asked again on the schedule; a feed with garbage in it is told as such; a
// restart waits for uploads and holds new ones (a check answering meanwhile changes nothing);
// an install that fails comes back as ready and is told to the host; a withdrawn release is
// dropped. MacUpdater runs against the fake electron's Squirrel (its own withdrawal words, its
// "update-not-available", windows closed before a failed install).
// Timers are fake (the schedule), the HTTP and the files are real.

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MacUpdater } from 'electron-updater';
import { createLogger, type Logger } from '../../../electron/core/logger.ts';
import { startUpdateEngine, type UpdateService } from '../../../electron/update/update-engine.ts';
import { updaterLogger, updaterPort } from '../../../electron/update/updater-port.ts';
import { DAILY_MS, RETRY_DELAYS_MS, START_DELAY_MS } from '../../../electron/update/update-schedule.ts';
import type { UpdateView } from '../../../shared/ipc/contract/update.ts';
import { type Feed, type FeedOptions, sha512, startFeed } from './feed-server.ts';
import { electronForUpdater } from './electron-for-updater.ts';
import { makeNodeMacUpdater, makeNodeUpdater, type RecordingNsisUpdater } from './node-updater.ts';

const INSTALLER = Buffer.concat([Buffer.from('MZ Openfax Desktop Setup 1.2.0\n'), Buffer.alloc(256 * 1024, 7)]);
const NEWER: FeedOptions = { version: '1.2.0', fileName: 'Openfax-Desktop-Setup-1.2.0.exe', file: INSTALLER };
const SIGNED_BY = 'Openfax Inc.';

interface Run<U = RecordingNsisUpdater> {
  engine: UpdateService;
  feed: Feed;
  updater: U;
  cacheDir: string;
  views: UpdateView[];
  /** The first view (pushed from now on, or the latest) that `pred` accepts. */
  until(pred: (v: UpdateView) => boolean): Promise<UpdateView>;
  /** The outbox's uploads in progress, as the engine hears them. */
  setUploads(n: number): void;
  /** Each hold the engine put on the outbox (true) or lifted (false), in order. */
  holds: boolean[];
  /** How many times electron-updater quit the app after starting an install. */
  quits(): number;
  /** What electron-updater wrote to the app's log. */
  logged: string[];
  /** Each failed install the engine told the host about (the window back, a notification). */
  alerts: string[];
}

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const c of cleanups.splice(0).reverse()) await c();
});

type StartOptions = { version?: string; publisherName?: string; setting?: string; signedBy?: (file: string) => boolean };

async function start(feedOptions: FeedOptions, opts: StartOptions = {}): Promise<Run> {
  const run = await startWith(feedOptions, opts, (dir, version, url) => makeNodeUpdater(dir, version, url, opts.publisherName));
  // electron-updater's hook for the publisher check (PowerShell's Get-AuthenticodeSignature on
  // Windows): an answer that is not null refuses the file.
  const signedBy = opts.signedBy;
  if (signedBy)
    run.updater.verifyUpdateCodeSignature = async (names, file) => (signedBy(file) ? null : `not signed by ${names.join(', ')}`);
  return run;
}

async function startMac(feedOptions: FeedOptions): Promise<Run<MacUpdater>> {
  return startWith(feedOptions, {}, (dir, version, url) => makeNodeMacUpdater(dir, version, url), { squirrel: true });
}

async function startWith<U extends RecordingNsisUpdater | MacUpdater>(
  feedOptions: FeedOptions,
  opts: StartOptions,
  make: (dir: string, version: string, url: string) => { updater: U; cacheDir: string; quits(): number },
  platform: { squirrel?: boolean } = {},
): Promise<Run<U>> {
  const dir = mkdtempSync(join(tmpdir(), 'openfax-update-'));
  const feed = await startFeed(feedOptions);
  cleanups.push(
    () => rmSync(dir, { recursive: true, force: true }),
    () => feed.close(),
  );
  const { updater, cacheDir, quits } = make(dir, opts.version ?? '0.1.0', feed.url);
  const logged: string[] = [];
  const record = (m: string) => logged.push(m);
  const log: Logger = { debug: record, info: record, warn: record, error: record };
  updater.logger = updaterLogger(log);
  // Only setTimeout: the schedule. Node's sockets and electron-updater's progress clock stay real.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  const views: UpdateView[] = [];
  const waiters = new Set<{ pred: (v: UpdateView) => boolean; resolve: (v: UpdateView) => void }>();
  let uploads = 0;
  const holds: boolean[] = [];
  const uploadListeners = new Set<(n: number) => void>();
  const alerts: string[] = [];
  const engine = startUpdateEngine({
    port: updaterPort(updater, platform.squirrel ? { kind: 'on-quit', squirrel: electronForUpdater.autoUpdater } : { kind: 'on-quit' }),
    currentVersion: opts.version ?? '0.1.0',
    feedSetting: () => opts.setting ?? '',
    defaultFeedUrl: feed.url,
    uploads: {
      count: () => uploads,
      onChange: (l) => {
        uploadListeners.add(l);
        return () => uploadListeners.delete(l);
      },
      hold: (held) => holds.push(held),
    },
    emit: (v) => {
      views.push(v);
      for (const w of [...waiters]) {
        if (!w.pred(v)) continue;
        waiters.delete(w);
        w.resolve(v);
      }
    },
    alertInstallFailed: (message) => alerts.push(message),
    log: createLogger('update-test'),
  });
  cleanups.push(() => engine.dispose());
  return {
    engine,
    feed,
    updater,
    cacheDir,
    views,
    until: (pred) => {
      const last = views.at(-1);
      if (last && pred(last)) return Promise.resolve(last);
      return new Promise((resolve) => waiters.add({ pred, resolve }));
    },
    setUploads(n) {
      uploads = n;
      for (const l of [...uploadListeners]) l(n);
    },
    holds,
    quits,
    logged,
    alerts,
  };
}

/**
 * Until `probe` holds, turn by turn (electron-updater quits on setImmediate, and its sockets and
 * files are real), or `ms` of wall-clock time: setTimeout is the engine's fake clock here.
 */
async function turns(probe: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!probe() && Date.now() < end) await new Promise((r) => setImmediate(r));
}

const settled = (v: UpdateView) => v.phase === 'idle' || v.phase === 'ready';
const fileRequests = (feed: Feed) => feed.requests.filter((p) => p.endsWith('.exe'));

describe('a newer version on the feed', () => {
  it('is checked a little after start-up, downloaded, verified against its sha512 and made ready', async () => {
    const run = await start(NEWER);
    vi.advanceTimersByTime(START_DELAY_MS - 1);
    expect(run.feed.requests).toEqual([]);
    vi.advanceTimersByTime(1);
    const ready = await run.until((v) => v.phase === 'ready');
    expect(ready).toMatchObject({ supported: true, currentVersion: '0.1.0', version: '1.2.0', postponed: false });
    // What "ready" promises is what this install does (Windows: also at quit).
    expect(ready.lastCheck).toMatchObject({
      outcome: 'found',
      message: 'Version 1.2.0 is ready. Restart now to install it, or it installs when you quit Openfax Desktop.',
    });
    expect(ready.installHint).toBe('Restart now to install it, or it installs when you quit Openfax Desktop.');
    // The feed was read for this platform, then the installer fetched once.
    expect(run.feed.requests[0]).toMatch(/^\/latest(-linux(-arm64)?|-mac)?\.yml$/);
    expect(fileRequests(run.feed)).toEqual(['/Openfax-Desktop-Setup-1.2.0.exe']);
    // electron-updater keeps the verified file in its cache folder: the bytes the feed published.
    const pending = join(run.cacheDir, 'pending');
    const kept = readdirSync(pending).filter((f) => f.endsWith('.exe'));
    expect(kept).toEqual(['Openfax-Desktop-Setup-1.2.0.exe']);
    expect(sha512(readFileSync(join(pending, kept[0] as string)))).toBe(sha512(INSTALLER));
    // Nothing but "checking", "downloading" and "ready" reached the view: no prompt, no error.
    expect(new Set(run.views.map((v) => v.phase))).toEqual(new Set(['checking', 'downloading', 'ready']));
  });

  it('restarts to install at once when nothing is being uploaded: the verified installer runs, the app quits', async () => {
    const run = await start(NEWER);
    vi.advanceTimersByTime(START_DELAY_MS);
    await run.until((v) => v.phase === 'ready');
    const after = run.engine.restart();
    expect(after.phase).toBe('restarting');
    // No new upload from the moment the install is asked for.
    expect(run.holds).toEqual([true]);
    await turns(() => run.quits() > 0);
    expect(run.updater.installs).toEqual([join(run.cacheDir, 'pending', 'Openfax-Desktop-Setup-1.2.0.exe')]);
    expect(run.quits()).toBe(1);
    expect(run.views.at(-1)?.phase).toBe('restarting');
  });

  it('an installer step that returns false: back to ready, told, uploads go on, and Restart now tries again', async () => {
    const run = await start(NEWER);
    vi.advanceTimersByTime(START_DELAY_MS);
    await run.until((v) => v.phase === 'ready');
    run.updater.step = 'return-false';
    expect(run.engine.restart().phase).toBe('restarting');
    const back = await run.until((v) => v.phase === 'ready');
    expect(back.lastCheck).toMatchObject({
      outcome: 'install-failed',
      message: 'Version 1.2.0 could not be installed (the installer did not start). Openfax Desktop is unchanged: Restart now tries again.',
    });
    expect(run.alerts).toEqual([back.lastCheck?.message]);
    expect(run.holds).toEqual([true, false]);
    expect(run.quits()).toBe(0);
    // electron-updater let go of the install: a second try runs it.
    run.updater.step = 'start';
    run.engine.restart();
    await turns(() => run.quits() > 0);
    expect(run.updater.installs).toHaveLength(1);
    expect(run.holds).toEqual([true, false, true]);
  });

  it('an installer step that fails (electron-updater reports an error): back to ready with its cause', async () => {
    const run = await start(NEWER);
    vi.advanceTimersByTime(START_DELAY_MS);
    await run.until((v) => v.phase === 'ready');
    run.updater.step = 'throw';
    run.engine.restart();
    const back = await run.until((v) => v.phase === 'ready');
    expect(back.lastCheck?.message).toBe(
      'Version 1.2.0 could not be installed (The installer could not be started: Access is denied.). Openfax Desktop is unchanged: Restart now tries again.',
    );
    expect(run.holds).toEqual([true, false]);
    expect(run.quits()).toBe(0);
  });

  it('never mid-upload: "Restart now" holds new uploads and waits until those in progress are handed over', async () => {
    const run = await start(NEWER);
    vi.advanceTimersByTime(START_DELAY_MS);
    await run.until((v) => v.phase === 'ready');
    run.setUploads(2);
    expect(run.engine.restart()).toMatchObject({ phase: 'waiting', waitingFor: 2 });
    expect(run.holds).toEqual([true]);
    run.setUploads(1);
    expect(run.views.at(-1)).toMatchObject({ phase: 'waiting', waitingFor: 1 });
    expect(run.updater.installs).toEqual([]);
    run.setUploads(0);
    expect(run.views.at(-1)?.phase).toBe('restarting');
    await turns(() => run.quits() > 0);
    expect(run.updater.installs).toHaveLength(1);
  });

  it('"Later" while waiting lets the uploads go on', async () => {
    const run = await start(NEWER);
    vi.advanceTimersByTime(START_DELAY_MS);
    await run.until((v) => v.phase === 'ready');
    run.setUploads(1);
    run.engine.restart();
    expect(run.engine.postpone()).toMatchObject({ phase: 'ready', postponed: true });
    expect(run.holds).toEqual([true, false]);
    run.setUploads(0);
    expect(run.views.at(-1)?.phase).toBe('ready');
    expect(run.updater.installs).toEqual([]);
  });

  it('"Restart now" while a check is asking the feed: the answer changes nothing, and the install goes once uploads end', async () => {
    const run = await start(NEWER);
    vi.advanceTimersByTime(START_DELAY_MS);
    await run.until((v) => v.phase === 'ready');
    // "Check now" (or the daily check) while the update is ready: the bar still offers the restart.
    const held = run.feed.holdNextYml();
    const checked = run.engine.check();
    await held.asked;
    expect(run.engine.view().phase).toBe('ready');
    run.setUploads(1);
    expect(run.engine.restart()).toMatchObject({ phase: 'waiting', waitingFor: 1 });
    const since = run.views.length;
    // The feed answers that 1.2.0 is still newer than this version: no second download over the restart.
    held.answer();
    expect(await checked).toMatchObject({ phase: 'waiting', version: '1.2.0' });
    expect(run.views.slice(since).map((v) => v.phase)).not.toContain('downloading');
    expect(fileRequests(run.feed)).toHaveLength(1);
    expect(run.holds).toEqual([true]);
    // The upload ends: the install runs, as asked.
    run.setUploads(0);
    expect(run.views.at(-1)?.phase).toBe('restarting');
    await turns(() => run.quits() > 0);
    expect(run.updater.installs).toHaveLength(1);
    expect(run.holds).toEqual([true]);
  });

  it('says whether quitting now installs: at any quit once ready (NSIS), while restarting, never when idle', async () => {
    const run = await start(NEWER);
    expect(run.engine.quitInstalls()).toBe(false);
    vi.advanceTimersByTime(START_DELAY_MS);
    await run.until((v) => v.phase === 'ready');
    expect(run.engine.quitInstalls()).toBe(true);
    run.engine.postpone();
    // "Later" hides the bar; electron-updater still installs it at quit.
    expect(run.engine.quitInstalls()).toBe(true);
    run.engine.restart();
    expect(run.engine.view().phase).toBe('restarting');
    expect(run.engine.quitInstalls()).toBe(true);
  });

  it('"Later" hides it until a newer version is found; a restart then still waits for nothing', async () => {
    const run = await start(NEWER);
    vi.advanceTimersByTime(START_DELAY_MS);
    await run.until((v) => v.phase === 'ready');
    expect(run.engine.postpone()).toMatchObject({ phase: 'ready', version: '1.2.0', postponed: true });
    // The daily check finds the same version: still hidden, and not fetched again.
    const before = run.views.length;
    vi.advanceTimersByTime(DAILY_MS);
    expect(await run.until(() => run.views.length > before)).toMatchObject({ phase: 'ready', postponed: true });
    expect(run.feed.requests.filter((p) => p.endsWith('.yml'))).toHaveLength(2);
    expect(fileRequests(run.feed)).toHaveLength(1);
    // A newer one comes out: it downloads and shows again.
    run.feed.publish({ version: '1.3.0', fileName: 'Openfax-Desktop-Setup-1.3.0.exe', file: INSTALLER });
    vi.advanceTimersByTime(DAILY_MS);
    expect(await run.until((v) => v.phase === 'ready' && v.version === '1.3.0')).toMatchObject({ postponed: false });
  });
});

describe('nothing to do', () => {
  it('the same version: nothing is downloaded and nothing is shown, the next check is a day later', async () => {
    const run = await start({ ...NEWER, version: '0.1.0' });
    expect((await run.engine.check()).lastCheck).toMatchObject({
      outcome: 'current',
      message: 'Openfax Desktop 0.1.0 is the newest version.',
    });
    expect(run.views.map((v) => v.phase)).toEqual(['checking', 'idle']);
    expect(fileRequests(run.feed)).toEqual([]);
    expect(existsSync(join(run.cacheDir, 'pending'))).toBe(false);
    const asked = run.feed.requests.length;
    vi.advanceTimersByTime(DAILY_MS - 1);
    expect(run.feed.requests).toHaveLength(asked);
    vi.advanceTimersByTime(1);
    await run.until(() => run.feed.requests.length === asked + 1);
    expect(run.feed.requests).toHaveLength(asked + 1);
  });

  it('an older version on the feed is no update', async () => {
    const run = await start({ ...NEWER, version: '0.0.9' });
    expect((await run.engine.check()).lastCheck?.outcome).toBe('current');
    expect(fileRequests(run.feed)).toEqual([]);
  });
});

describe('refused downloads', () => {
  it('a checksum that does not match the published one: refused, said in plain words, nothing ready or installed', async () => {
    const run = await start({ ...NEWER, listedSha512: sha512(Buffer.from('another file')) });
    await run.engine.check();
    const refused = await run.until((v) => v.lastCheck?.outcome === 'refused');
    expect(refused).toMatchObject({ phase: 'idle', postponed: false });
    expect(refused.version).toBeUndefined();
    expect(refused.lastCheck?.message).toBe(
      'The update to 1.2.0 was refused: its checksum did not match the published one. Nothing was installed.',
    );
    // The file was fetched, failed, and is gone; "Restart now" has nothing to install.
    expect(fileRequests(run.feed)).toHaveLength(1);
    const pending = join(run.cacheDir, 'pending');
    expect(existsSync(pending) ? readdirSync(pending).filter((f) => f.endsWith('.exe')) : []).toEqual([]);
    expect(run.engine.restart().phase).toBe('idle');
    expect(run.updater.installs).toEqual([]);
    expect(run.views.some((v) => v.phase === 'ready')).toBe(false);
  });

  it('an installer not signed by the publisher (NSIS checks it): refused, told, nothing installed', async () => {
    // The publisher check runs on the downloaded file, after its sha512 passed.
    const run = await start(NEWER, { publisherName: SIGNED_BY, signedBy: (file) => readFileSync(file).includes('signed:Openfax') });
    await run.engine.check();
    const refused = await run.until((v) => v.lastCheck?.outcome === 'refused');
    expect(refused.lastCheck?.message).toBe(
      'The update to 1.2.0 was refused: it is not signed by the publisher of this app. Nothing was installed.',
    );
    expect(run.engine.restart().phase).toBe('idle');
    expect(run.updater.installs).toEqual([]);
  });

  it('a signed installer passes the same check', async () => {
    const signed = Buffer.concat([INSTALLER, Buffer.from('signed:Openfax')]);
    const run = await start(
      { ...NEWER, file: signed },
      { publisherName: SIGNED_BY, signedBy: (file) => readFileSync(file).includes('signed:Openfax') },
    );
    await run.engine.check();
    expect(await run.until(settled)).toMatchObject({ phase: 'ready', version: '1.2.0' });
  });
});

describe('the feed unreachable', () => {
  it('is quiet (a line in Settings only) and asked again after a backoff, then daily', async () => {
    const run = await start(NEWER);
    run.feed.setDown(true);
    vi.advanceTimersByTime(START_DELAY_MS);
    const first = await run.until((v) => v.lastCheck?.outcome === 'unreachable');
    expect(first.phase).toBe('idle');
    expect(first.lastCheck?.message).toMatch(/^Could not reach the update feed \(.+\)\. Openfax Desktop tries again later\.$/);
    expect(run.feed.dropped).toBe(1);
    // Retries at growing gaps; nothing is asked in between.
    for (const [i, gap] of RETRY_DELAYS_MS.entries()) {
      vi.advanceTimersByTime(gap - 1);
      expect(run.feed.dropped).toBe(i + 1);
      const before = run.views.length;
      vi.advanceTimersByTime(1);
      await run.until((v) => run.views.length > before && v.lastCheck?.outcome === 'unreachable' && v.phase === 'idle');
      expect(run.feed.dropped).toBe(i + 2);
    }
    // After the last retry the daily check takes over; by then the feed is back.
    run.feed.setDown(false);
    vi.advanceTimersByTime(DAILY_MS - 1);
    expect(run.feed.requests).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(await run.until((v) => v.phase === 'ready')).toMatchObject({ version: '1.2.0' });
    // Quiet: no view ever showed an update to act on before it was ready.
    expect(run.views.filter((v) => v.phase === 'ready')).toHaveLength(1);
  });

  it('a feed that comes back within the backoff is found on the first retry', async () => {
    const run = await start(NEWER);
    run.feed.setDown(true);
    await run.engine.check();
    run.feed.setDown(false);
    vi.advanceTimersByTime(RETRY_DELAYS_MS[0]);
    expect(await run.until((v) => v.phase === 'ready')).toMatchObject({ version: '1.2.0' });
  });
});

describe('the feed address', () => {
  it('refuses a plain http feed on another computer before asking anything', async () => {
    const run = await start(NEWER, { setting: 'http://updates.example.com/openfax/' });
    const view = await run.engine.check();
    expect(view.lastCheck).toMatchObject({ outcome: 'no-feed' });
    expect(view.lastCheck?.message).toMatch(/only over https:\/\//);
    expect(run.feed.requests).toEqual([]);
  });
});

describe('a feed with nothing usable in it', () => {
  it('garbage instead of the yml: told as such, not retried as a network failure, and its body kept out of the log', async () => {
    const body = 'secret-looking: [unclosed\n  token: hunter2\n';
    const run = await start({ ...NEWER, rawYml: body });
    const view = await run.engine.check();
    expect(view).toMatchObject({ phase: 'idle' });
    expect(view.lastCheck).toMatchObject({
      outcome: 'invalid-feed',
      message: `The update feed at ${run.feed.url} lists no valid update (its list of releases cannot be read). Openfax Desktop checks it again tomorrow.`,
    });
    // electron-updater logged its error, in one line and without the body.
    expect(run.logged.some((l) => l.includes('Cannot parse update info'))).toBe(true);
    expect(run.logged.join('\n')).not.toContain('hunter2');
    expect(run.logged.every((l) => !l.includes('\n'))).toBe(true);
    // Not asked again at the first retry gap: the next check is the daily one.
    const asked = run.feed.requests.length;
    vi.advanceTimersByTime(RETRY_DELAYS_MS[0]);
    expect(run.feed.requests).toHaveLength(asked);
    vi.advanceTimersByTime(DAILY_MS - RETRY_DELAYS_MS[0]);
    await run.until(() => run.feed.requests.length > asked);
  });
});

describe('a withdrawn release', () => {
  it('is dropped when the feed no longer lists it: no bar, no restart, and nothing installs it at quit', async () => {
    const run = await start(NEWER);
    vi.advanceTimersByTime(START_DELAY_MS);
    await run.until((v) => v.phase === 'ready');
    expect(run.updater.autoInstallOnAppQuit).toBe(true);
    // The publisher pulls 1.2.0: the feed lists this version again.
    run.feed.publish({ ...NEWER, version: '0.1.0' });
    const view = await run.engine.check();
    expect(view).toMatchObject({ phase: 'idle', postponed: false });
    expect(view.version).toBeUndefined();
    expect(view.lastCheck).toMatchObject({
      outcome: 'current',
      message:
        'Version 1.2.0 is no longer offered by the update feed, so it will not be installed. Openfax Desktop 0.1.0 is the newest version.',
    });
    expect(run.engine.restart().phase).toBe('idle');
    expect(run.updater.autoInstallOnAppQuit).toBe(false);
    expect(run.holds).toEqual([]);
    // A quit now installs nothing.
    expect(run.engine.quitInstalls()).toBe(false);
  });
});

describe('macOS (MacUpdater, Squirrel.Mac as the fake electron has it)', () => {
  const ZIP = Buffer.concat([Buffer.from('PK\x03\x04 Openfax Desktop 1.2.0 mac'), Buffer.alloc(128 * 1024, 5)]);
  const MAC: FeedOptions = { version: '1.2.0', fileName: 'Openfax-Desktop-1.2.0-mac.zip', file: ZIP };
  const squirrel = electronForUpdater.autoUpdater;
  afterEach(() => {
    squirrel.refuseWith = undefined;
    squirrel.installError = undefined;
    squirrel.holdVerdict = false;
    squirrel.notAvailable = false;
  });

  it('is ready only once Squirrel has fetched the verified zip and staged it', async () => {
    const run = await startMac(MAC);
    const fetchedBefore = squirrel.fetched.length;
    squirrel.holdVerdict = true;
    const held = new Promise((r) => squirrel.once('verdict-held', r));
    await run.engine.check();
    await held;
    // Squirrel has the very bytes the feed published, and is still unpacking them: not ready yet
    // (an engine that did not wait for it would be within a few turns).
    expect(squirrel.fetched.length).toBe(fetchedBefore + 1);
    expect(sha512(squirrel.fetched.at(-1) as Buffer)).toBe(sha512(ZIP));
    await turns(() => run.views.some((v) => v.phase === 'ready'), 500);
    expect(run.views.at(-1)?.phase).toBe('downloading');
    squirrel.releaseVerdict?.();
    expect(await run.until(settled)).toMatchObject({ phase: 'ready', version: '1.2.0' });
  });

  it('a zip whose code signature Squirrel refuses: refused, told, never ready', async () => {
    squirrel.refuseWith =
      'Code signature at URL file:///private/var/folders/T/update.X/Openfax%20Desktop.app/ did not pass validation: code failed to satisfy specified code requirement(s)';
    const run = await startMac(MAC);
    await run.engine.check();
    const refused = await run.until((v) => v.lastCheck?.outcome === 'refused');
    expect(refused).toMatchObject({ phase: 'idle' });
    expect(refused.lastCheck?.message).toBe(
      'The update to 1.2.0 was refused: it is not signed by the publisher of this app. Nothing was installed.',
    );
    expect(run.views.some((v) => v.phase === 'ready')).toBe(false);
  });

  it('Squirrel answering "update-not-available": told at once in its own words, not waited for, never ready', async () => {
    squirrel.notAvailable = true;
    const run = await startMac(MAC);
    await run.engine.check();
    // Squirrel fetches no zip after that answer: a port that waited for it would wait for good.
    await turns(() => run.views.at(-1)?.lastCheck?.outcome === 'refused', 5_000);
    expect(run.views.at(-1)).toMatchObject({
      phase: 'idle',
      lastCheck: {
        outcome: 'refused',
        message:
          'The update to 1.2.0 was not taken: macOS answered that it has no update to install. Nothing was installed; Openfax Desktop checks again tomorrow.',
      },
    });
    expect(run.views.some((v) => v.phase === 'ready')).toBe(false);
    // Not retried as a network failure: the next check is the daily one.
    const asked = run.feed.requests.length;
    vi.advanceTimersByTime(RETRY_DELAYS_MS[0]);
    expect(run.feed.requests).toHaveLength(asked);
  });

  it('a withdrawn release Squirrel has already prepared: told that macOS installs it at quit, not that it will not be', async () => {
    const run = await startMac(MAC);
    await run.engine.check();
    await run.until((v) => v.phase === 'ready');
    run.feed.publish({ ...MAC, version: '0.1.0' });
    const view = await run.engine.check();
    expect(view).toMatchObject({ phase: 'idle', postponed: false });
    expect(view.lastCheck).toMatchObject({
      outcome: 'current',
      message:
        'Version 1.2.0 is no longer offered by the update feed, but macOS has already prepared it: it installs when you quit Openfax Desktop.',
    });
    // A quit installs it: nothing else may start the app meanwhile.
    expect(run.engine.quitInstalls()).toBe(true);
  });

  it('"Restart now" hands over to Squirrel; an install Squirrel then fails comes back as ready, and the window with it', async () => {
    const run = await startMac(MAC);
    await run.engine.check();
    await run.until((v) => v.phase === 'ready');
    squirrel.installError = 'Cannot update while running on a read-only volume.';
    const installsBefore = squirrel.quitAndInstalls;
    const win = new electronForUpdater.BrowserWindow({});
    cleanups.push(() => win.close());
    run.engine.restart();
    const back = await run.until((v) => v.phase === 'ready');
    expect(squirrel.quitAndInstalls).toBe(installsBefore + 1);
    const failed =
      'Version 1.2.0 could not be installed (Cannot update while running on a read-only volume.). Openfax Desktop is unchanged: Restart now tries again.';
    expect(back.lastCheck).toMatchObject({ outcome: 'install-failed', message: failed });
    // Electron closed every window before Squirrel failed: the engine has the host bring one back and say why.
    expect(win.isDestroyed()).toBe(true);
    expect(run.alerts).toEqual([failed]);
    expect(run.holds).toEqual([true, false]);
    // A second try installs, and Squirrel quits the app.
    squirrel.installError = undefined;
    const quitsBefore = electronForUpdater.fake.quitCalls;
    run.engine.restart();
    await turns(() => electronForUpdater.fake.quitCalls > quitsBefore);
    expect(squirrel.quitAndInstalls).toBe(installsBefore + 2);
    expect(run.views.at(-1)?.phase).toBe('restarting');
  });
});
