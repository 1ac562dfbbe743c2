// The folders that can never be the hot folder, on Linux, macOS and Windows paths alike (the
// rule is path logic per platform, so Windows is checked here on any machine).

import { describe, expect, it } from 'vitest';
import { type HotFolderPlaces, hotFolderPlaceProblem, placesHere } from '../../../electron/settings/hot-folder-rules.ts';

const linux: HotFolderPlaces = {
  platform: 'linux',
  home: '/home/ann',
  documents: '/home/ann/Documents',
  dataDir: '/home/ann/.config/Openfax Desktop',
  tmp: '/tmp',
};
const mac: HotFolderPlaces = {
  platform: 'darwin',
  home: '/Users/ann',
  documents: '/Users/ann/Documents',
  dataDir: '/Users/ann/Library/Application Support/Openfax Desktop',
  tmp: '/var/folders/xy/T',
};
const windows: HotFolderPlaces = {
  platform: 'win32',
  home: 'C:\\Users\\ann',
  // Documents redirected to OneDrive, as Electron reports it.
  documents: 'C:\\Users\\ann\\OneDrive\\Documents',
  dataDir: 'C:\\Users\\ann\\AppData\\Roaming\\Openfax Desktop',
  tmp: 'C:\\Users\\ann\\AppData\\Local\\Temp',
  env: { SystemRoot: 'D:\\WINNT', ProgramFiles: 'C:\\Program Files', ProgramData: 'C:\\ProgramData' },
};

const refused = (path: string, places: HotFolderPlaces) => hotFolderPlaceProblem(path, places);

describe('hot folder places', () => {
  it('refuses the home folder and its Documents, Desktop and Downloads, saying to make a folder of its own', () => {
    for (const path of [
      '/home/ann',
      '/home/ann/',
      '/home/ann/Documents',
      '/home/ann/Desktop',
      '/home/ann/Downloads',
      '/home/ann/./Documents',
    ]) {
      expect(refused(path, linux), path).toMatch(/^\/home\/ann.* is your .*make a new, empty folder/);
    }
    expect(refused('/home/ann/Documents', linux)).toContain('is your Documents folder');
    expect(refused('/home/ann/Desktop', linux)).toContain('is your Desktop');
    // Their own folders inside are fine.
    for (const path of [
      '/home/ann/Documents/Faxes',
      '/home/ann/Desktop/Openfax Outbox',
      '/home/ann/faxes',
      '/srv/faxes/in',
      '/tmp/faxes',
    ]) {
      expect(refused(path, linux), path).toBeUndefined();
    }
  });

  it('refuses system folders and everything in them, and the folders that hold homes, disks and temp files', () => {
    for (const path of [
      '/',
      '/etc',
      '/etc/cups',
      '/usr',
      '/usr/local/faxes',
      '/bin',
      '/var',
      '/tmp',
      '/home',
      '/proc/self',
      '/dev/shm',
      '/mnt',
    ]) {
      expect(refused(path, linux), path).toMatch(/system folder|top of a disk|shared by the whole system|temporary files/);
    }
    expect(refused('/', linux)).toContain('the top of a disk');
    expect(refused('/mnt/share/faxes', linux)).toBeUndefined();
  });

  it("refuses the app's own data folder and anything inside it", () => {
    expect(refused('/home/ann/.config/Openfax Desktop', linux)).toMatch(/keeps its own data/);
    expect(refused('/home/ann/.config/Openfax Desktop/spool', linux)).toMatch(/keeps its own data/);
    expect(refused('/home/ann/.config/Openfax Desktop Faxes', linux)).toBeUndefined();
  });

  it('on macOS: /System, /Library, /Applications, ~/Library and /Users, whatever the case', () => {
    for (const path of [
      '/System',
      '/Library/Printers',
      '/Applications',
      '/users',
      '/Users/ann/Library/Mail',
      '/USERS/ANN/documents',
      '/Volumes',
    ]) {
      expect(refused(path, mac), path).toBeDefined();
    }
    for (const path of ['/Users/ann/Documents/Faxes', '/Volumes/Share/Faxes', '/var/folders/xy/T/faxes']) {
      expect(refused(path, mac), path).toBeUndefined();
    }
  });

  it('on Windows: drive roots, Windows and Program Files on any drive, AppData, the home and redirected Documents', () => {
    const system = [
      'C:\\',
      'D:\\',
      'C:\\Windows',
      'c:\\windows\\System32',
      'E:\\Windows\\Temp',
      'C:\\Program Files',
      'C:\\Program Files (x86)\\Openfax',
      'C:\\ProgramData\\faxes',
      'D:\\WINNT\\fax',
      'C:\\Users',
      'C:\\Users\\ann\\AppData\\Local\\Faxes',
      '\\\\server\\share',
    ];
    for (const path of system) expect(refused(path, windows), path).toMatch(/system folder|top of a disk|settings|home folders|own data/);
    for (const path of [
      'C:\\Users\\ann',
      'C:\\USERS\\ANN\\',
      'C:\\Users\\ann\\Documents',
      'C:\\Users\\ann\\OneDrive\\Documents',
      'C:\\Users\\ann\\Desktop',
    ]) {
      expect(refused(path, windows), path).toMatch(/is your .*make a new, empty folder/);
    }
    for (const path of ['C:\\Faxes', 'C:\\Users\\ann\\OneDrive\\Documents\\Faxes', 'D:\\Scans\\In', '\\\\server\\share\\Faxes']) {
      expect(refused(path, windows), path).toBeUndefined();
    }
  });

  it('knows this machine', () => {
    const here = placesHere({ dataDir: '/nowhere/data' });
    expect(refused(here.home, here)).toMatch(/your home folder/);
    expect(refused(here.documents, here)).toMatch(/your Documents folder/);
  });
});
