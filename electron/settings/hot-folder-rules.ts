// Folders that can never be the hot folder, whatever a person or a renderer asks: the hot
// folder takes every file put in it (PDFs and images to fax, anything else into Rejected), so
// pointed at Documents it would empty Documents. Refused: a disk's root, the home folder and
// its Documents, Desktop and Downloads, the folders that hold homes or mounted disks, system
// folders (and anything inside them), and the app's own data folder. The rule is pure path
// logic, per platform (path.win32 or path.posix), so it is tested for Windows on any machine.

import { homedir, tmpdir } from 'node:os';
import { posix, win32 } from 'node:path';

/** Where this machine keeps things, as the rule needs them. */
export interface HotFolderPlaces {
  platform: NodeJS.Platform;
  home: string;
  /** The Documents folder (Electron's app.getPath('documents'): it follows folder redirection). */
  documents: string;
  /** Openfax Desktop's data folder. */
  dataDir: string;
  tmp?: string;
  /** Windows' own folders from the environment (SystemRoot, ProgramFiles, …), wherever they are. */
  env?: Partial<Record<'SystemRoot' | 'windir' | 'ProgramFiles' | 'ProgramFiles(x86)' | 'ProgramData', string>>;
}

/** This machine's places (`home`: the CLI's HOME, a test's temp one; else the OS's). */
export function placesHere(opts: { dataDir: string; documents?: string; home?: string }): HotFolderPlaces {
  const home = opts.home || homedir();
  const pathApi = process.platform === 'win32' ? win32 : posix;
  return {
    platform: process.platform,
    home,
    documents: opts.documents ?? pathApi.join(home, 'Documents'),
    dataDir: opts.dataDir,
    tmp: tmpdir(),
    env: {
      SystemRoot: process.env.SystemRoot,
      windir: process.env.windir,
      ProgramFiles: process.env.ProgramFiles,
      'ProgramFiles(x86)': process.env['ProgramFiles(x86)'],
      ProgramData: process.env.ProgramData,
    },
  };
}

// System folders: neither they nor anything inside them.
const POSIX_SYSTEM = [
  '/etc',
  '/usr',
  '/bin',
  '/sbin',
  '/lib',
  '/lib32',
  '/lib64',
  '/boot',
  '/dev',
  '/proc',
  '/sys',
  '/run',
  '/opt',
  '/snap',
];
const MAC_SYSTEM = ['/System', '/Library', '/Applications', '/private/etc', '/cores'];
// Folders that hold other people's homes, mounted disks or everyone's temporary files: not
// themselves (folders inside them are someone's own: /tmp/faxes, /Volumes/Share/Faxes).
const POSIX_SHARED = [
  '/home',
  '/Users',
  '/root',
  '/mnt',
  '/media',
  '/Volumes',
  '/tmp',
  '/var',
  '/var/tmp',
  '/private',
  '/private/tmp',
  '/srv',
];
/** Windows' system folders on any drive, as the first folder below the drive's root. */
const WINDOWS_SYSTEM_NAMES = [
  'windows',
  'program files',
  'program files (x86)',
  'programdata',
  '$recycle.bin',
  'system volume information',
];

type Refusal = 'personal' | 'system' | 'data';

const WORDS: Record<Refusal, (path: string, what: string) => string> = {
  personal: (path, what) =>
    `${path} is ${what}. The hot folder takes every file put in it, so it needs a folder of its own: make a new, empty folder (for example "Openfax Outbox" inside it) and choose that one.`,
  system: (path, what) => `${path} is ${what}. Choose a folder of your own for the hot folder, for example "Openfax Outbox" in Documents.`,
  data: (path) =>
    `${path} is where Openfax Desktop keeps its own data. Choose a folder of your own for the hot folder, for example "Openfax Outbox" in Documents.`,
};

/** Paths as a platform's file systems compare them: Windows and macOS without case (NTFS and APFS by default). */
function pathRules(platform: NodeJS.Platform) {
  const p = platform === 'win32' ? win32 : posix;
  const fold = platform === 'win32' || platform === 'darwin' ? (s: string) => s.toLowerCase() : (s: string) => s;
  const norm = (s: string) => {
    const n = p.normalize(s);
    const root = p.parse(n).root;
    return fold(n.length > root.length ? n.replace(/[\\/]+$/, '') : n);
  };
  /** Whether `path` is `folder` or somewhere inside it (both absolute). */
  const inside = (path: string, folder: string) => {
    if (!p.isAbsolute(folder)) return false;
    const base = norm(folder);
    const target = norm(path);
    if (base === target) return true;
    const rel = p.relative(base, target);
    return !!rel && !rel.startsWith('..') && !p.isAbsolute(rel);
  };
  return { p, norm, inside };
}

/**
 * The one rule between the archive folder and the hot folder (the printer's output folder too):
 * the archive may not be the hot folder or inside it, or the hot folder would take each archived
 * PDF (gone from the archive, perhaps faxed again) and its own Rejected and Needs review folders
 * would fill with archive copies. The other way round is fine: both use only their own top level
 * (the hot folder leaves subfolders alone), so Documents can hold the hot folder and be the archive.
 * Asked when either folder is chosen (archive-folder.ts, hot-folder-gate.ts).
 */
export function archiveInHotFolder(archive: string, hotFolder: string, platform: NodeJS.Platform): boolean {
  return !!archive && !!hotFolder && pathRules(platform).inside(archive, hotFolder);
}

/** Why `path` can never be the hot folder, in words naming the fix; undefined when it may be. */
export function hotFolderPlaceProblem(path: string, places: HotFolderPlaces): string | undefined {
  const refusal = placeRefusal(path, places);
  return refusal && WORDS[refusal.kind](path, refusal.what);
}

/**
 * What kind of place `path` is when it is one a folder of ours must not be: the person's own
 * (home, Documents, Desktop, Downloads), the system's, or the app's data. The hot folder refuses
 * all three; the archive folder, which only adds files, the last two (archive-folder.ts).
 */
export function placeRefusal(path: string, places: HotFolderPlaces): { kind: Refusal; what: string } | undefined {
  const windows = places.platform === 'win32';
  const { p, norm, inside } = pathRules(places.platform);
  const target = norm(path);
  const same = (other: string | undefined) => !!other && p.isAbsolute(other) && norm(other) === target;
  const within = (other: string | undefined) => !!other && inside(path, other);
  const refuse = (kind: Refusal, what: string) => ({ kind, what });

  if (within(places.dataDir)) return refuse('data', '');
  // A drive, "/", or a Windows share's top (\\server\share): the whole disk.
  if (p.parse(target).root === target) return refuse('system', 'the top of a disk');
  const personal: Array<[string, string]> = [
    [places.home, 'your home folder'],
    [places.documents, 'your Documents folder'],
    [p.join(places.home, 'Documents'), 'your Documents folder'],
    [p.join(places.home, 'Desktop'), 'your Desktop'],
    [p.join(places.home, 'Downloads'), 'your Downloads folder'],
  ];
  for (const [folder, what] of personal) if (same(folder)) return refuse('personal', what);
  if (same(places.tmp)) return refuse('system', 'the folder for temporary files');

  if (windows) {
    const rest = target.slice(p.parse(target).root.length).split('\\');
    const env = places.env ?? {};
    const named = [env.SystemRoot, env.windir, env.ProgramFiles, env['ProgramFiles(x86)'], env.ProgramData];
    if (WINDOWS_SYSTEM_NAMES.includes(rest[0]?.toLowerCase() ?? '') || named.some(within))
      return refuse('system', 'a Windows system folder');
    if (within(p.join(places.home, 'AppData'))) return refuse('system', 'a folder where programs keep their settings');
    if (same(p.dirname(places.home))) return refuse('system', 'the folder that holds everyone’s home folders');
    return undefined;
  }
  const system = places.platform === 'darwin' ? [...POSIX_SYSTEM, ...MAC_SYSTEM] : POSIX_SYSTEM;
  if (system.some(within)) return refuse('system', 'a system folder');
  if (places.platform === 'darwin' && within(p.join(places.home, 'Library'))) {
    return refuse('system', 'a folder where programs keep their settings');
  }
  if (POSIX_SHARED.some(same) || same(p.dirname(places.home))) return refuse('system', 'a folder shared by the whole system');
  return undefined;
}
